#include "core/time/work_calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/time/civil.hpp"

namespace jiceng::core::time {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
// Asia/Shanghai is UTC+8 with no DST since 1991 (see the header): a fixed offset is exact.
constexpr std::int64_t kShanghaiOffsetMs = 8 * 3'600'000;

// Local (Asia/Shanghai) day number of an instant, and the UTC ms of a local day's midnight.
std::int64_t LocalDay(std::int64_t utc_ms) { return FloorDiv(utc_ms + kShanghaiOffsetMs, kDayMs); }
std::int64_t MidnightUtc(std::int64_t day) { return day * kDayMs - kShanghaiOffsetMs; }

std::vector<WorkPeriod> Normalize(std::vector<WorkPeriod> periods) {
  std::vector<WorkPeriod> out;
  for (WorkPeriod p : periods) {
    p.start_minute = std::clamp(p.start_minute, 0, 1440);
    p.end_minute = std::clamp(p.end_minute, 0, 1440);
    if (p.start_minute < p.end_minute) out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const WorkPeriod& a, const WorkPeriod& b) {
    return a.start_minute < b.start_minute;
  });
  std::vector<WorkPeriod> merged;
  for (const WorkPeriod& p : out) {
    if (!merged.empty() && p.start_minute <= merged.back().end_minute) {
      merged.back().end_minute = std::max(merged.back().end_minute, p.end_minute);
    } else {
      merged.push_back(p);
    }
  }
  return merged.empty() ? DefaultPeriods() : merged;
}

}  // namespace

std::vector<WorkPeriod> DefaultPeriods() {
  return {{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}};
}

