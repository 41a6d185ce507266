// The official working-day calendar: which local dates are working days (weekends, statutory
// holidays and 调休 make-up workdays) and arithmetic in working time (deadlines, time left,
// handling time). Pure computation: the day lists come from chinese_days.hpp or the database.
//
// Time zone: every local date and clock time here is Asia/Shanghai. China has used UTC+8 with
// no daylight saving since 1991, so a fixed +8 h offset is exact for every date this system
// handles and needs no tz database lookup on the hot path (case intake computes a deadline).
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core::time {

// A working period in local minutes after midnight, half-open: [start_minute, end_minute).
struct WorkPeriod {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const WorkPeriod&) const = default;
};

// 08:30–12:00 and 13:30–17:30: 450 working minutes a day.
std::vector<WorkPeriod> DefaultPeriods();

// "08:30-12:00,13:30-17:30" (configuration): ascending, non-overlapping HH:MM ranges;
// nullopt for anything else.
std::optional<std::vector<WorkPeriod>> ParseWorkPeriods(std::string_view text);

// Strict "YYYY-MM-DD": exactly 10 characters, a real calendar date (leap years checked).
bool IsIsoDate(std::string_view date);

// The Asia/Shanghai date of an instant, "YYYY-MM-DD".
std::string LocalDate(std::int64_t utc_ms);

// Returned by LocalMidnightUtcMs for a string that is not IsIsoDate.
inline constexpr std::int64_t kInvalidDateMs = std::numeric_limits<std::int64_t>::min();

// UTC epoch ms of 00:00 Asia/Shanghai on `date`; kInvalidDateMs if !IsIsoDate(date).
std::int64_t LocalMidnightUtcMs(std::string_view date);

// Working day: a make-up workday (调休上班, even on a weekend), or Monday–Friday and not an off
// day (holiday). A date in both lists is a working day.
//
// Working time: the periods of working days. Minutes are counted in milliseconds internally,
// so a start at 10:00:30 plus 1 working minute is 10:01:30.
//
// Search horizon: every function walks day by day (never minute by minute) and stops after
// kMaxScanDays days (~10 years). When the answer lies beyond it, AddWorkingMinutes and
// AddWorkingDays return the local midnight kMaxScanDays + 1 days after the start date (a
// far-future instant, never an error), and WorkingMinutesBetween counts only the first
// kMaxScanDays + 1 days.
class WorkCalendar {
 public:
  static constexpr int kMaxScanDays = 3700;

  // Monday–Friday, no holidays, default periods.
  WorkCalendar();
  // Dates that are not IsIsoDate are ignored: validate user input with IsIsoDate first.
  // Periods are clamped to [0, 1440], empty ones dropped, overlapping ones merged and sorted;
  // if none remain, DefaultPeriods() is used.
  WorkCalendar(const std::vector<std::string>& off_days,
               const std::vector<std::string>& make_up_workdays,
               std::vector<WorkPeriod> periods = DefaultPeriods());

  // False for a string that is not IsIsoDate.
  bool IsWorkingDay(std::string_view date) const;

  // The earliest instant t >= start with WorkingMinutesBetween(start, t) == minutes: only
  // minutes inside working periods of working days are consumed, and a start outside working
  // time begins at the next period start. When the last minute ends a period, the result is
  // that period's end (11:50 + 10 min = 12:00, not 13:30). minutes <= 0 returns start.
  std::int64_t AddWorkingMinutes(std::int64_t start_utc_ms, std::int64_t minutes) const;

  // Deadline of a period of `days` working days, Chinese legal convention (期间开始的日不计算
  // 在内): the day of receipt (the local date of start_utc_ms) is not counted, whatever the
  // time of day; the deadline is the end of the last working period (17:30 by default) of the
  // `days`-th working day after it.
  //   Example: received Wednesday 2026-09-30 10:00, 1 working day; 10-01..07 are the National
  //   Day holiday, so the deadline is Thursday 2026-10-08 17:30+08:00.
  // days == 0 (same-day handling): the end of working time of the receipt date if it is a
  // working day — even when start is already past it — else of the next working day.
  // days < 0 is treated as 0.
  std::int64_t AddWorkingDays(std::int64_t start_utc_ms, int days) const;

  // Whole working minutes in [from, to) (0 if to <= from); "time left" and handling time.
  std::int64_t WorkingMinutesBetween(std::int64_t from_utc_ms, std::int64_t to_utc_ms) const;

  // The normalized periods and their total length in minutes.
  const std::vector<WorkPeriod>& periods() const { return periods_; }
  int minutes_per_day() const { return static_cast<int>(working_ms_per_day_ / 60000); }

 private:
  bool IsWorkingDayNumber(std::int64_t day) const;  // days since 1970-01-01 (local)

  std::vector<WorkPeriod> periods_;
  std::int64_t working_ms_per_day_ = 0;
  std::int64_t day_end_ms_ = 0;          // local ms after midnight where the last period ends
  std::int64_t first_day_ = 0;           // day number of overrides_[0]
  std::vector<std::uint8_t> overrides_;  // 0 none, 1 off day, 2 make-up workday
};

}  // namespace jiceng::core::time
