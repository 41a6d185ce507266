#include "modules/org/org_store.hpp"

#include <algorithm>
#include <set>

#include "core/db/like.hpp"
#include "core/module_names.hpp"

namespace jiceng::org {

using core::db::Row;
using core::db::Rows;

namespace {

constexpr const char* kNodeColumns = "code, parent_code, name, level, kind, category, child_count";

OrgNode NodeFrom(const Row& r) {
  OrgNode n;
  std::string level;
  r.Into(n.code, n.parent_code, n.name, level, n.kind, n.category, n.child_count);
  n.level = ParseLevel(level).value_or(LevelOfCode(n.code));
  return n;
}

std::vector<OrgNode> NodesFrom(const Rows& rows) {
  std::vector<OrgNode> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(NodeFrom(rows[i]));
  return out;
}

constexpr const char* kGridColumns =
    "code, village_code, name, kind, dedicated_kind, household_capacity, population_capacity, "
    "hotline, geometry, area_m2, version, updated_at, updated_by";

Grid GridFrom(const Row& r) {
  Grid g;
  std::string geometry;
  r.Into(g.code, g.village_code, g.name, g.kind, g.dedicated_kind, g.household_capacity,
         g.population_capacity, g.hotline, geometry, g.area_m2, g.version, g.updated_at,
         g.updated_by);
  g.geometry = nlohmann::json::parse(geometry, nullptr, false);
  return g;
}

}  // namespace

nlohmann::json GridSnapshot(const Grid& g) {
  std::vector<std::int64_t> worker_ids;
  for (const auto& w : g.workers) worker_ids.push_back(w.user_id);
  return {{"name", g.name},
          {"worker_ids", worker_ids},
          {"kind", g.kind},
          {"dedicated_kind", g.dedicated_kind},
          {"household_capacity", g.household_capacity},
          {"population_capacity", g.population_capacity},
          {"hotline", g.hotline},
          {"geometry", g.geometry},
          {"area_m2", g.area_m2}};
}

Result<std::optional<OrgNode>> OrgStore::GetNode(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(Rows rows, s_.Query(std::string("SELECT ") + kNodeColumns +
                                              " FROM org_nodes WHERE code = $1 AND " + where,
                                          p));
  if (rows.empty()) return std::optional<OrgNode>();
  return std::optional<OrgNode>(NodeFrom(rows[0]));
}

Result<std::vector<OrgNode>> OrgStore::Children(const Scope& scope, const std::string& parent,
                                                const std::string& after, int limit) {
  Params p{parent, after, std::int64_t{limit}};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query(std::string("SELECT ") + kNodeColumns +
                              " FROM org_nodes WHERE parent_code = $1 AND code > $2 AND " + where +
                              " ORDER BY code LIMIT $3",
                          p));
  return NodesFrom(rows);
}

Result<std::vector<OrgNode>> OrgStore::Search(const Scope& scope, const std::string& name_part,
                                              const std::string& after, int limit) {
  // LIKE with escaped wildcards; the scope range keeps the scan to the caller's subtree.
  Params p{core::db::LikeContaining(name_part), after, std::int64_t{limit}};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query(std::string("SELECT ") + kNodeColumns +
                              " FROM org_nodes WHERE name LIKE $1 ESCAPE '\\' AND code > $2 AND " +
                              where + " ORDER BY code LIMIT $3",
                          p));
  return NodesFrom(rows);
}

Result<std::vector<OrgNode>> OrgStore::Roots(const Scope& scope) {
  if (scope.IsAll()) {
    JC_ASSIGN_OR_RETURN(Rows rows,
                        s_.Query(std::string("SELECT ") + kNodeColumns +
                                 " FROM org_nodes WHERE parent_code IS NULL ORDER BY code"));
    return NodesFrom(rows);
  }
  if (scope.IsEmpty()) return std::vector<OrgNode>();
  Params p;
  std::string in = BindList(p, scope.prefixes());
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query(std::string("SELECT ") + kNodeColumns + " FROM org_nodes WHERE code IN " +
                              in + " ORDER BY code",
                          p));
  return NodesFrom(rows);
}

