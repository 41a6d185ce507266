#include "modules/cases/catalogue/calendar_store.hpp"

#include <filesystem>

#include "core/module_names.hpp"

namespace jiceng::cases {

using core::time::CalendarDay;

namespace {

Result<std::vector<CalendarDay>> DaysOf(core::db::Session& s, const std::string& where,
                                        const core::db::Params& p) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s.Query("SELECT day, kind, name FROM cases_calendar_days" + where + " ORDER BY day", p));
  std::vector<CalendarDay> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows[i].Text(0), rows[i].Text(1), rows[i].Text(2)});
  return out;
}

}  // namespace

Result<std::vector<CalendarDay>> CalendarStore::All() { return DaysOf(s_, "", {}); }

Result<std::vector<CalendarDay>> CalendarStore::Year(int year) {
  std::string y = std::to_string(year);
  return DaysOf(s_, " WHERE day >= $1 AND day <= $2", {y + "-01-01", y + "-12-31"});
}

Result<std::int64_t> CalendarStore::Count() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT COUNT(*) FROM cases_calendar_days"));
  return rows[0].Int(0);
}

Result<void> CalendarStore::Put(const CalendarDay& day, const std::string& source,
                                std::int64_t now) {
  JC_TRY(s_.Exec("DELETE FROM cases_calendar_days WHERE day = $1", {day.date}));
  JC_TRY(
      s_.Exec("INSERT INTO cases_calendar_days (day, kind, name, source, updated_at) VALUES ($1, "
              "$2, $3, $4, $5)",
              {day.date, day.kind, day.name, source, now}));
  return {};
}

Result<bool> CalendarStore::Remove(const std::string& date) {
  JC_ASSIGN_OR_RETURN(auto n, s_.Exec("DELETE FROM cases_calendar_days WHERE day = $1", {date}));
  return n > 0;
}

Result<std::size_t> LoadChineseDays(core::db::Session& s, const std::string& dist_dir,
                                    std::int64_t now) {
  namespace fs = std::filesystem;
  std::size_t written = 0;
  CalendarStore store(s);
  std::error_code ec;
  for (int year = 2004; year <= 2100; ++year) {
    if (!fs::exists(fs::path(dist_dir) / "years" / (std::to_string(year) + ".json"), ec)) continue;
    JC_ASSIGN_OR_RETURN(auto days, core::time::ReadChineseDaysYear(dist_dir, year));
    for (const auto& d : days) JC_TRY(store.Put(d, "chinese-days", now));
    written += days.size();
  }
  return written;
}

std::shared_ptr<const core::time::WorkCalendar> CalendarHolder::Get() const {
  std::lock_guard lock(mu_);
  return calendar_;
}

void CalendarHolder::Set(std::shared_ptr<const core::time::WorkCalendar> calendar) {
  std::lock_guard lock(mu_);
  calendar_ = std::move(calendar);
}

Result<void> CalendarHolder::Reload(core::db::Database& db,
                                    const std::vector<core::time::WorkPeriod>& periods) {
  std::vector<CalendarDay> days;
  JC_TRY(db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(days, CalendarStore(s).All());
    return {};
  }));
  Set(std::make_shared<const core::time::WorkCalendar>(
      core::time::CalendarFromDays(days, periods)));
  return {};
}

}  // namespace jiceng::cases
