#include "modules/cases/board/board_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

// Written exactly as in the partial indexes of 0008_board.sql: SQLite (and PostgreSQL) use a
// partial index only when the query repeats its condition.
constexpr const char* kOpen = "status NOT IN ('closed', 'rejected')";
constexpr const char* kLocated = "lng IS NOT NULL";
// Overdue as the case list counts it (overdue=1): the current stage is past due and the case is
// not suspended.
constexpr const char* kLateStage = "status <> 'suspended' AND stage_due_at < ";
// Due soon: the deadline timer has warned (60 working minutes before) and it is not due yet.
constexpr const char* kSoonStage = "status <> 'suspended' AND warned = 1 AND stage_due_at >= ";

// PostgreSQL refuses a constant in GROUP BY ("non-integer constant"): leave out the child
// expression when there are no children.
std::string GroupBy(const std::string& child, const char* column) {
  return child == "''" ? std::string(column) : child + ", " + column;
}

}  // namespace

std::string BoardStore::Where(const core::auth::Scope& scope, const BoardArea& area, Params& params,
                              const std::string& table) const {
  std::string column = table + (area.department ? "department_code" : "org_code");
  std::string sql = "(" + column + " >= " + Bind(params, area.code) + " AND " + column + " < " +
                    Bind(params, area.code + ":") + ")";
  // A case is in scope through its grid or its handling department. When the scope covers the
  // area itself, every case of the area is in scope through that same column, so the condition
  // would only cost time on each row; otherwise it is added and may leave nothing.
  if (!scope.Covers(area.code)) {
    sql += " AND (" + scope.Sql(table + "org_code", params) + " OR " +
           scope.Sql(table + "department_code", params) + ")";
  }
  return sql;
}

std::string BoardStore::ChildExpr(const BoardArea& area, std::size_t child_len) const {
  if (area.department || child_len == 0) return "''";
  return "substr(org_code, 1, " + std::to_string(child_len) + ")";
}

Result<OpenFigures> BoardStore::Open(const core::auth::Scope& scope, const BoardArea& area,
                                     std::size_t child_len, std::int64_t now_ms) {
  // Grouped by grid and status, the order of the partial index: SQLite counts in one pass with
  // no sort and no expression per row (grouping by a code prefix took twice as long on a county
  // of 62k open cases); the grids are summed into children here.
  auto child_of = [&](const std::string& org_code) {
    return child_len == 0 || area.department || org_code.size() < child_len
               ? std::string()
               : org_code.substr(0, child_len);
  };
  OpenFigures out;
  Params params;
  std::string where = Where(scope, area, params);
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT org_code, status, COUNT(*) FROM "
                                           "cases_cases WHERE ") +
                                   kOpen + " AND " + where + " GROUP BY org_code, status",
                               params));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::int64_t n = rows[i].Int(2);
    out.by_status[rows[i].Text(1)] += n;
    out.open_by_child[child_of(rows[i].Text(0))] += n;
    out.open += n;
  }
  params.clear();
  std::string late = kLateStage + Bind(params, now_ms);
  where = Where(scope, area, params);
  JC_ASSIGN_OR_RETURN(
      rows, s_.Query(std::string("SELECT org_code, COUNT(*) FROM cases_cases WHERE ") + kOpen +
                         " AND " + late + " AND " + where + " GROUP BY org_code",
                     params));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.overdue_by_child[child_of(rows[i].Text(0))] += rows[i].Int(1);
    out.overdue += rows[i].Int(1);
  }
  params.clear();
  std::string soon = kSoonStage + Bind(params, now_ms);
  where = Where(scope, area, params);
  JC_ASSIGN_OR_RETURN(rows, s_.Query(std::string("SELECT COUNT(*) FROM cases_cases WHERE ") +
                                         kOpen + " AND " + soon + " AND " + where,
                                     params));
  out.due_soon = rows.empty() ? 0 : rows[0].Int(0);
  return out;
}

