#include "modules/people/people_stats_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::people {

core::Result<PeopleStats> CountPeople(core::db::Session& s, const core::auth::Scope& scope,
                                      const std::vector<std::string>& care_kinds,
                                      const std::string& today) {
  auto count = [&](const std::string& table, const std::string& extra) -> Result<std::int64_t> {
    core::db::Params params;
    std::string sql =
        "SELECT COUNT(*) FROM " + table + " WHERE " + scope.Sql("org_code", params) + extra;
    JC_ASSIGN_OR_RETURN(auto rows, s.Query(sql, params));
    return rows[0].Int(0);
  };
  PeopleStats out;
  JC_ASSIGN_OR_RETURN(out.residents, count("people_residents", " AND status = 'active'"));
  JC_ASSIGN_OR_RETURN(out.households, count("people_households", ""));
  JC_ASSIGN_OR_RETURN(out.houses, count("people_houses", ""));
  JC_ASSIGN_OR_RETURN(out.rented_houses, count("people_houses", " AND rental_status = 'rented'"));
  JC_ASSIGN_OR_RETURN(out.units, count("people_units", ""));
  if (!care_kinds.empty()) {
    core::db::Params params;
    std::string kinds;
    for (const auto& k : care_kinds) {
      params.push_back(k);
      kinds += (kinds.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    params.push_back(today);
    std::string d = "$" + std::to_string(params.size());
    std::string sql =
        "SELECT COUNT(DISTINCT resident_id) FROM people_resident_tags WHERE kind IN (" + kinds +
        ") AND (start_date = '' OR start_date <= " + d +
        ") AND (end_date = '' OR end_date >= " + d + ") AND " + scope.Sql("org_code", params);
    JC_ASSIGN_OR_RETURN(auto rows, s.Query(sql, params));
    out.care_members = rows[0].Int(0);
  }
  return out;
}

}  // namespace jiceng::people
