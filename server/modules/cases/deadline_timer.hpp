// The deadline timer: marks stages overdue and warns before they are due, once each, as
// timeline events (actor "系统"). The module runs it every minute; admins can run it at once.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

struct SweepResult {
  std::int64_t overdue = 0;           // stages newly marked overdue
  std::int64_t warned = 0;            // stages newly warned
  std::int64_t feedback_overdue = 0;  // hotline callers newly past their call-back deadline
};

// Working minutes before a due time when the warning is given.
inline constexpr std::int64_t kWarnWorkingMinutes = 60;

// One pass at `now`; at most `batch` cases of each kind (the next pass takes the rest).
core::Result<SweepResult> SweepDeadlines(CasesContext& ctx, std::int64_t now_ms, int batch = 500);

// Runs SweepDeadlines every `period` on its own thread until Stop().
class DeadlineTimer {
 public:
  DeadlineTimer(CasesContext& ctx, std::chrono::seconds period) : ctx_(ctx), period_(period) {}
  ~DeadlineTimer() { Stop(); }
  void Start();
  void Stop();

 private:
  CasesContext& ctx_;
  std::chrono::seconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jiceng::cases
