#include "modules/people/visits/visit_store.hpp"

#include <algorithm>

#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "modules/people/record_routes.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kVisitSelect =
    "SELECT v.id, v.org_code, v.resident_id, r.name, v.household_id, v.house_id, v.visited_at, "
    "v.place, v.note, "
    "v.created_by_id, v.created_by, v.created_at FROM people_visits v "
    "LEFT JOIN people_residents r ON r.id = v.resident_id WHERE ";

Visit VisitFrom(const core::db::Row& row) {
  Visit v;
  row.Into(v.id, v.org_code, v.resident_id, v.resident_name, v.household_id, v.house_id,
           v.visited_at, v.place, v.note, v.created_by_id, v.created_by, v.created_at);
  return v;
}

DomainError BadCursor() {
  return DomainError::Invalid("http.bad_cursor", "分页游标无效", "cursor");
}

}  // namespace

Result<VisitPage> VisitStore::List(const core::auth::Scope& scope, const VisitFilter& filter,
                                   const std::string& cursor) {
  int limit = std::clamp(filter.limit, 1, 500);
  Params params;
  std::string where = scope.Sql("v.org_code", params);
  if (!cursor.empty()) {
    auto colon = cursor.find(':');
    std::int64_t at = 0, id = 0;
    if (colon == std::string::npos ||
        !core::text::ParseInt(std::string_view(cursor).substr(0, colon), at) ||
        !core::text::ParseInt(std::string_view(cursor).substr(colon + 1), id)) {
      return BadCursor();
    }
    std::string a = core::db::Bind(params, at);
    std::string a2 = core::db::Bind(params, at);
    std::string i = core::db::Bind(params, id);
    where += " AND (v.visited_at < " + a + " OR (v.visited_at = " + a2 + " AND v.id < " + i + "))";
  }
  if (filter.resident_id)
    where += " AND v.resident_id = " + core::db::Bind(params, *filter.resident_id);
  if (filter.household_id)
    where += " AND v.household_id = " + core::db::Bind(params, *filter.household_id);
  std::string sql = kVisitSelect + where + " ORDER BY v.visited_at DESC, v.id DESC LIMIT " +
                    std::to_string(limit + 1);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  VisitPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) page.items.push_back(VisitFrom(rows[i]));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_cursor =
        std::to_string(page.items.back().visited_at) + ":" + std::to_string(page.items.back().id);
  }
  return page;
}

Result<std::optional<Visit>> VisitStore::Get(const core::auth::Scope& scope, std::int64_t id) {
  Params params{id};
  std::string sql = kVisitSelect + std::string("v.id = $1 AND ") + scope.Sql("v.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Visit>();
  return std::optional<Visit>(VisitFrom(rows[0]));
}

Result<void> VisitStore::Insert(Visit& v) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("INSERT INTO people_visits (org_code, resident_id, household_id, "
                          "house_id, visited_at, place, note, "
                          "created_by_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                          "$7, $8, $9, $10) RETURNING id",
                          {v.org_code, core::db::Opt(v.resident_id), core::db::Opt(v.household_id),
                           core::db::Opt(v.house_id), v.visited_at, v.place, v.note,
                           v.created_by_id, v.created_by, v.created_at}));
  v.id = rows[0].Int(0);
  return {};
}

Result<void> VisitStore::MoveHouse(std::int64_t house_id, const std::string& org_code) {
  JC_TRY(
      s_.Exec("UPDATE people_visits SET org_code = $1 WHERE house_id = $2", {org_code, house_id}));
  return {};
}

Result<PatrolLogPage> VisitStore::PatrolLogs(std::int64_t author_id, const std::string& own_org,
                                             const core::auth::Scope& handover_scope, int limit,
                                             const std::string& cursor) {
  limit = std::clamp(limit, 1, 500);
  Params params;
  std::string own = "p.created_by_id = " + core::db::Bind(params, author_id);
  if (!own_org.empty()) own += " AND " + core::auth::Scope::Of({own_org}).Sql("p.org_code", params);
  std::string handed = "p.handover = 1 AND " + handover_scope.Sql("p.org_code", params);
  std::string where = "((" + own + ") OR (" + handed + "))";
  if (!cursor.empty()) {
    std::int64_t id = 0;
    if (!core::text::ParseInt(cursor, id)) return BadCursor();
    where += " AND p.id < " + core::db::Bind(params, id);
  }
  std::string sql =
      "SELECT p.id, p.org_code, p.at, p.note, p.handover, p.created_by_id, p.created_by "
      "FROM people_patrol_logs p WHERE " +
      where + " ORDER BY p.id DESC LIMIT " + std::to_string(limit + 1);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  PatrolLogPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto row = rows[i];
    page.items.push_back({row.Int(0), row.Text(1), row.Int(2), row.Text(3), row.Int(4) != 0,
                          row.Int(5), row.Text(6)});
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

Result<void> VisitStore::InsertPatrolLog(PatrolLog& log) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("INSERT INTO people_patrol_logs (org_code, at, note, handover, "
                               "created_by_id, created_by) "
                               "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                               {log.org_code, log.at, log.note, std::int64_t{log.handover ? 1 : 0},
                                log.created_by_id, log.created_by}));
  log.id = rows[0].Int(0);
  return {};
}

}  // namespace jiceng::people
