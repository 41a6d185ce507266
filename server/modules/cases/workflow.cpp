#include "modules/cases/workflow.hpp"

#include <algorithm>
#include <array>

namespace jiceng::cases {

namespace {

using S = CaseStatus;
using A = CaseAction;

struct StatusText {
  S status;
  const char* name;
  const char* label;
};
constexpr std::array<StatusText, 10> kStatuses{{{S::kReported, "reported", "待立案"},
                                                {S::kFiled, "filed", "待派遣"},
                                                {S::kDispatched, "dispatched", "待签收"},
                                                {S::kAccepted, "accepted", "已签收"},
                                                {S::kHandling, "handling", "处置中"},
                                                {S::kResolved, "resolved", "待核查"},
                                                {S::kVerified, "verified", "待结案"},
                                                {S::kClosed, "closed", "已结案"},
                                                {S::kRejected, "rejected", "不予立案"},
                                                {S::kSuspended, "suspended", "已挂起"}}};

struct ActionText {
  A action;
  const char* name;
  const char* label;
};
constexpr std::array<ActionText, 20> kActions{
    {{A::kFile, "file", "立案"},
     {A::kReject, "reject", "不予立案"},
     {A::kDispatch, "dispatch", "派遣"},
     {A::kReturn, "return", "退回"},
     {A::kAccept, "accept", "签收"},
     {A::kStart, "start", "开始处置"},
     {A::kResolve, "resolve", "处置完毕"},
     {A::kVerify, "verify", "核查通过"},
     {A::kRework, "rework", "核查不通过，返工"},
     {A::kClose, "close", "结案"},
     {A::kSuspend, "suspend", "挂起"},
     {A::kResume, "resume", "恢复"},
     {A::kMerge, "merge", "合并重复案件"},
     {A::kRequestExtension, "request_extension", "申请延期"},
     {A::kApproveExtension, "approve_extension", "批准延期"},
     {A::kDenyExtension, "deny_extension", "驳回延期"},
     {A::kEscalate, "escalate", "提级（吹哨报到）"},
     {A::kSupervise, "supervise", "督办"},
     {A::kFollowUp, "follow_up", "回访"},
     {A::kNote, "note", "备注"}}};

const std::vector<S> kWorking = {S::kDispatched, S::kAccepted, S::kHandling};
const std::vector<S> kOpenStates = {S::kReported, S::kFiled,    S::kDispatched, S::kAccepted,
                                    S::kHandling, S::kResolved, S::kVerified,   S::kSuspended};

}  // namespace

const char* StatusName(CaseStatus s) {
  for (const auto& t : kStatuses)
    if (t.status == s) return t.name;
  return "reported";
}

const char* StatusLabel(CaseStatus s) {
  for (const auto& t : kStatuses)
    if (t.status == s) return t.label;
  return "";
}

std::optional<CaseStatus> ParseStatus(std::string_view name) {
  for (const auto& t : kStatuses)
    if (name == t.name) return t.status;
  return std::nullopt;
}

const char* ActionName(CaseAction a) {
  for (const auto& t : kActions)
    if (t.action == a) return t.name;
  return "note";
}

const char* ActionLabel(CaseAction a) {
  for (const auto& t : kActions)
    if (t.action == a) return t.label;
  return "";
}

std::optional<CaseAction> ParseAction(std::string_view name) {
  for (const auto& t : kActions)
    if (name == t.name) return t.action;
  return std::nullopt;
}

bool IsOpen(CaseStatus s) { return s != S::kClosed && s != S::kRejected; }

const std::vector<ActionRule>& ActionRules() {
  // Permissions: cases.file / cases.dispatch (dispatch centre), cases.handle (departments),
  // cases.verify (grid worker or centre checks the result), cases.close, cases.supervise.
  static const std::vector<ActionRule> kRules = {
      {A::kFile, {S::kReported}, S::kFiled, "cases.file", false},
      {A::kReject, {S::kReported}, S::kRejected, "cases.file", true},
      {A::kMerge, {S::kReported, S::kFiled}, S::kClosed, "cases.file", false},
      {A::kDispatch, {S::kFiled}, S::kDispatched, "cases.dispatch", false},
      {A::kReturn, {S::kDispatched}, S::kFiled, "cases.handle", true},
      {A::kAccept, {S::kDispatched}, S::kAccepted, "cases.handle", false},
      {A::kStart, {S::kAccepted}, S::kHandling, "cases.handle", false},
      {A::kResolve, {S::kAccepted, S::kHandling}, S::kResolved, "cases.handle", true},
      {A::kVerify, {S::kResolved}, S::kVerified, "cases.verify", false},
      {A::kRework, {S::kResolved}, S::kHandling, "cases.verify", true},
      {A::kClose, {S::kVerified}, S::kClosed, "cases.close", false},
      {A::kSuspend,
       {S::kFiled, S::kDispatched, S::kAccepted, S::kHandling},
       S::kSuspended,
       "cases.supervise",
       true},
      {A::kResume, {S::kSuspended}, std::nullopt, "cases.supervise", false},
      {A::kRequestExtension, kWorking, std::nullopt, "cases.handle", true},
      {A::kApproveExtension, kWorking, std::nullopt, "cases.supervise", false},
      {A::kDenyExtension, kWorking, std::nullopt, "cases.supervise", true},
      {A::kEscalate,
       {S::kFiled, S::kDispatched, S::kAccepted, S::kHandling},
       std::nullopt,
       "cases.dispatch",
       true},
      {A::kSupervise, kOpenStates, std::nullopt, "cases.supervise", true},
      // The caller or resident may be asked once the department reports it handled.
      {A::kFollowUp,
       {S::kResolved, S::kVerified, S::kClosed},
       std::nullopt,
       "cases.follow_up",
       false},
      {A::kNote, kOpenStates, std::nullopt, "cases.read", true},
  };
  return kRules;
}

const ActionRule& RuleOf(CaseAction a) {
  for (const auto& r : ActionRules())
    if (r.action == a) return r;
  return ActionRules().back();
}

core::Result<CaseStatus> NextStatus(CaseStatus current, CaseAction action,
                                    std::optional<CaseStatus> before_suspend) {
  const ActionRule& rule = RuleOf(action);
  if (std::find(rule.from.begin(), rule.from.end(), current) == rule.from.end()) {
    return core::DomainError::Conflict(
        "cases.transition.illegal",
        std::string("案件当前为“") + StatusLabel(current) + "”，不能" + ActionLabel(action));
  }
  if (rule.to) return *rule.to;
  if (action == A::kResume) {
    if (!before_suspend || *before_suspend == S::kSuspended || !IsOpen(*before_suspend)) {
      return core::DomainError::Conflict("cases.transition.illegal",
                                         "找不到挂起前的状态，无法恢复");
    }
    return *before_suspend;
  }
  return current;
}

std::vector<CaseAction> ActionsFrom(CaseStatus s) {
  std::vector<CaseAction> out;
  for (const auto& r : ActionRules())
    if (std::find(r.from.begin(), r.from.end(), s) != r.from.end()) out.push_back(r.action);
  return out;
}

}  // namespace jiceng::cases
