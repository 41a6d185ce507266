#include "modules/autonomy/disclosures/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/time/civil.hpp"

namespace jiceng::autonomy {

namespace {

using core::time::CivilFromDays;
using core::time::DaysFromCivil;
using core::time::FormatDate;

// The date `n` working days after `day` (day itself not counted).
std::int64_t AddWorkingDays(const core::time::WorkCalendar& calendar, std::int64_t day, int n) {
  int counted = 0;
  std::int64_t d = day;
  // A year without a working day does not exist; the bound only guards the loop.
  for (int i = 0; i < 400 && counted < n; ++i) {
    ++d;
    if (calendar.IsWorkingDay(FormatDate(d))) ++counted;
  }
  return d;
}

std::int64_t WorkingDaysAfter(const core::time::WorkCalendar& calendar, std::int64_t from,
                              std::int64_t to) {
  std::int64_t n = 0;
  for (std::int64_t d = from + 1; d <= to; ++d)
    if (calendar.IsWorkingDay(FormatDate(d))) ++n;
  return n;
}

}  // namespace

std::vector<PeriodDue> DuePeriods(const ScheduleRule& rule, const std::string& today,
                                  const std::set<std::pair<std::string, std::string>>& published,
                                  const core::time::WorkCalendar& calendar) {
  std::vector<PeriodDue> out;
  auto today_day = core::time::ParseDate(today);
  auto start_day = core::time::ParseDate(rule.starts_on);
  if (!today_day || !start_day) return out;
  auto now = CivilFromDays(*today_day);
  struct Kind {
    const char* name;
    int months;
  };
  const Kind kinds[] = {{"party", 3}, {"village", 3}, {"finance", rule.finance_months}};
  for (const auto& k : kinds) {
    int months = k.months == 3 ? 3 : 1;
    // The period containing today, then back one period at a time.
    int y = now.y;
    int m = static_cast<int>(now.m);
    m = m - (m - 1) % months;  // first month of the current period
    for (int step = 0; step < 24 / months + 1; ++step) {
      // Back one period.
      m -= months;
      if (m < 1) {
        m += 12;
        --y;
      }
      std::int64_t first = DaysFromCivil(y, static_cast<unsigned>(m), 1);
      int end_m = m + months;  // first month of the next period
      int end_y = y;
      if (end_m > 12) {
        end_m -= 12;
        ++end_y;
      }
      std::int64_t last = DaysFromCivil(end_y, static_cast<unsigned>(end_m), 1) - 1;
      if (first < *start_day) break;
      PeriodDue p;
      p.kind = k.name;
      p.period = months == 3 ? fmt::format("{:04}-Q{}", y, (m - 1) / 3 + 1)
                             : fmt::format("{:04}-{:02}", y, m);
      p.ends_on = FormatDate(last);
      std::int64_t due = AddWorkingDays(calendar, last, rule.grace_working_days);
      p.due_on = FormatDate(due);
      p.published = published.count({p.kind, p.period}) > 0;
      p.overdue = !p.published && *today_day > due;
      if (p.overdue) p.working_days_late = WorkingDaysAfter(calendar, due, *today_day);
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace jiceng::autonomy
