// The SQL of the deadline timer: the cases whose stage or call-back deadline has come, and the
// flags that record each lapse once (overdue, warned, feedback_overdue on cases_cases).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::cases {

struct DueCase {
  std::int64_t id = 0;
  std::string status;
  std::int64_t due_at = 0;  // stage_due_at, or feedback_due_at for call-backs
};

enum class TimerFlag { kOverdue, kWarned, kFeedbackOverdue };

class DeadlineTimerStore {
 public:
  explicit DeadlineTimerStore(core::db::Session& s) : s_(s) {}

  // Open stages not yet marked overdue whose due time is before now, earliest first.
  core::Result<std::vector<DueCase>> LateStages(const core::auth::Scope& scope, std::int64_t now,
                                                int batch);
  // Open stages neither overdue nor warned, due in [from, to), earliest first.
  core::Result<std::vector<DueCase>> StagesDueBetween(const core::auth::Scope& scope,
                                                      std::int64_t from, std::int64_t to,
                                                      int batch);
  // Cases whose caller has not heard back by feedback_due_at < now, not yet flagged; merged and
  // rejected cases excluded (their original, or nobody, answers).
  core::Result<std::vector<DueCase>> LapsedCallBacks(const core::auth::Scope& scope,
                                                     std::int64_t now, int batch);
  core::Result<void> SetFlag(std::int64_t case_id, TimerFlag flag);

 private:
  core::Result<std::vector<DueCase>> Due(const std::string& where, core::db::Params params,
                                         const core::auth::Scope& scope,
                                         const std::string& due_column, int batch);
  core::db::Session& s_;
};

}  // namespace jiceng::cases
