#include "modules/cases/deadline_timer.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/time/clock.hpp"
#include "modules/cases/case_store.hpp"

namespace jiceng::cases {

using core::Result;

namespace {

constexpr const char* kOpenStages = "status NOT IN ('closed', 'rejected', 'suspended')";

Result<void> Record(CasesContext& ctx, core::db::Session& s, std::int64_t id,
                    const std::string& status, const char* action, const char* flag,
                    std::int64_t due, std::int64_t now) {
  JC_TRY(s.Exec(std::string("UPDATE cases_cases SET ") + flag + " = 1 WHERE id = $1", {id}));
  CaseEvent e{0,      id,     action,
              status, status, std::nullopt,
              "系统", "",     nlohmann::json{{"due_at", core::time::FormatIsoUtc(due)}}.dump(),
              now};
  return CaseStore(s, *ctx.cipher).AppendEvent(e);
}

}  // namespace

Result<SweepResult> SweepDeadlines(CasesContext& ctx, std::int64_t now, int batch) {
  SweepResult out;
  auto calendar = ctx.calendar.Get();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    std::string limit = " ORDER BY stage_due_at LIMIT " + std::to_string(batch);
    JC_ASSIGN_OR_RETURN(
        auto late, s.Query(std::string("SELECT id, status, stage_due_at FROM cases_cases WHERE "
                                       "overdue = 0 AND stage_due_at < $1 AND ") +
                               kOpenStages + limit,
                           {now}));
    for (std::size_t i = 0; i < late.size(); ++i) {
      JC_TRY(Record(ctx, s, late[i].Int(0), late[i].Text(1), "overdue", "overdue", late[i].Int(2),
                    now));
      ++out.overdue;
    }
    // Candidates within three natural days; the calendar decides which are within the window.
    constexpr std::int64_t kHorizon = 3LL * 24 * 3600 * 1000;
    JC_ASSIGN_OR_RETURN(
        auto soon, s.Query(std::string("SELECT id, status, stage_due_at FROM cases_cases WHERE "
                                       "overdue = 0 AND warned = 0 AND stage_due_at >= $1 AND "
                                       "stage_due_at < $2 AND ") +
                               kOpenStages + limit,
                           {now, now + kHorizon}));
    for (std::size_t i = 0; i < soon.size(); ++i) {
      std::int64_t due = soon[i].Int(2);
      if (calendar->WorkingMinutesBetween(now, due) > kWarnWorkingMinutes) continue;
      JC_TRY(Record(ctx, s, soon[i].Int(0), soon[i].Text(1), "due_soon", "warned", due, now));
      ++out.warned;
    }
    // Hotline callers must hear back by feedback_due_at whatever the handling stage (natural
    // time, DB11/T 2021-2022); a lapse is recorded once, merged tickets are answered by their
    // original.
    JC_ASSIGN_OR_RETURN(
        auto lapsed, s.Query("SELECT id, status, feedback_due_at FROM cases_cases WHERE "
                             "feedback_due_at < $1 AND feedback_overdue = 0 AND followed_up_at IS "
                             "NULL AND duplicate_of IS NULL AND status <> 'rejected' ORDER BY "
                             "feedback_due_at LIMIT " +
                                 std::to_string(batch),
                             {now}));
    for (std::size_t i = 0; i < lapsed.size(); ++i) {
      JC_TRY(Record(ctx, s, lapsed[i].Int(0), lapsed[i].Text(1), "feedback_overdue",
                    "feedback_overdue", lapsed[i].Int(2), now));
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
