#include "modules/cases/indicators/indicator_hooks.hpp"

#include "core/module_names.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/cases/indicators/indicator_store.hpp"

namespace jiceng::cases {

using Deltas = std::map<std::string, std::int64_t>;

namespace {

std::string Day(std::int64_t ms) { return core::time::LocalDate(ms); }

// Where a case counts as "due": the day of its handling deadline, under its units. Cases that
// never reached handling, were rejected or merged are not due anywhere.
struct DueKey {
  std::vector<std::string> units;
  std::string day;
  bool deferred = false;
  bool operator==(const DueKey&) const = default;
};

std::optional<DueKey> DueOf(const Case& c, bool deferred) {
  if (!c.handling_due_at || c.duplicate_of || c.status == "rejected") return std::nullopt;
  return DueKey{UnitsOf(c), Day(*c.handling_due_at), deferred};
}

}  // namespace

Result<void> CountReport(IndicatorSink& sink, const Case& c) {
  return sink.Add(UnitsOf(c), c.category_code, Day(c.created_at), {{"reported", 1}});
}

Result<void> CountAction(IndicatorSink& store, const ActionFacts& f) {
  const Case& c = f.after;
  auto units = UnitsOf(c);
  std::string today = Day(f.now_ms);
  // The due registration moves with the deadline (dispatch, extension, rework, resume) or the
  // department (return, redispatch).
  auto due_before = DueOf(f.before, f.deferred_before);
  auto due_after = DueOf(c, f.deferred_after);
  if (due_before != due_after) {
    if (due_before) {
      JC_TRY(store.Add(due_before->units, c.category_code, due_before->day,
                       {{"due", -1}, {"deferred", due_before->deferred ? -1 : 0}}));
    }
    if (due_after) {
      JC_TRY(store.Add(due_after->units, c.category_code, due_after->day,
                       {{"due", 1}, {"deferred", due_after->deferred ? 1 : 0}}));
    }
  }
  Deltas today_deltas;
  switch (f.action) {
    case CaseAction::kDispatch:
      today_deltas["dispatched"] = 1;
      break;
    case CaseAction::kAccept:
      today_deltas["accepted"] = 1;
      break;
    case CaseAction::kApproveExtension:
      today_deltas["extended"] = 1;
      break;
    case CaseAction::kVerify:
      today_deltas["verified"] = 1;
      break;
    case CaseAction::kRework:
      today_deltas["reworked"] = 1;
      break;
    case CaseAction::kResolve:
      today_deltas["resolved"] = 1;
      today_deltas["handling_minutes"] = f.handling_minutes.value_or(0);
      break;
    case CaseAction::kFollowUp: {
      std::string satisfaction = f.data.value("satisfaction", "");
      today_deltas = {{"followups", 1},
                      {"followup_resolved", f.data.value("resolved", false) ? 1 : 0},
                      {"satisfied", satisfaction == "satisfied" ? 1 : 0},
                      {"mostly_satisfied", satisfaction == "mostly" ? 1 : 0}};
      break;
    }
    case CaseAction::kClose:
      // Closure counts in the bucket where the case is due, so closed ≤ due per period.
      if (due_after && c.closed_at) {
        bool on_time = *c.closed_at <= *c.handling_due_at;
        JC_TRY(store.Add(due_after->units, c.category_code, due_after->day,
                         {{"closed", 1},
                          {"closed_on_time", on_time ? 1 : 0},
                          {"closed_on_time_undeferred", on_time && !due_after->deferred ? 1 : 0}}));
      }
      break;
    default:
      break;
  }
  if (!today_deltas.empty()) JC_TRY(store.Add(units, c.category_code, today, today_deltas));
  return {};
}

}  // namespace jiceng::cases
