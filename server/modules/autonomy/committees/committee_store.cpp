#include "modules/autonomy/committees/committee_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kMemberSelect =
    "SELECT id, org_code, committee, resident_id, name, post, started_on, ended_on, created_at "
    "FROM autonomy_committee_members WHERE ";

CommitteeMember MemberFrom(const core::db::Row& row) {
  CommitteeMember m;
  row.Into(m.id, m.org_code, m.committee, m.resident_id, m.name, m.post, m.started_on, m.ended_on,
           m.created_at);
  return m;
}

}  // namespace

Result<void> CommitteeStore::Insert(CommitteeMember& m) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(
          "INSERT INTO autonomy_committee_members (org_code, committee, resident_id, name, "
          "post, started_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {m.org_code, m.committee, m.resident_id, m.name, m.post, m.started_on, m.created_at}));
  m.id = rows[0].Int(0);
  return {};
}

Result<std::vector<CommitteeMember>> CommitteeStore::Current(const core::auth::Scope& scope,
                                                             const std::string& org_code) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND org_code = " + Bind(params, org_code) +
                      " AND ended_on IS NULL";
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(std::string(kMemberSelect) + where + " ORDER BY committee, id LIMIT 500", params));
  std::vector<CommitteeMember> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(MemberFrom(rows[i]));
  return out;
}

Result<std::optional<CommitteeMember>> CommitteeStore::Get(const core::auth::Scope& scope,
                                                           std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kMemberSelect + where, params));
  if (rows.empty()) return std::optional<CommitteeMember>();
  return std::optional<CommitteeMember>(MemberFrom(rows[0]));
}

Result<bool> CommitteeStore::End(std::int64_t id, const std::string& ended_on) {
  JC_ASSIGN_OR_RETURN(auto n, s_.Exec("UPDATE autonomy_committee_members SET ended_on = $1 "
                                      "WHERE id = $2 AND ended_on IS NULL",
                                      {ended_on, id}));
  return n == 1;
}

}  // namespace jiceng::autonomy
