// The case state machine (STANDARDS.md "Case workflow"), as data: which action moves a case
// from which states to which state, and which permission it needs. Pure: no I/O.
//
//   reported → filed → dispatched → accepted → handling → resolved → verified → closed
//   reject (reported → rejected), return (dispatched → filed: disputed dispatch),
//   rework (resolved → handling: failed verification), suspend/resume, merge (a duplicate).
// Actions that keep the state (extension, escalate, supervise, follow-up, note) are listed too,
// so one table answers "may this user do this now".
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jiceng::cases {

enum class CaseStatus {
  kReported,
  kFiled,
  kDispatched,
  kAccepted,
  kHandling,
  kResolved,
  kVerified,
  kClosed,
  kRejected,
  kSuspended
};

enum class CaseAction {
  kFile,
  kReject,
  kDispatch,
  kReturn,
  kAccept,
  kStart,
  kResolve,
  kVerify,
  kRework,
  kClose,
  kSuspend,
  kResume,
  kMerge,
  kRequestExtension,
  kApproveExtension,
  kDenyExtension,
  kEscalate,
  kSupervise,
  kFollowUp,
  kNote
};

const char* StatusName(CaseStatus s);
std::optional<CaseStatus> ParseStatus(std::string_view name);
const char* ActionName(CaseAction a);
std::optional<CaseAction> ParseAction(std::string_view name);
// Chinese label for timelines and the UI.
const char* StatusLabel(CaseStatus s);
const char* ActionLabel(CaseAction a);

// Still counted as open (not closed, rejected or merged).
bool IsOpen(CaseStatus s);

struct ActionRule {
  CaseAction action;
  std::vector<CaseStatus> from;
  std::optional<CaseStatus> to;  // nullopt: the state stays (or, for resume, returns)
  const char* permission;
  bool note_required;
};

const std::vector<ActionRule>& ActionRules();
const ActionRule& RuleOf(CaseAction a);

// The state after `action`, or 409 cases.transition.illegal. `before_suspend` is the state a
// suspended case returns to on resume.
core::Result<CaseStatus> NextStatus(CaseStatus current, CaseAction action,
                                    std::optional<CaseStatus> before_suspend = std::nullopt);

// Actions possible from a state (for the UI's buttons), before permissions.
std::vector<CaseAction> ActionsFrom(CaseStatus s);

}  // namespace jiceng::cases
