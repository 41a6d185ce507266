// Due times from a category's deadline rule on the working-day calendar, and how each workflow
// action moves a case's deadlines (one pure function shared by the workflow and the demo seed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/time/work_calendar.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

// The rule of a stage for an urgency, if the category has one.
std::optional<CategoryDeadline> FindDeadline(const Category& c, const std::string& stage,
                                             const std::string& urgency);

// start + the rule: natural minutes, working minutes, or working days (legal convention).
std::int64_t DueAt(const core::time::WorkCalendar& calendar, const CategoryDeadline& rule,
                   std::int64_t start_ms);

// Villages (segment 200–399 of a 12-digit code) verify within the rural deadline, the rest
// (communities) within the urban one (STANDARDS.md: 1 h urban / 2 h rural).
std::string VerificationStage(const std::string& org_code);

// A case's deadlines: the current stage's (what overdue and warnings watch) and the handling
// deadline set at dispatch (what on-time indicators measure).
struct DeadlineState {
  std::optional<std::int64_t> stage_due_at;
  std::optional<std::int64_t> handling_due_at;
  bool operator==(const DeadlineState&) const = default;
};

// One action taken on the case at `at`, with what the deadlines depend on.
struct DeadlineStep {
  CaseAction action = CaseAction::kNote;
  std::int64_t at = 0;
  int extension_days = 0;                    // approve_extension: the working days granted
  std::optional<std::int64_t> suspended_at;  // resume: when the suspension began
};

// The limits that apply to the case: its category's rules for its urgency, on the calendar;
// its grid picks the verification limit.
struct DeadlineLimits {
  const core::time::WorkCalendar& calendar;
  const Category& category;
  const std::string& urgency;
  const std::string& org_code;
};

// The deadlines after the step. A stage without a rule in the category has no due time.
DeadlineState MoveDeadlines(const DeadlineState& state, const DeadlineStep& step,
                            const DeadlineLimits& limits);

}  // namespace jiceng::cases
