#include "modules/autonomy/conventions/convention_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kSelect =
    "SELECT id, org_code, version, title, body, status, decision_id, adopted_on, review_result, "
    "review_note, reviewed_on, reviewed_by, created_by, created_at, updated_at "
    "FROM autonomy_conventions WHERE ";

Convention From(const core::db::Row& row) {
  Convention c;
  row.Into(c.id, c.org_code, c.version, c.title, c.body, c.status, c.decision_id, c.adopted_on,
           c.review_result, c.review_note, c.reviewed_on, c.reviewed_by, c.created_by, c.created_at,
           c.updated_at);
  return c;
}

}  // namespace

Result<void> ConventionStore::Insert(Convention& c) {
  JC_ASSIGN_OR_RETURN(auto max, s_.Query("SELECT COALESCE(MAX(version), 0) FROM "
                                         "autonomy_conventions WHERE org_code = $1",
                                         {c.org_code}));
  c.version = max[0].Int(0) + 1;
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_conventions (org_code, version, title, body, status, "
               "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
               "RETURNING id",
               {c.org_code, c.version, c.title, c.body, c.status, c.created_by, c.created_at,
                c.updated_at}));
  c.id = rows[0].Int(0);
  return {};
}

Result<std::optional<Convention>> ConventionStore::Get(const core::auth::Scope& scope,
                                                       std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kSelect + where, params));
  if (rows.empty()) return std::optional<Convention>();
  return std::optional<Convention>(From(rows[0]));
}

Result<std::vector<Convention>> ConventionStore::OfVillage(const core::auth::Scope& scope,
                                                           const std::string& org_code) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND org_code = " + Bind(params, org_code);
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(kSelect + where + " ORDER BY version DESC LIMIT 200", params));
  std::vector<Convention> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(From(rows[i]));
  return out;
}

Result<std::optional<Convention>> ConventionStore::InForce(const std::string& org_code) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string(kSelect) + "org_code = $1 AND status = 'filed' "
                                                      "ORDER BY version DESC LIMIT 1",
                               {org_code}));
  if (rows.empty()) return std::optional<Convention>();
  return std::optional<Convention>(From(rows[0]));
}

Result<bool> ConventionStore::Update(const Convention& c, const std::string& from) {
  JC_ASSIGN_OR_RETURN(
      auto n, s_.Exec("UPDATE autonomy_conventions SET status = $1, decision_id = $2, "
                      "adopted_on = $3, review_result = $4, review_note = $5, reviewed_on = $6, "
                      "reviewed_by = $7, updated_at = $8 WHERE id = $9 AND status = $10",
                      {c.status, core::db::Opt(c.decision_id), c.adopted_on, c.review_result,
                       c.review_note, c.reviewed_on, c.reviewed_by, c.updated_at, c.id, from}));
  return n == 1;
}

Result<bool> ConventionStore::DecisionUsed(std::int64_t decision_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT COUNT(*) FROM autonomy_conventions WHERE decision_id = $1", {decision_id}));
  return rows[0].Int(0) > 0;
}

}  // namespace jiceng::autonomy
