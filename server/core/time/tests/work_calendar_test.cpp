// The working-day calendar against the real chinese-days 2025 and 2026 data: working days,
// working-day deadlines (legal convention), working-minute arithmetic and its inverse, and the
// errors of reading the data files.
#include "core/time/work_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "core/time/chinese_days.hpp"
#include "core/time/clock.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::time {

// Readable failure output (found by argument-dependent lookup, so outside the anonymous namespace).
void PrintTo(const CalendarDay& d, std::ostream* os) {
  *os << d.date << ' ' << d.kind << ' ' << d.name;
}
void PrintTo(const WorkPeriod& p, std::ostream* os) {
  *os << '[' << p.start_minute << ',' << p.end_minute << ')';
}

namespace {

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kDay = 86'400'000;

// An instant given as Asia/Shanghai local date and clock time.
std::int64_t At(const char* date, int hour, int minute, int second = 0) {
  std::int64_t midnight = LocalMidnightUtcMs(date);
  EXPECT_NE(midnight, kInvalidDateMs) << date;
  return midnight + (hour * 60 + minute) * kMin + second * 1000;
}

std::string Sh(std::int64_t ms) { return FormatShanghai(ms); }

// The real calendar of 2025 and 2026, read once.
const WorkCalendar& Real() {
  static const WorkCalendar calendar = [] {
    std::string dir = FindChineseDaysDir("");
    std::vector<CalendarDay> all;
    for (int year : {2025, 2026}) {
      auto days = ReadChineseDaysYear(dir, year);
      EXPECT_TRUE(days.ok()) << days.error().message;
      if (days.ok()) all.insert(all.end(), days->begin(), days->end());
    }
    return CalendarFromDays(all);
  }();
  return calendar;
}

void ExpectDays(const WorkCalendar& c, const std::vector<std::string>& dates, bool working) {
  for (const auto& d : dates) EXPECT_EQ(c.IsWorkingDay(d), working) << d;
}

std::vector<std::string> Range(const char* from, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(LocalDate(LocalMidnightUtcMs(from) + i * kDay));
  return out;
}

// ---- dates ----

TEST(WorkCalendarDates, IsIsoDateIsStrict) {
  for (const char* ok : {"2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01"}) {
    EXPECT_TRUE(IsIsoDate(ok)) << ok;
  }
  for (const char* bad :
       {"", "2026-1-01", "2026-01-1", "2026/01/01", "20260101", "2026-01-01 ", " 2026-01-01",
        "2026-00-10", "2026-13-01", "2026-04-31", "2025-02-29", "1900-02-29", "2026-02-00",
        "2026-0a-01", "2026-01-01T00:00", "+026-01-01"}) {
    EXPECT_FALSE(IsIsoDate(bad)) << bad;
  }
}

TEST(WorkCalendarDates, LocalDateAndMidnightUseShanghaiTime) {
  const std::int64_t midnight = LocalMidnightUtcMs("2026-01-01");
  EXPECT_EQ(FormatIsoUtc(midnight), "2025-12-31T16:00:00.000Z");
  EXPECT_EQ(Sh(midnight), "2026-01-01T00:00:00+08:00");
  EXPECT_EQ(LocalDate(midnight), "2026-01-01");
  EXPECT_EQ(LocalDate(midnight - 1), "2025-12-31");
  EXPECT_EQ(LocalDate(-1), "1970-01-01");  // 07:59:59.999 in Shanghai
  EXPECT_EQ(LocalDate(LocalMidnightUtcMs("2024-02-29") + 23 * 3'600'000), "2024-02-29");
  EXPECT_EQ(LocalMidnightUtcMs("2026-02-30"), kInvalidDateMs);
  EXPECT_EQ(LocalMidnightUtcMs("bad"), kInvalidDateMs);
}

// ---- the data files ----

TEST(WorkCalendarChineseDays, ReadsTheRealYears) {
  std::string dir = FindChineseDaysDir("");
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/years")) << dir;
  EXPECT_EQ(FindChineseDaysDir("/nonexistent/dir"), dir);  // a bad hint falls through

  auto y2026 = ReadChineseDaysYear(dir, 2026);
  ASSERT_TRUE(y2026.ok()) << y2026.error().message;
  int holidays = 0, workdays = 0;
  for (const auto& d : *y2026) (d.kind == "holiday" ? holidays : workdays)++;
  EXPECT_EQ(holidays, 33);
  EXPECT_EQ(workdays, 6);
  EXPECT_EQ(y2026->front(), (CalendarDay{"2026-01-01", "holiday", "元旦"}));
  EXPECT_EQ(y2026->back(), (CalendarDay{"2026-10-10", "workday", "国庆节"}));
  EXPECT_NE(std::find(y2026->begin(), y2026->end(), CalendarDay{"2026-02-17", "holiday", "春节"}),
            y2026->end());

  auto y2025 = ReadChineseDaysYear(dir, 2025);
  ASSERT_TRUE(y2025.ok()) << y2025.error().message;
  EXPECT_EQ(y2025->size(), 28u + 5u);
  EXPECT_NE(std::find(y2025->begin(), y2025->end(), CalendarDay{"2025-10-06", "holiday", "中秋"}),
            y2025->end());
}

TEST(WorkCalendarChineseDays, MissingAndBadFiles) {
  auto missing = ReadChineseDaysYear(FindChineseDaysDir(""), 2099);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "calendar.file.missing");
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(missing.error().message.find("2099"), std::string::npos);