Result<std::vector<std::pair<std::string, std::string>>> OrgStore::Names(
    const std::vector<std::string>& codes) {
  std::vector<std::pair<std::string, std::string>> out;
  if (codes.empty()) return out;
  Params p;
  std::string in = BindList(p, codes);
  JC_ASSIGN_OR_RETURN(
      Rows rows,
      s_.Query("SELECT code, name FROM org_nodes WHERE code IN " + in + " ORDER BY code", p));
  for (std::size_t i = 0; i < rows.size(); ++i) out.emplace_back(rows[i].Text(0), rows[i].Text(1));
  return out;
}

Result<std::optional<std::string>> OrgStore::Boundary(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query("SELECT geometry FROM org_boundaries WHERE code = $1 AND " + where, p));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<void> OrgStore::SetBoundary(const Scope& scope, const std::string& code,
                                   const std::string& geometry, std::int64_t now) {
  if (!scope.Covers(code)) return DomainError::NotFound("org.not_found", "组织节点不存在");
  JC_TRY(
      s_.Exec("INSERT INTO org_boundaries (code, geometry, updated_at) VALUES ($1, $2, $3) "
              "ON CONFLICT (code) DO UPDATE SET geometry = excluded.geometry, updated_at = "
              "excluded.updated_at",
              {code, geometry, now}));
  return {};
}

Result<std::optional<Grid>> OrgStore::GetGrid(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(Rows rows, s_.Query(std::string("SELECT ") + kGridColumns +
                                              " FROM org_grids WHERE code = $1 AND " + where,
                                          p));
  if (rows.empty()) return std::optional<Grid>();
  Grid g = GridFrom(rows[0]);
  JC_ASSIGN_OR_RETURN(Rows workers,
                      s_.Query("SELECT user_id FROM org_grid_workers WHERE grid_code = $1 "
                               "ORDER BY user_id",
                               {code}));
  for (std::size_t i = 0; i < workers.size(); ++i) g.workers.push_back({workers[i].Int(0), {}, {}});
  return std::optional<Grid>(std::move(g));
}

Result<std::vector<Grid>> OrgStore::GridsOfVillage(const Scope& scope,
                                                   const std::string& village_code) {
  Params p{village_code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(Rows rows, s_.Query(std::string("SELECT ") + kGridColumns +
                                              " FROM org_grids WHERE village_code = $1 AND " +
                                              where + " ORDER BY code",
                                          p));
  std::vector<Grid> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(GridFrom(rows[i]));
  Params wp{village_code + "000", village_code + ":"};
  JC_ASSIGN_OR_RETURN(Rows workers,
                      s_.Query("SELECT grid_code, user_id FROM org_grid_workers WHERE "
                               "grid_code >= $1 AND grid_code < $2 ORDER BY grid_code, user_id",
                               wp));
  for (std::size_t i = 0; i < workers.size(); ++i) {
    std::string code = workers[i].Text(0);
    for (auto& g : out) {
      if (g.code == code) g.workers.push_back({workers[i].Int(1), {}, {}});
    }
  }
  return out;
}

Result<std::vector<GridShape>> OrgStore::GridShapes(const Scope& scope) {
  Params p;
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(Rows rows,
                      s_.Query("SELECT code, village_code, geometry FROM org_grids WHERE " + where +
                                   " ORDER BY code",
                               p));
  std::vector<GridShape> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows[i].Text(0), rows[i].Text(1), rows[i].Text(2)});
  return out;
}

