// Working-time deadlines on the case-intake hot path: WorkCalendar::AddWorkingDays (15 working
// days) and AddWorkingMinutes (2 working hours, crossing lunch or a night/holiday) on the real
// chinese-days 2025–2026 calendar, against the naive calendar-day deadline
// `start + days * 86400000` in the same run. Both calendar calls should stay well under 10 µs.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/time/chinese_days.hpp"
#include "core/time/work_calendar.hpp"

namespace {

namespace ct = jiceng::core::time;

const ct::WorkCalendar& Calendar() {
  static const ct::WorkCalendar calendar = [] {
    std::string dir = ct::FindChineseDaysDir("");
    std::vector<ct::CalendarDay> all;
    for (int year : {2025, 2026}) {
      auto days = ct::ReadChineseDaysYear(dir, year);
      if (days.ok()) all.insert(all.end(), days->begin(), days->end());
    }
    return ct::CalendarFromDays(all);
  }();
  return calendar;
}

bool CalendarLoaded() { return Calendar().IsWorkingDay("2026-10-10"); }  // a make-up Saturday

// 1024 receipt instants spread over 2026 every 8 h 17 min: all times of day, weekends, holidays.
const std::vector<std::int64_t>& Starts() {
  static const std::vector<std::int64_t> starts = [] {
    std::vector<std::int64_t> v;
    const std::int64_t base = ct::LocalMidnightUtcMs("2026-01-01");
    for (std::int64_t i = 0; i < 1024; ++i) v.push_back(base + i * (8 * 60 + 17) * 60'000);
    return v;
  }();
  return starts;
}

// One calendar call per iteration, from the next of the 1024 starts each time.
template <typename Call>
void TimeFromStarts(benchmark::State& state, Call call) {
  if (!CalendarLoaded()) return state.SkipWithError("chinese-days data not found");
  const auto& cal = Calendar();
  const auto& starts = Starts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(call(cal, starts[i++ & 1023]));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AddWorkingDays(benchmark::State& state) {
  TimeFromStarts(
      state, [](const ct::WorkCalendar& cal, std::int64_t s) { return cal.AddWorkingDays(s, 15); });
}

void BM_AddWorkingMinutes(benchmark::State& state) {
  TimeFromStarts(state, [](const ct::WorkCalendar& cal, std::int64_t s) {
    return cal.AddWorkingMinutes(s, 120);
  });
}

void BM_WorkingMinutesBetween(benchmark::State& state) {
  TimeFromStarts(state, [](const ct::WorkCalendar& cal, std::int64_t s) {
    return cal.WorkingMinutesBetween(s, s + 21LL * 86'400'000);  // 3 weeks
  });
}

// The baseline: a calendar-day deadline that ignores weekends, holidays and working hours.
void BM_CalendarDaysBaseline(benchmark::State& state) {
  const auto& starts = Starts();
  std::size_t i = 0;
  int days = 15;
  for (auto _ : state) {
    benchmark::DoNotOptimize(days);
    benchmark::DoNotOptimize(starts[i++ & 1023] + days * std::int64_t{86'400'000});
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_AddWorkingDays);
BENCHMARK(BM_AddWorkingMinutes);
BENCHMARK(BM_WorkingMinutesBetween);
BENCHMARK(BM_CalendarDaysBaseline);

}  // namespace
