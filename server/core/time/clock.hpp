// Injectable clock: production uses the system clock, tests set the time.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace jiceng::core::time {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;  // Unix epoch milliseconds, UTC
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t now_ms) : now_ms_(now_ms) {}
  std::int64_t NowMs() const override { return now_ms_.load(); }
  void Set(std::int64_t ms) { now_ms_ = ms; }
  void Advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::atomic<std::int64_t> now_ms_;
};

// ISO 8601 in UTC with milliseconds: 2026-11-26T05:55:20.123Z
std::string FormatIsoUtc(std::int64_t ms);
// ISO 8601 in Asia/Shanghai (UTC+8, no DST): 2026-11-26T13:55:20+08:00
std::string FormatShanghai(std::int64_t ms);

}  // namespace jiceng::core::time
