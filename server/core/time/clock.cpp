#include "core/time/clock.hpp"

#include <fmt/format.h>

#include <ctime>

#include "core/time/civil.hpp"

namespace jiceng::core::time {

namespace {
std::tm UtcTm(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}
}  // namespace

std::string FormatIsoUtc(std::int64_t ms) {
  std::int64_t s = FloorDiv(ms, 1000);
  std::tm tm = UtcTm(s);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms - s * 1000);
}

std::string FormatShanghai(std::int64_t ms) {
  // China has used UTC+8 without daylight saving since 1991.
  std::tm tm = UtcTm(FloorDiv(ms, 1000) + 8 * 3600);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace jiceng::core::time