  EXPECT_EQ(ReadChineseDaysYear("/nonexistent/dir", 2026).error().code, "calendar.file.missing");
  EXPECT_EQ(ReadChineseDaysYear("", 2026).error().code, "calendar.file.missing");
  EXPECT_EQ(ReadChineseDaysYear(FindChineseDaysDir(""), 99).error().code, "calendar.year.invalid");

  const std::string dir = jiceng::testing::TempDir() + "/chinese-days-bad";
  std::filesystem::create_directories(dir + "/years");
  auto with = [&](const std::string& json) {
    std::ofstream(dir + "/years/2026.json", std::ios::trunc) << json;
    return ReadChineseDaysYear(dir, 2026);
  };
  for (const char* bad :
       {"{not json", "[]", R"({"holidays": []})", R"({"holidays": {}})",
        R"({"holidays": {"2025-01-01": "New Year's Day,元旦,1"}, "workdays": {}})",
        R"({"holidays": {"2026-02-30": "x,y,1"}, "workdays": {}})",
        R"({"holidays": {"2026-01-01": 1}, "workdays": {}})"}) {
    auto r = with(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "calendar.file.invalid") << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInternal) << bad;
  }
  auto good = with(
      R"({"holidays": {"2026-01-01": "New Year's Day,元旦,1"}, "workdays": {"2026-01-04": "元旦"}})");
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(*good, (std::vector<CalendarDay>{{"2026-01-01", "holiday", "元旦"},
                                             {"2026-01-04", "workday", "元旦"}}));
}

// ---- working days ----

TEST(WorkCalendarDays, NationalDay2026) {
  ExpectDays(Real(), Range("2026-10-01", 7), false);
  ExpectDays(Real(), {"2026-09-20", "2026-10-10", "2026-10-08", "2026-10-09", "2026-09-30"}, true);
  ExpectDays(Real(), {"2026-10-05", "2026-10-11", "2026-09-19", "2026-09-25"},
             false);  // 09-25 中秋
}

TEST(WorkCalendarDays, SpringFestival2026) {
  ExpectDays(Real(), Range("2026-02-15", 9), false);
  ExpectDays(Real(), {"2026-02-14", "2026-02-28", "2026-02-13", "2026-02-24"}, true);
  ExpectDays(Real(), {"2026-03-01", "2026-02-07"}, false);
}

