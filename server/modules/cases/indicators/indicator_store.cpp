#include "modules/cases/indicators/indicator_store.hpp"

#include <set>

#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {
      "reported",         "dispatched", "accepted",          "due",
      "deferred",         "closed",     "closed_on_time",    "closed_on_time_undeferred",
      "extended",         "verified",   "reworked",          "resolved",
      "handling_minutes", "followups",  "followup_resolved", "satisfied",
      "mostly_satisfied"};
  return kColumns;
}

}  // namespace

std::vector<std::string> UnitsOf(const Case& c) {
  std::vector<std::string> out;
  for (std::size_t len : {2, 4, 6, 9, 12, 15})
    if (c.org_code.size() >= len) out.push_back(c.org_code.substr(0, len));
  if (!c.department_code.empty()) out.push_back(c.department_code);
  return out;
}

Result<void> IndicatorStore::Add(const std::vector<std::string>& units, const std::string& category,
                                 const std::string& day,
                                 const std::map<std::string, std::int64_t>& deltas) {
  static const std::set<std::string> kKnown(Columns().begin(), Columns().end());
  std::string cols, values, updates;
  core::db::Params params;
  for (const auto& [column, delta] : deltas) {
    if (!kKnown.count(column))
      return core::DomainError::Internal("cases.indicator.column", "未知的指标：" + column);
    cols += ", " + column;
    values += ", " + core::db::Bind(params, delta);
    updates += std::string(updates.empty() ? "" : ", ") + column + " = cases_indicator_counts." +
               column + " + excluded." + column;
  }
  if (deltas.empty()) return {};
  // Same statement text for every unit and category (the prepared-statement cache keeps it).
  std::string sql = "INSERT INTO cases_indicator_counts (unit, category, day" + cols +
                    ") VALUES ($" + std::to_string(params.size() + 1) + ", $" +
                    std::to_string(params.size() + 2) + ", $" + std::to_string(params.size() + 3) +
                    values + ") ON CONFLICT (unit, category, day) DO UPDATE SET " + updates;
  for (const auto& unit : units) {
    for (const std::string& cat : {category, std::string("*")}) {
      core::db::Params p = params;
      p.insert(p.end(), {unit, cat, day});
      JC_TRY(s_.Exec(sql, p));
    }
  }
  return {};
}

Result<void> IndicatorStore::AddOne(const std::string& unit, const std::string& category,
                                    const std::string& day,
                                    const std::map<std::string, std::int64_t>& deltas) {
  if (deltas.empty()) return {};
  std::string cols, values, updates;
  core::db::Params params{unit, category, day};
  for (const auto& [column, delta] : deltas) {
    cols += ", " + column;
    values += ", " + core::db::Bind(params, delta);
    updates += std::string(updates.empty() ? "" : ", ") + column + " = cases_indicator_counts." +
               column + " + excluded." + column;
  }
  JC_TRY(s_.Exec("INSERT INTO cases_indicator_counts (unit, category, day" + cols +
                     ") VALUES ($1, $2, $3" + values +
                     ") ON CONFLICT (unit, category, day) DO UPDATE SET " + updates,
                 params));
  return {};
}

Result<void> IndicatorBuffer::Add(const std::vector<std::string>& units,
                                  const std::string& category, const std::string& day,
                                  const std::map<std::string, std::int64_t>& deltas) {
  for (const auto& unit : units) {
    for (const std::string& cat : {category, std::string("*")}) {
      auto& row = rows_[{unit, cat, day}];
      for (const auto& [column, delta] : deltas) row[column] += delta;
    }
  }
  return {};
}

Result<void> IndicatorBuffer::Flush(core::db::Session& s) {
  IndicatorStore store(s);
  for (const auto& [key, deltas] : rows_) {
    const auto& [unit, category, day] = key;
    // One unit and no '*' twin: the buffer already summed both.
    std::map<std::string, std::int64_t> nonzero;
    for (const auto& [c, d] : deltas)
      if (d != 0) nonzero[c] = d;
    JC_TRY(store.AddOne(unit, category, day, nonzero));
  }
  rows_.clear();
  return {};
}

Result<IndicatorCounts> IndicatorStore::Sum(const std::string& unit, const std::string& category,
                                            const std::string& from, const std::string& to) {
  std::string select;
  for (const auto& c : Columns())
    select += std::string(select.empty() ? "" : ", ") + "COALESCE(SUM(" + c + "), 0)";
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT " + select +
                              " FROM cases_indicator_counts WHERE unit = $1 AND category = $2 AND "
                              "day >= $3 AND day <= $4",
                          {unit, category, from, to}));
  IndicatorCounts c;
  std::int64_t* fields[] = {
      &c.reported,         &c.dispatched, &c.accepted,          &c.due,
      &c.deferred,         &c.closed,     &c.closed_on_time,    &c.closed_on_time_undeferred,
      &c.extended,         &c.verified,   &c.reworked,          &c.resolved,
      &c.handling_minutes, &c.followups,  &c.followup_resolved, &c.satisfied,
      &c.mostly_satisfied};
  for (std::size_t i = 0; i < Columns().size(); ++i) *fields[i] = rows[0].Int(i);
  return c;
}

}  // namespace jiceng::cases