Result<std::vector<GridVersion>> OrgStore::Versions(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query("SELECT version, at, actor, deleted, snapshot FROM org_grid_versions "
                          "WHERE code = $1 AND " +
                              where + " ORDER BY version DESC",
                          p));
  std::vector<GridVersion> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows[i].Int(0), rows[i].Int(1), rows[i].Text(2), rows[i].Bool(3),
                   nlohmann::json::parse(rows[i].Text(4), nullptr, false)});
  }
  return out;
}

Result<std::vector<std::string>> OrgStore::GridsOfWorker(std::int64_t user_id) {
  JC_ASSIGN_OR_RETURN(Rows rows,
                      s_.Query("SELECT grid_code FROM org_grid_workers WHERE user_id = $1 "
                               "ORDER BY grid_code",
                               {user_id}));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].Text(0));
  return out;
}

Result<int> OrgStore::LastGridSequence(const Scope& scope, const std::string& village_code) {
  Params p{village_code + "000", village_code + ":"};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      Rows rows,
      s_.Query(
          "SELECT MAX(code) FROM org_grid_versions WHERE code >= $1 AND code < $2 AND " + where,
          p));
  if (rows.empty() || rows[0].IsNull(0)) return 0;
  std::string code = rows[0].Text(0);
  return std::stoi(code.substr(12));
}

Result<int> OrgStore::LastDepartmentSegment(const std::string& parent_code) {
  JC_ASSIGN_OR_RETURN(
      Rows rows, s_.Query("SELECT MAX(code) FROM org_nodes WHERE parent_code = $1 AND code >= $2 "
                          "AND code < $3",
                          {parent_code, parent_code + "900", parent_code + ":"}));
  if (rows.empty() || rows[0].IsNull(0)) return 899;
  return std::stoi(rows[0].Text(0).substr(parent_code.size()));
}

Result<void> OrgStore::UpsertNodes(const std::vector<OrgNode>& nodes, std::int64_t now) {
  // Multi-row inserts: far fewer round trips on PostgreSQL and statements on SQLite.
  constexpr std::size_t kRowsPerStatement = 200;
  for (std::size_t start = 0; start < nodes.size(); start += kRowsPerStatement) {
    std::size_t end = std::min(nodes.size(), start + kRowsPerStatement);
    std::string sql =
        "INSERT INTO org_nodes (code, parent_code, name, level, kind, category, updated_at) "
        "VALUES ";
    Params p;
    p.reserve((end - start) * 7);
    for (std::size_t i = start; i < end; ++i) {
      const OrgNode& n = nodes[i];
      std::size_t b = p.size();
      if (i > start) sql += ", ";
      sql += "($" + std::to_string(b + 1) + ", $" + std::to_string(b + 2) + ", $" +
             std::to_string(b + 3) + ", $" + std::to_string(b + 4) + ", $" + std::to_string(b + 5) +
             ", $" + std::to_string(b + 6) + ", $" + std::to_string(b + 7) + ")";
      p.emplace_back(n.code);
      if (n.parent_code.empty())
        p.emplace_back(core::db::Null{});
      else
        p.emplace_back(n.parent_code);
      p.emplace_back(n.name);
      p.emplace_back(std::string(LevelName(n.level)));
      p.emplace_back(n.kind);
      p.emplace_back(n.category);
      p.emplace_back(now);
    }
    sql +=
        " ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = "
        "excluded.parent_code, "
        "level = excluded.level, kind = excluded.kind, category = excluded.category, "
        "updated_at = excluded.updated_at";
    JC_TRY(s_.Exec(sql, p));
  }
  return {};
}

Result<void> OrgStore::DeleteNode(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_TRY(s_.Exec("DELETE FROM org_nodes WHERE code = $1 AND " + where, p));
  return {};
}

Result<void> OrgStore::RecountChildren(const std::vector<std::string>& parents) {
  for (const auto& code : parents) {
    JC_TRY(
        s_.Exec("UPDATE org_nodes SET child_count = (SELECT COUNT(*) FROM org_nodes c WHERE "
                "c.parent_code = $1) "
                "WHERE code = $1",
                {code}));
  }
  return {};
}