std::optional<std::vector<WorkPeriod>> ParseWorkPeriods(std::string_view text) {
  auto minute_of = [](std::string_view hhmm) -> int {
    if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
    for (int k : {0, 1, 3, 4})
      if (hhmm[k] < '0' || hhmm[k] > '9') return -1;
    int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
    int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
  };
  std::vector<WorkPeriod> out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (part.size() != 11 || part[5] != '-') return std::nullopt;
    int start = minute_of(part.substr(0, 5)), end = minute_of(part.substr(6, 5));
    if (start < 0 || end <= start) return std::nullopt;
    if (!out.empty() && start < out.back().end_minute) return std::nullopt;
    out.push_back({start, end});
    if (comma != std::string_view::npos && text.empty()) return std::nullopt;  // trailing comma
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool IsIsoDate(std::string_view date) { return ParseDate(date).has_value(); }

std::string LocalDate(std::int64_t utc_ms) { return FormatDate(LocalDay(utc_ms)); }

std::int64_t LocalMidnightUtcMs(std::string_view date) {
  auto day = ParseDate(date);
  return day ? MidnightUtc(*day) : kInvalidDateMs;
}

WorkCalendar::WorkCalendar() : WorkCalendar({}, {}, DefaultPeriods()) {}

WorkCalendar::WorkCalendar(const std::vector<std::string>& off_days,
                           const std::vector<std::string>& make_up_workdays,
                           std::vector<WorkPeriod> periods)
    : periods_(Normalize(std::move(periods))) {
  for (const WorkPeriod& p : periods_)
    working_ms_per_day_ += (p.end_minute - p.start_minute) * kMinuteMs;
  day_end_ms_ = periods_.back().end_minute * kMinuteMs;

  // Overrides live in a dense byte array over [first, last] day: one index per lookup.
  std::vector<std::int64_t> off, work;
  for (const auto& s : off_days) {
    if (auto d = ParseDate(s)) off.push_back(*d);
  }
  for (const auto& s : make_up_workdays) {
    if (auto d = ParseDate(s)) work.push_back(*d);
  }
  if (off.empty() && work.empty()) return;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(),
               hi = std::numeric_limits<std::int64_t>::min();
  for (auto v : {&off, &work}) {
    for (std::int64_t d : *v) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  first_day_ = lo;
  overrides_.assign(static_cast<std::size_t>(hi - lo + 1), 0);
  for (std::int64_t d : off) overrides_[static_cast<std::size_t>(d - lo)] = 1;
  for (std::int64_t d : work) overrides_[static_cast<std::size_t>(d - lo)] = 2;  // make-up wins
}

bool WorkCalendar::IsWorkingDayNumber(std::int64_t day) const {
  const std::int64_t i = day - first_day_;
  if (i >= 0 && i < static_cast<std::int64_t>(overrides_.size())) {
    const std::uint8_t o = overrides_[static_cast<std::size_t>(i)];
    if (o != 0) return o == 2;
  }
  // 1970-01-01 was a Thursday; weekday 0 = Sunday .. 6 = Saturday.
  const std::int64_t wd = ((day + 4) % 7 + 7) % 7;
  return wd >= 1 && wd <= 5;
}

bool WorkCalendar::IsWorkingDay(std::string_view date) const {
  auto day = ParseDate(date);
  return day && IsWorkingDayNumber(*day);
}

std::int64_t WorkCalendar::AddWorkingMinutes(std::int64_t start_utc_ms,
                                             std::int64_t minutes) const {
  if (minutes <= 0) return start_utc_ms;
  std::int64_t day = LocalDay(start_utc_ms);
  const std::int64_t horizon = MidnightUtc(day + kMaxScanDays + 1);
  // More minutes than the horizon could hold: don't overflow the ms conversion.
  if (minutes > std::int64_t{kMaxScanDays + 1} * 1440) return horizon;
  std::int64_t remaining = minutes * kMinuteMs;
  std::int64_t in_day = start_utc_ms - MidnightUtc(day);  // local ms after midnight
  for (int i = 0; i <= kMaxScanDays; ++i, ++day, in_day = 0) {
    if (!IsWorkingDayNumber(day)) continue;
    if (in_day == 0 && remaining > working_ms_per_day_) {  // skip whole days
      remaining -= working_ms_per_day_;
      continue;
    }
    for (const WorkPeriod& p : periods_) {
      const std::int64_t from = std::max(p.start_minute * kMinuteMs, in_day);
      const std::int64_t end = p.end_minute * kMinuteMs;
      if (from >= end) continue;
      if (remaining <= end - from) return MidnightUtc(day) + from + remaining;
      remaining -= end - from;
    }
  }
  return horizon;
}

std::int64_t WorkCalendar::AddWorkingDays(std::int64_t start_utc_ms, int days) const {
  const std::int64_t start_day = LocalDay(start_utc_ms);
  // days == 0 looks at the receipt date itself; otherwise the receipt date is not counted.
  std::int64_t day = days <= 0 ? start_day : start_day + 1;
  int counted = 0;
  for (int i = 0; i <= kMaxScanDays; ++i, ++day) {
    if (IsWorkingDayNumber(day) && ++counted >= std::max(days, 1))
      return MidnightUtc(day) + day_end_ms_;
  }
  return MidnightUtc(start_day + kMaxScanDays + 1);
}

std::int64_t WorkCalendar::WorkingMinutesBetween(std::int64_t from_utc_ms,
                                                 std::int64_t to_utc_ms) const {
  if (to_utc_ms <= from_utc_ms) return 0;
  const std::int64_t first = LocalDay(from_utc_ms);
  std::int64_t last = LocalDay(to_utc_ms);
  std::int64_t to_in_day = to_utc_ms - MidnightUtc(last);
  if (last - first > kMaxScanDays) {
    last = first + kMaxScanDays;
    to_in_day = kDayMs;
  }
  std::int64_t total = 0;
  for (std::int64_t day = first; day <= last; ++day) {
    if (!IsWorkingDayNumber(day)) continue;
    const std::int64_t lo = day == first ? from_utc_ms - MidnightUtc(first) : 0;
    const std::int64_t hi = day == last ? to_in_day : kDayMs;
    if (lo == 0 && hi == kDayMs) {
      total += working_ms_per_day_;
      continue;
    }
    for (const WorkPeriod& p : periods_) {
      const std::int64_t a = std::max(p.start_minute * kMinuteMs, lo);
      const std::int64_t b = std::min(p.end_minute * kMinuteMs, hi);
      if (b > a) total += b - a;
    }
  }
  return total / kMinuteMs;
}

}  // namespace jiceng::core::time