TEST(WorkCalendarDays, SpringFestivalAndNationalDay2025) {
  ExpectDays(Real(), Range("2025-01-28", 8), false);  // 01-28 .. 02-04
  ExpectDays(Real(), {"2025-01-26", "2025-02-08", "2025-01-27", "2025-02-05"}, true);
  ExpectDays(Real(), {"2025-01-25", "2025-02-09"}, false);
  ExpectDays(Real(), Range("2025-10-01", 8), false);  // 10-01 .. 10-08
  ExpectDays(Real(), {"2025-09-28", "2025-10-11", "2025-10-09", "2025-09-30"}, true);
  ExpectDays(Real(), {"2025-10-12", "2025-09-27"}, false);
}

TEST(WorkCalendarDays, PlainWeeksAndInvalidInput) {
  ExpectDays(Real(), {"2026-03-09", "2026-03-13", "2027-03-01"}, true);
  ExpectDays(Real(), {"2026-03-07", "2026-03-08", "2027-03-06"}, false);
  EXPECT_FALSE(Real().IsWorkingDay("2026-03-32"));
  EXPECT_FALSE(Real().IsWorkingDay(""));
}

TEST(WorkCalendarDays, MakeUpWorkdayWinsAndBadDatesAreIgnored) {
  WorkCalendar c({"2026-03-09", "2026-03-14", "nope"}, {"2026-03-14", "2026-02-30"});
  EXPECT_FALSE(c.IsWorkingDay("2026-03-09"));
  EXPECT_TRUE(c.IsWorkingDay("2026-03-14"));
  EXPECT_TRUE(c.IsWorkingDay("2026-03-10"));
  EXPECT_TRUE(WorkCalendar().IsWorkingDay("2026-10-01"));  // no holidays: a Thursday
}

TEST(WorkCalendarDays, PeriodsAreNormalized) {
  WorkCalendar c(
      {}, {},
      {{13 * 60, 17 * 60}, {9 * 60, 12 * 60}, {11 * 60, 12 * 60 + 30}, {900, 800}, {-5, 0}});
  EXPECT_EQ(c.periods(), (std::vector<WorkPeriod>{{9 * 60, 12 * 60 + 30}, {13 * 60, 17 * 60}}));
  EXPECT_EQ(c.minutes_per_day(), 210 + 240);
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-03-09", 10, 0), 1)), "2026-03-10T17:00:00+08:00");
  EXPECT_EQ(WorkCalendar({}, {}, {}).periods(), DefaultPeriods());
  EXPECT_EQ(WorkCalendar().minutes_per_day(), 450);
}

// ---- working-day deadlines ----

TEST(WorkCalendarDeadlines, LegalConventionSkipsTheDayOfReceipt) {
  const auto& c = Real();
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-30", 10, 0), 1)), "2026-10-08T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-18", 15, 0), 1)),
            "2026-09-20T17:30:00+08:00");  // make-up Sunday
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-02-13", 9, 0), 3)), "2026-02-25T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-18", 9, 0), 15)), "2026-10-15T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2025-09-30", 10, 0), 1)), "2025-10-09T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2025-01-24", 16, 0), 5)), "2025-02-07T17:30:00+08:00");
  // Received on a holiday or late at night: still only the receipt date is skipped.
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-10-03", 11, 0), 1)), "2026-10-08T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-29", 23, 30), 1)), "2026-09-30T17:30:00+08:00");
  // The receipt date is the Shanghai date: 07:00 on 09-30 is still 09-29 in UTC.
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-30", 7, 0), 1)), "2026-10-08T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-30", 0, 0) - 1, 1)), "2026-09-30T17:30:00+08:00");
}

