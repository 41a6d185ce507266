// Civil (proleptic Gregorian) dates as day numbers, on <chrono>'s calendar: the one date
// conversion of the code base. Day 0 is 1970-01-01.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::core::time {

struct CivilDate {
  int y;
  unsigned m;
  unsigned d;
};

// Days since 1970-01-01. A day past the end of its month rolls over into the next month
// (<chrono> specifies this), which is what "the same day N years ago" wants for 29 February.
constexpr std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

constexpr CivilDate CivilFromDays(std::int64_t days) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

// Division rounding towards negative infinity (instants before 1970 stay on the right day).
constexpr std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// "YYYY-MM-DD" of a day number.
std::string FormatDate(std::int64_t days);
// The day number of a valid "YYYY-MM-DD" (real month lengths, leap years), otherwise nullopt.
std::optional<std::int64_t> ParseDate(std::string_view text);

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2026, 1, 1) == 20454);
static_assert(DaysFromCivil(2025, 2, 29) == DaysFromCivil(2025, 3, 1));
static_assert(CivilFromDays(20454).y == 2026 && CivilFromDays(20454).m == 1 &&
              CivilFromDays(20454).d == 1);

}  // namespace jiceng::core::time
