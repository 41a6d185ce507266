#include "modules/cases/deadline_timer.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/deadline_timer_store.hpp"

namespace jiceng::cases {

namespace {

Result<void> Record(CasesContext& ctx, core::db::Session& s, const DueCase& due, const char* action,
                    TimerFlag flag, std::int64_t now) {
  JC_TRY(DeadlineTimerStore(s).SetFlag(due.id, flag));
  CaseEvent e{0,
              due.id,
              action,
              due.status,
              due.status,
              std::nullopt,
              "系统",
              "",
              nlohmann::json{{"due_at", core::time::FormatIsoUtc(due.due_at)}}.dump(),
              now};
  return CaseStore(s, *ctx.cipher).AppendEvent(e);
}

}  // namespace

Result<SweepResult> SweepDeadlines(CasesContext& ctx, std::int64_t now, int batch) {
  SweepResult out;
  auto calendar = ctx.calendar.Get();
  // The whole installation: the timer acts for the system, not for a user.
  const auto scope = core::auth::Scope::All();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DeadlineTimerStore store(s);
    JC_ASSIGN_OR_RETURN(auto late, store.LateStages(scope, now, batch));
    for (const auto& due : late) {
      JC_TRY(Record(ctx, s, due, "overdue", TimerFlag::kOverdue, now));
      ++out.overdue;
    }
    // Candidates within three natural days; the calendar decides which are within the window.
    constexpr std::int64_t kHorizon = 3LL * 24 * 3600 * 1000;
    JC_ASSIGN_OR_RETURN(auto soon, store.StagesDueBetween(scope, now, now + kHorizon, batch));
    for (const auto& due : soon) {
      if (calendar->WorkingMinutesBetween(now, due.due_at) > kWarnWorkingMinutes) continue;
      JC_TRY(Record(ctx, s, due, "due_soon", TimerFlag::kWarned, now));
      ++out.warned;
    }
    // Hotline callers must hear back by feedback_due_at whatever the handling stage (natural
    // time, DB11/T 2021-2022); a lapse is recorded once, merged tickets are answered by their
    // original.
    JC_ASSIGN_OR_RETURN(auto lapsed, store.LapsedCallBacks(scope, now, batch));
    for (const auto& due : lapsed) {
      JC_TRY(Record(ctx, s, due, "feedback_overdue", TimerFlag::kFeedbackOverdue, now));
      ++out.feedback_overdue;
    }
    return {};
  }));
  return out;
}

void DeadlineTimer::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    // The first pass comes one period after start (start-up stays quick, and tests on a manual
    // clock sweep through the admin route without racing the timer).
    while (!cv_.wait_for(lock, period_, [this] { return stop_; })) {
      lock.unlock();
      auto r = SweepDeadlines(ctx_, ctx_.clock.NowMs());
      if (!r.ok()) {
        spdlog::warn("cases: deadline sweep failed: {}", r.error().message);
      } else if (r->overdue || r->warned || r->feedback_overdue) {
        spdlog::info("cases: {} stages overdue, {} due soon, {} call-backs late", r->overdue,
                     r->warned, r->feedback_overdue);
      }
      lock.lock();
    }
  });
}

void DeadlineTimer::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace jiceng::cases