Result<void> OrgStore::RecountAllChildren() {
  // Only parents are rewritten (about 7 % of a country's nodes); leaves keep their 0.
  JC_TRY(
      s_.Exec("UPDATE org_nodes SET child_count = c.n FROM "
              "(SELECT parent_code, COUNT(*) AS n FROM org_nodes WHERE parent_code IS NOT NULL "
              "GROUP BY parent_code) AS c WHERE c.parent_code = org_nodes.code AND "
              "org_nodes.child_count <> c.n"));
  JC_TRY(
      s_.Exec("UPDATE org_nodes SET child_count = 0 WHERE child_count <> 0 AND NOT EXISTS "
              "(SELECT 1 FROM org_nodes c WHERE c.parent_code = org_nodes.code)"));
  return {};
}

Result<void> OrgStore::InsertGrid(const Scope& scope, const Grid& g) {
  if (!scope.Covers(g.code)) return DomainError::NotFound("org.not_found", "组织节点不存在");
  JC_TRY(s_.Exec(std::string("INSERT INTO org_grids (") + kGridColumns +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                 {g.code, g.village_code, g.name, g.kind, g.dedicated_kind, g.household_capacity,
                  g.population_capacity, g.hotline, g.geometry.dump(), g.area_m2, g.version,
                  g.updated_at, g.updated_by}));
  return {};
}

Result<void> OrgStore::UpdateGrid(const Scope& scope, const Grid& g) {
  Params p{g.code,
           g.name,
           g.kind,
           g.dedicated_kind,
           g.household_capacity,
           g.population_capacity,
           g.hotline,
           g.geometry.dump(),
           g.area_m2,
           g.version,
           g.updated_at,
           g.updated_by};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(
      std::int64_t n,
      s_.Exec("UPDATE org_grids SET name = $2, kind = $3, dedicated_kind = $4, household_capacity "
              "= $5, "
              "population_capacity = $6, hotline = $7, geometry = $8, area_m2 = $9, version = $10, "
              "updated_at = $11, updated_by = $12 WHERE code = $1 AND " +
                  where,
              p));
  if (n == 0) return DomainError::NotFound("org.grid.not_found", "网格不存在");
  return {};
}

Result<void> OrgStore::DeleteGrid(const Scope& scope, const std::string& code) {
  Params p{code};
  std::string where = scope.Sql("code", p);
  JC_ASSIGN_OR_RETURN(std::int64_t n,
                      s_.Exec("DELETE FROM org_grids WHERE code = $1 AND " + where, p));
  if (n == 0) return DomainError::NotFound("org.grid.not_found", "网格不存在");
  JC_TRY(s_.Exec("DELETE FROM org_grid_workers WHERE grid_code = $1", {code}));
  return {};
}

Result<void> OrgStore::SaveVersion(const Grid& g, bool deleted, std::int64_t at,
                                   const std::string& actor) {
  JC_TRY(s_.Exec(
      "INSERT INTO org_grid_versions (code, version, snapshot, deleted, at, actor) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {g.code, g.version, GridSnapshot(g).dump(), std::int64_t{deleted ? 1 : 0}, at, actor}));
  return {};
}

Result<void> OrgStore::SetWorkers(const Scope& scope, const std::string& grid_code,
                                  const std::vector<std::int64_t>& user_ids) {
  if (!scope.Covers(grid_code)) return DomainError::NotFound("org.grid.not_found", "网格不存在");
  JC_TRY(s_.Exec("DELETE FROM org_grid_workers WHERE grid_code = $1", {grid_code}));
  std::set<std::int64_t> unique(user_ids.begin(), user_ids.end());
  for (std::int64_t id : unique) {
    JC_TRY(s_.Exec("INSERT INTO org_grid_workers (grid_code, user_id) VALUES ($1, $2)",
                   {grid_code, id}));
  }
  return {};
}

}  // namespace jiceng::org