Result<std::vector<IntakeCount>> BoardStore::Intake(const core::auth::Scope& scope,
                                                    const BoardArea& area, std::size_t child_len,
                                                    std::int64_t from_ms, std::int64_t to_ms) {
  Params params;
  std::string range = "created_at >= " + Bind(params, from_ms) + " AND created_at < " +
                      Bind(params, to_ms) + " AND ";
  std::string child = ChildExpr(area, child_len);
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT " + child + ", channel, COUNT(*) FROM cases_cases WHERE " + range +
                   Where(scope, area, params) + " GROUP BY " + GroupBy(child, "channel"),
               params));
  std::vector<IntakeCount> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows[i].Text(0), rows[i].Text(1), rows[i].Int(2)});
  return out;
}

Result<std::vector<LateCase>> BoardStore::MostOverdue(const core::auth::Scope& scope,
                                                      const BoardArea& area, std::int64_t now_ms,
                                                      int limit) {
  return Watchlist(scope, area, kLateStage, now_ms, limit);
}

Result<std::vector<LateCase>> BoardStore::DueSoonest(const core::auth::Scope& scope,
                                                     const BoardArea& area, std::int64_t now_ms,
                                                     int limit) {
  return Watchlist(scope, area, kSoonStage, now_ms, limit);
}

Result<std::vector<LateCase>> BoardStore::Watchlist(const core::auth::Scope& scope,
                                                    const BoardArea& area,
                                                    const char* stage_condition,
                                                    std::int64_t now_ms, int limit) {
  // The inner query ranks from the index alone; only the chosen rows are read from the table.
  Params params;
  std::string inner = std::string("SELECT id FROM cases_cases WHERE ") + kOpen + " AND " +
                      stage_condition + Bind(params, now_ms) + " AND " +
                      Where(scope, area, params) + " ORDER BY stage_due_at, id LIMIT " +
                      std::to_string(limit);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id, category_code, org_code, department_code, "
                                          "status, stage_due_at FROM cases_cases WHERE id IN (" +
                                              inner + ") ORDER BY stage_due_at, id",
                                          params));
  std::vector<LateCase> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)});
  }
  return out;
}

Result<std::vector<MapPoint>> BoardStore::MapPoints(const core::auth::Scope& scope,
                                                    const BoardArea& area, std::int64_t now_ms,
                                                    int limit) {
  Params params;
  std::string now = Bind(params, now_ms);
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query(std::string("SELECT id, lng, lat, status, CASE WHEN ") + kLateStage +
                              now + " THEN 1 ELSE 0 END FROM cases_cases WHERE " + kOpen + " AND " +
                              kLocated + " AND " + Where(scope, area, params) +
                              " ORDER BY id DESC LIMIT " + std::to_string(limit),
                          params));
  std::vector<MapPoint> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out.push_back({r.Int(0), r.Real(1), r.Real(2), r.Text(3), r.Int(4) != 0});
  }
  return out;
}

Result<std::vector<CategoryCount>> BoardStore::TopCategories(const std::string& unit,
                                                             const std::string& from_day,
                                                             const std::string& to_day, int limit) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT category, SUM(reported) FROM cases_indicator_counts WHERE unit = $1 "
               "AND category <> '*' AND day >= $2 AND day <= $3 GROUP BY category "
               "HAVING SUM(reported) > 0 ORDER BY SUM(reported) DESC, category LIMIT " +
                   std::to_string(limit),
               {unit, from_day, to_day}));
  std::vector<CategoryCount> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back({rows[i].Text(0), rows[i].Int(1)});
  return out;
}

Result<std::map<std::string, std::string>> BoardStore::CategoryNames() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT code, name FROM cases_categories"));
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.emplace(rows[i].Text(0), rows[i].Text(1));
  return out;
}

Result<std::int64_t> BoardStore::LatestEventId() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT MAX(id) FROM cases_case_events"));
  return rows.empty() || rows[0].IsNull(0) ? 0 : rows[0].Int(0);
}

Result<bool> BoardStore::ChangedBetween(const core::auth::Scope& scope, const BoardArea& area,
                                        std::int64_t after_id, std::int64_t upto_id) {
  if (upto_id <= after_id) return false;
  // CROSS JOIN keeps SQLite's join order: the few new events first, then their cases by id.
  Params params{after_id, upto_id};
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT e.id FROM cases_case_events e CROSS JOIN cases_cases c WHERE "
                          "c.id = e.case_id AND e.id > $1 AND e.id <= $2 AND " +
                              Where(scope, area, params, "c.") + " LIMIT 1",
                          params));
  return !rows.empty();
}

}  // namespace jiceng::cases
