// The disclosure schedule on the working-day calendar: due dates across the National Day
// holiday and its make-up workday, overdue counts in working days, periods by kind.
#include "modules/autonomy/disclosures/schedule.hpp"

#include <gtest/gtest.h>

#include "core/time/chinese_days.hpp"

namespace jiceng::autonomy {
namespace {

core::time::WorkCalendar Calendar2025() {
  auto days = core::time::ReadChineseDaysYear(core::time::FindChineseDaysDir(""), 2025);
  EXPECT_TRUE(days.ok()) << (days.ok() ? "" : days.error().message);
  return core::time::CalendarFromDays(days.ok() ? *days : std::vector<core::time::CalendarDay>{});
}

const PeriodDue* Find(const std::vector<PeriodDue>& ps, const std::string& kind,
                      const std::string& period) {
  for (const auto& p : ps)
    if (p.kind == kind && p.period == period) return &p;
  return nullptr;
}

TEST(ScheduleTest, FinanceDueDateSkipsTheNationalDayHolidayAndCountsTheMakeUpWorkday) {
  ScheduleRule rule{"330681109290", 1, 5, "2025-01-01"};
  // September ends on Tuesday 30th; 1–8 October are off; Saturday 11 October is a make-up
  // workday. Five working days after the 30th: 9, 10, 11, 13, 14 October.
  auto ps = DuePeriods(rule, "2025-10-14", {}, Calendar2025());
  const PeriodDue* sep = Find(ps, "finance", "2025-09");
  ASSERT_NE(sep, nullptr);
  EXPECT_EQ(sep->ends_on, "2025-09-30");
  EXPECT_EQ(sep->due_on, "2025-10-14");
  EXPECT_FALSE(sep->overdue);  // due today: not yet late
  auto next = DuePeriods(rule, "2025-10-15", {}, Calendar2025());
  sep = Find(next, "finance", "2025-09");
  ASSERT_NE(sep, nullptr);
  EXPECT_TRUE(sep->overdue);
  EXPECT_EQ(sep->working_days_late, 1);
  // Without the calendar (weekends only) the due date would have been 7 October.
  auto plain = DuePeriods(rule, "2025-10-15", {}, core::time::WorkCalendar());
  EXPECT_EQ(Find(plain, "finance", "2025-09")->due_on, "2025-10-07");
}

TEST(ScheduleTest, PublishedPeriodsAreNotOverdueAndLatenessCountsWorkingDays) {
  ScheduleRule rule{"330681109290", 1, 10, "2025-06-01"};
  std::set<std::pair<std::string, std::string>> published = {{"finance", "2025-06"},
                                                             {"finance", "2025-08"}};
  auto ps = DuePeriods(rule, "2025-10-20", published, Calendar2025());
  EXPECT_FALSE(Find(ps, "finance", "2025-06")->overdue);
  EXPECT_FALSE(Find(ps, "finance", "2025-08")->overdue);
  const PeriodDue* jul = Find(ps, "finance", "2025-07");
  ASSERT_NE(jul, nullptr);
  EXPECT_TRUE(jul->overdue);
  EXPECT_EQ(jul->due_on, "2025-08-14");
  // September: due on the 10th working day after 30 September = 21 October: not yet.
  EXPECT_EQ(Find(ps, "finance", "2025-09")->due_on, "2025-10-21");
  EXPECT_FALSE(Find(ps, "finance", "2025-09")->overdue);
  // Periods before starts_on are not counted; the current month is not due.
  EXPECT_EQ(Find(ps, "finance", "2025-05"), nullptr);
  EXPECT_EQ(Find(ps, "finance", "2025-10"), nullptr);
  // Quarterly kinds: Q2 (from 1 April) starts before 1 June: not counted; Q3 is.
  EXPECT_EQ(Find(ps, "village", "2025-Q2"), nullptr);
  ASSERT_NE(Find(ps, "party", "2025-Q3"), nullptr);
  EXPECT_EQ(Find(ps, "party", "2025-Q3")->ends_on, "2025-09-30");
}

TEST(ScheduleTest, QuarterlyFinanceWhereTransactionsAreRare) {
  ScheduleRule rule{"330681109290", 3, 10, "2025-01-01"};
  auto ps = DuePeriods(rule, "2026-01-05", {}, Calendar2025());
  EXPECT_EQ(Find(ps, "finance", "2025-11"), nullptr);
  ASSERT_NE(Find(ps, "finance", "2025-Q3"), nullptr);
  ASSERT_NE(Find(ps, "finance", "2025-Q4"), nullptr);
  EXPECT_EQ(Find(ps, "finance", "2025-Q4")->ends_on, "2025-12-31");
  EXPECT_TRUE(Find(ps, "finance", "2025-Q3")->overdue);
}

}  // namespace
}  // namespace jiceng::autonomy
