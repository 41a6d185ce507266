// The disclosure schedule of a village (pure computation): which periods of each kind must be
// disclosed, when each is due on the working-day calendar, and which are overdue.
// [law] General items at least quarterly, finances monthly (quarterly where transactions are
// rare), major matters at once (the decision path publishes those immediately).
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/time/work_calendar.hpp"

namespace jiceng::autonomy {

struct ScheduleRule {
  std::string org_code;
  int finance_months = 1;       // 1 or 3
  int grace_working_days = 10;  // 1–30
  std::string starts_on;        // YYYY-MM-DD
};

struct PeriodDue {
  std::string kind;     // party | village | finance
  std::string period;   // YYYY-MM or YYYY-Qn
  std::string ends_on;  // last day of the period
  std::string due_on;   // the grace_working_days-th working day after ends_on
  bool published = false;
  bool overdue = false;                // not published and today is after due_on
  std::int64_t working_days_late = 0;  // working days after due_on up to today
};

// The periods of each kind that start on or after rule.starts_on (at most 24 months back) and
// have ended before today, newest first within each kind (party, village, finance).
// published holds (kind, period) of the village's published disclosures.
std::vector<PeriodDue> DuePeriods(const ScheduleRule& rule, const std::string& today,
                                  const std::set<std::pair<std::string, std::string>>& published,
                                  const core::time::WorkCalendar& calendar);

}  // namespace jiceng::autonomy
