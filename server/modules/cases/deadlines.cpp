#include "modules/cases/deadlines.hpp"

namespace jiceng::cases {

std::optional<CategoryDeadline> FindDeadline(const Category& c, const std::string& stage,
                                             const std::string& urgency) {
  for (const auto& d : c.deadlines)
    if (d.stage == stage && d.urgency == urgency) return d;
  return std::nullopt;
}

std::int64_t DueAt(const core::time::WorkCalendar& calendar, const CategoryDeadline& rule,
                   std::int64_t start_ms) {
  if (rule.unit == "minutes") return start_ms + static_cast<std::int64_t>(rule.amount) * 60000;
  if (rule.unit == "working_days") return calendar.AddWorkingDays(start_ms, rule.amount);
  return calendar.AddWorkingMinutes(start_ms, rule.amount);
}

std::string VerificationStage(const std::string& org_code) {
  if (org_code.size() >= 12) {
    const std::string segment = org_code.substr(9, 3);
    if (segment >= "200" && segment <= "399")
      return "verification_rural";  // 3 digits compare as text
  }
  return "verification_urban";
}

DeadlineState MoveDeadlines(const DeadlineState& state, const DeadlineStep& step,
                            const DeadlineLimits& limits) {
  auto due = [&](const std::string& stage) -> std::optional<std::int64_t> {
    auto rule = FindDeadline(limits.category, stage, limits.urgency);
    if (!rule) return std::nullopt;
    return DueAt(limits.calendar, *rule, step.at);
  };
  DeadlineState next = state;
  switch (step.action) {
    case CaseAction::kDispatch:
    case CaseAction::kEscalate:  // a summoned department starts a new handling period
      next.handling_due_at = due("handling");
      next.stage_due_at = next.handling_due_at;
      break;
    case CaseAction::kReturn:
      next.stage_due_at = due("dispatch");
      break;
    case CaseAction::kResolve:
      next.stage_due_at = due(VerificationStage(limits.org_code));
      break;
    case CaseAction::kRework:
      // The rework gets its own stage deadline; the case's handling deadline (what on-time
      // indicators measure) stays, so sending a case back never makes a late case on time.
      next.stage_due_at = due("handling");
      break;
    case CaseAction::kApproveExtension:
      if (state.handling_due_at) {
        next.handling_due_at =
            limits.calendar.AddWorkingDays(*state.handling_due_at, step.extension_days);
        next.stage_due_at = next.handling_due_at;
      }
      break;
    case CaseAction::kResume: {
      // The clock stops while suspended: due times move by the working time it lasted.
      std::int64_t paused = step.suspended_at
                                ? limits.calendar.WorkingMinutesBetween(*step.suspended_at, step.at)
                                : 0;
      if (state.stage_due_at)
        next.stage_due_at = limits.calendar.AddWorkingMinutes(*state.stage_due_at, paused);
      if (state.handling_due_at)
        next.handling_due_at = limits.calendar.AddWorkingMinutes(*state.handling_due_at, paused);
      break;
    }
    case CaseAction::kVerify:
    case CaseAction::kClose:
    case CaseAction::kReject:
    case CaseAction::kMerge:
      next.stage_due_at.reset();
      break;
    default:
      break;
  }
  return next;
}

}  // namespace jiceng::cases
