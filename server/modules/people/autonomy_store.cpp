#include "modules/people/autonomy_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::people {

namespace {

ResidentBrief BriefFrom(const core::db::Row& row) {
  ResidentBrief b;
  row.Into(b.id, b.name, b.org_code, b.household_id, b.relation);
  return b;
}

}  // namespace

Result<std::optional<ResidentBrief>> AutonomyStore::Brief(const core::auth::Scope& scope,
                                                          std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id, name, org_code, household_id, relation FROM "
                                          "people_residents WHERE " +
                                              where,
                                          params));
  if (rows.empty()) return std::optional<ResidentBrief>();
  return std::optional<ResidentBrief>(BriefFrom(rows[0]));
}

Result<std::vector<ResidentBrief>> AutonomyStore::Briefs(const std::vector<std::int64_t>& ids) {
  std::vector<ResidentBrief> out;
  if (ids.empty()) return out;
  Params params;
  std::string in = BindList(params, ids);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id, name, org_code, household_id, relation FROM "
                                          "people_residents WHERE id IN " +
                                              in,
                                          params));
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(BriefFrom(rows[i]));
  return out;
}

}  // namespace jiceng::people
