// The working-day calendar kept in cases_calendar_days: loaded once from the chinese-days
// package, then edited by admins day by day. The module keeps a WorkCalendar built from it.
#pragma once
#include <memory>
#include <mutex>
#include <vector>

#include "core/db/database.hpp"
#include "core/time/chinese_days.hpp"
#include "core/time/work_calendar.hpp"

namespace jiceng::cases {

class CalendarStore {
 public:
  explicit CalendarStore(core::db::Session& s) : s_(s) {}
  core::Result<std::vector<core::time::CalendarDay>> All();
  core::Result<std::vector<core::time::CalendarDay>> Year(int year);
  core::Result<std::int64_t> Count();
  // Inserts or replaces one day (source "admin" for edits).
  core::Result<void> Put(const core::time::CalendarDay& day, const std::string& source,
                         std::int64_t now_ms);
  core::Result<bool> Remove(const std::string& date);

 private:
  core::db::Session& s_;
};

// Every year file of chinese-days into an empty calendar table; returns the days written.
core::Result<std::size_t> LoadChineseDays(core::db::Session& s, const std::string& dist_dir,
                                          std::int64_t now_ms);

// The current calendar, swapped as a whole after an edit; readers keep the one they got.
class CalendarHolder {
 public:
  std::shared_ptr<const core::time::WorkCalendar> Get() const;
  void Set(std::shared_ptr<const core::time::WorkCalendar> calendar);
  // Rebuilds from the table.
  core::Result<void> Reload(core::db::Database& db,
                            const std::vector<core::time::WorkPeriod>& periods);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const core::time::WorkCalendar> calendar_ =
      std::make_shared<core::time::WorkCalendar>();
};

}  // namespace jiceng::cases