TEST(WorkCalendarDeadlines, ZeroDaysMeansEndOfTheWorkingDay) {
  const auto& c = Real();
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-30", 10, 0), 0)), "2026-09-30T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-30", 20, 0), 0)),
            "2026-09-30T17:30:00+08:00");  // already past
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-10-05", 10, 0), 0)), "2026-10-08T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2026-09-20", 10, 0), 0)), "2026-09-20T17:30:00+08:00");
  EXPECT_EQ(c.AddWorkingDays(At("2026-10-05", 10, 0), -3),
            c.AddWorkingDays(At("2026-10-05", 10, 0), 0));
}

TEST(WorkCalendarDeadlines, YearBoundary) {
  const auto& c = Real();
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2025-12-31", 10, 0), 1)),
            "2026-01-04T17:30:00+08:00");  // make-up Sunday
  EXPECT_EQ(Sh(c.AddWorkingDays(At("2025-12-31", 10, 0), 2)), "2026-01-05T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2025-12-31", 17, 0), 60)), "2026-01-04T09:00:00+08:00");
  EXPECT_EQ(c.WorkingMinutesBetween(At("2025-12-31", 9, 0), At("2026-01-05", 9, 0)),
            420 + 450 + 30);
}

TEST(WorkCalendarDeadlines, BeyondTheHorizonIsFarFutureNotAnError) {
  const std::int64_t start = At("2026-03-09", 10, 0);
  const std::int64_t horizon =
      LocalMidnightUtcMs("2026-03-09") + (WorkCalendar::kMaxScanDays + 1) * kDay;
  EXPECT_EQ(Real().AddWorkingMinutes(start, std::numeric_limits<std::int64_t>::max()), horizon);
  EXPECT_EQ(Real().AddWorkingDays(start, 1'000'000), horizon);
  std::vector<std::string> all_off = Range("2026-03-09", WorkCalendar::kMaxScanDays + 10);
  WorkCalendar never(all_off, {});
  EXPECT_EQ(never.AddWorkingDays(start, 1), horizon);
  EXPECT_EQ(never.AddWorkingMinutes(start, 1), horizon);
  EXPECT_EQ(never.WorkingMinutesBetween(start, start + 20 * 365 * kDay), 0);
}

// ---- working minutes ----

TEST(WorkCalendarMinutes, AddWorkingMinutes) {
  const auto& c = Real();
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-30", 17, 0), 60)), "2026-10-08T09:00:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 11, 50), 20)),
            "2026-09-29T13:40:00+08:00");  // lunch
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 11, 50), 10)), "2026-09-29T12:00:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 12, 30), 30)), "2026-09-29T14:00:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 7, 0), 30)), "2026-09-29T09:00:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 18, 0), 1)), "2026-09-30T08:31:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 17, 0), 120)), "2026-09-30T10:00:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-10-03", 14, 0), 30)),
            "2026-10-08T09:00:00+08:00");  // holiday
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-28", 8, 30), 3 * 450)), "2026-09-30T17:30:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-28", 8, 30), 3 * 450 + 1)),
            "2026-10-08T08:31:00+08:00");
  EXPECT_EQ(Sh(c.AddWorkingMinutes(At("2026-09-29", 10, 0, 30), 1)), "2026-09-29T10:01:30+08:00");
  EXPECT_EQ(c.AddWorkingMinutes(At("2026-10-03", 14, 0), 0), At("2026-10-03", 14, 0));
  EXPECT_EQ(c.AddWorkingMinutes(At("2026-10-03", 14, 0), -5), At("2026-10-03", 14, 0));
}

TEST(WorkCalendarMinutes, WorkingMinutesBetween) {
  const auto& c = Real();
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-09-30", 8, 30), At("2026-10-08", 8, 30)), 450);
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-09-29", 11, 0), At("2026-09-29", 14, 0)), 60 + 30);
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-10-01", 0, 0), At("2026-10-08", 0, 0)), 0);
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-09-29", 14, 0), At("2026-09-29", 11, 0)), 0);
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-09-29", 10, 0), At("2026-09-29", 10, 0, 59)), 0);
  // 2026-02-13 (Fri) .. 2026-03-02 (Mon): 02-13, 02-14, 02-24..27, 02-28 working; 03-02 till 08:30.
  EXPECT_EQ(c.WorkingMinutesBetween(At("2026-02-13", 0, 0), At("2026-03-02", 8, 30)), 7 * 450);
}

