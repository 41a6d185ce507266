#include "modules/cases/deadline_timer_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

constexpr const char* kOpenStages = "status NOT IN ('closed', 'rejected', 'suspended')";

const char* FlagColumn(TimerFlag flag) {
  switch (flag) {
    case TimerFlag::kOverdue:
      return "overdue";
    case TimerFlag::kWarned:
      return "warned";
    case TimerFlag::kFeedbackOverdue:
      return "feedback_overdue";
  }
  return "overdue";
}

}  // namespace

Result<std::vector<DueCase>> DeadlineTimerStore::Due(const std::string& where,
                                                     core::db::Params params,
                                                     const core::auth::Scope& scope,
                                                     const std::string& due_column, int batch) {
  // A case belongs to its grid or its handling department, as in CaseStore.
  std::string sql = "SELECT id, status, " + due_column + " FROM cases_cases WHERE " + where +
                    " AND (" + scope.Sql("org_code", params) + " OR " +
                    scope.Sql("department_code", params) + ") ORDER BY " + due_column + " LIMIT " +
                    std::to_string(batch);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<DueCase> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows[i].Int(0), rows[i].Text(1), rows[i].Int(2)});
  return out;
}

Result<std::vector<DueCase>> DeadlineTimerStore::LateStages(const core::auth::Scope& scope,
                                                            std::int64_t now, int batch) {
  return Due(std::string("overdue = 0 AND stage_due_at < $1 AND ") + kOpenStages, {now}, scope,
             "stage_due_at", batch);
}

Result<std::vector<DueCase>> DeadlineTimerStore::StagesDueBetween(const core::auth::Scope& scope,
                                                                  std::int64_t from,
                                                                  std::int64_t to, int batch) {
  return Due(std::string("overdue = 0 AND warned = 0 AND stage_due_at >= $1 AND "
                         "stage_due_at < $2 AND ") +
                 kOpenStages,
             {from, to}, scope, "stage_due_at", batch);
}

Result<std::vector<DueCase>> DeadlineTimerStore::LapsedCallBacks(const core::auth::Scope& scope,
                                                                 std::int64_t now, int batch) {
  return Due(
      "feedback_due_at < $1 AND feedback_overdue = 0 AND followed_up_at IS NULL AND "
      "duplicate_of IS NULL AND status <> 'rejected'",
      {now}, scope, "feedback_due_at", batch);
}

Result<void> DeadlineTimerStore::SetFlag(std::int64_t case_id, TimerFlag flag) {
  JC_TRY(s_.Exec(std::string("UPDATE cases_cases SET ") + FlagColumn(flag) + " = 1 WHERE id = $1",
                 {case_id}));
  return {};
}

}  // namespace jiceng::cases
