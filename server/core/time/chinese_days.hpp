// Statutory holidays and 调休 make-up workdays from the npm package chinese-days (1.5.7,
// years 2004–2026), installed under node_modules/chinese-days/dist: one file
// years/YYYY.json per year, {"holidays": {...}, "workdays": {...}, "inLieuDays": {...}}, each a
// map from "YYYY-MM-DD" to "English name,中文名,N". inLieuDays (调休 days off) are a subset of
// holidays and are not read separately.
#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time/work_calendar.hpp"

namespace jiceng::core::time {

struct CalendarDay {
  std::string date;  // "YYYY-MM-DD"
  std::string kind;  // "holiday" | "workday"
  std::string name;  // Chinese holiday name, e.g. 春节
  bool operator==(const CalendarDay&) const = default;
};

// The days of one year, sorted by date. dist_dir is the package's dist directory.
// Errors: calendar.year.invalid (year outside 1000–9999), calendar.file.missing (no such file,
// kInvalid: the year is not available), calendar.file.invalid (unreadable JSON, wrong shape, a
// key that is not a date of that year; kInternal).
core::Result<std::vector<CalendarDay>> ReadChineseDaysYear(const std::string& dist_dir, int year);

// The chinese-days dist directory: hint if it holds years/, else ./node_modules/chinese-days/dist,
// else node_modules/chinese-days/dist in the executable's directory or any parent. Returns hint
// when none exists (reading then fails with calendar.file.missing).
std::string FindChineseDaysDir(const std::string& hint);

// kind "holiday" -> off day, "workday" -> make-up workday; other kinds are ignored.
WorkCalendar CalendarFromDays(const std::vector<CalendarDay>& days,
                              std::vector<WorkPeriod> periods = DefaultPeriods());

}  // namespace jiceng::core::time