TEST(WorkCalendarMinutes, BetweenInvertsAdd) {
  const auto& c = Real();
  const std::vector<std::int64_t> starts = {At("2026-09-30", 17, 0),      At("2026-02-13", 11, 50),
                                            At("2025-12-31", 7, 0),       At("2026-10-03", 14, 0),
                                            At("2025-01-24", 16, 59, 30), At("2026-09-29", 12, 15)};
  for (std::int64_t s : starts) {
    std::int64_t previous = s;
    for (std::int64_t m : {1, 29, 30, 210, 449, 450, 451, 900, 5000, 20000}) {
      const std::int64_t t = c.AddWorkingMinutes(s, m);
      EXPECT_EQ(c.WorkingMinutesBetween(s, t), m) << Sh(s) << " + " << m << " = " << Sh(t);
      EXPECT_EQ(c.WorkingMinutesBetween(s, t - 1), m - 1)
          << Sh(s) << " + " << m;  // earliest instant
      EXPECT_GT(t, previous);
      previous = t;
    }
  }
}

// Both minute functions against a minute-by-minute reference over 2025-12-15 .. 2026-03-15.
TEST(WorkCalendarMinutes, MatchesMinuteByMinuteReference) {
  const auto& c = Real();
  const std::int64_t base = LocalMidnightUtcMs("2025-12-15");
  const int minutes = 90 * 1440;
  std::vector<std::int64_t> prefix(minutes + 1, 0);
  bool working = false;
  for (int i = 0; i < minutes; ++i) {
    if (i % 1440 == 0) working = c.IsWorkingDay(LocalDate(base + i * kMin));
    const int mod = i % 1440;
    bool in = false;
    for (const auto& p : c.periods()) in = in || (mod >= p.start_minute && mod < p.end_minute);
    prefix[i + 1] = prefix[i] + (working && in ? 1 : 0);
  }
  std::uint64_t seed = 12345;
  auto next = [&](int n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % static_cast<std::uint64_t>(n));
  };
  for (int k = 0; k < 2000; ++k) {
    const int a = next(minutes / 2), b = a + next(minutes / 2);
    ASSERT_EQ(c.WorkingMinutesBetween(base + a * kMin, base + b * kMin), prefix[b] - prefix[a])
        << Sh(base + a * kMin);
    const int m = 1 + next(5000);
    // The reference answer: the first minute boundary where m minutes have elapsed.
    const auto it = std::lower_bound(prefix.begin() + a, prefix.end(), prefix[a] + m);
    ASSERT_NE(it, prefix.end());
    ASSERT_EQ(Sh(c.AddWorkingMinutes(base + a * kMin, m)), Sh(base + (it - prefix.begin()) * kMin))
        << Sh(base + a * kMin) << " + " << m;
  }
}

}  // namespace
}  // namespace jiceng::core::time

namespace jiceng::core::time {
namespace {

TEST(WorkCalendarConfig, ParsesWorkingHoursFromConfiguration) {
  auto p = ParseWorkPeriods("08:30-12:00,13:30-17:30");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(*p, DefaultPeriods());
  auto summer = ParseWorkPeriods("08:00-11:30,14:30-18:00");
  ASSERT_TRUE(summer.has_value());
  EXPECT_EQ(WorkCalendar({}, {}, *summer).minutes_per_day(), 420);
  for (const char* bad :
       {"", "8:30-12:00", "08:30-12:00,", "12:00-08:30", "08:30-12:00,11:00-17:00", "08:30-25:00",
        "08:30 12:00", "08:30-12:00;13:30-17:30"}) {
    EXPECT_FALSE(ParseWorkPeriods(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace jiceng::core::time
