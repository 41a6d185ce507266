#include "modules/autonomy/committees/two_committees_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::autonomy {

Result<std::vector<CommitteeMember>> TwoCommitteesStore::VillagersUnder(
    const core::auth::Scope& scope, const std::string& prefix) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND " +
                      core::auth::Scope::Of({prefix}).Sql("org_code", params) +
                      " AND committee = 'villagers' AND ended_on IS NULL";
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT id, org_code, committee, resident_id, name, post, started_on, ended_on, "
               "created_at FROM autonomy_committee_members WHERE " +
                   where + " ORDER BY org_code, id LIMIT 20000",
               params));
  std::vector<CommitteeMember> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CommitteeMember m;
    rows[i].Into(m.id, m.org_code, m.committee, m.resident_id, m.name, m.post, m.started_on,
                 m.ended_on, m.created_at);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace jiceng::autonomy
