#include "modules/party/party_org_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace jiceng::party {

namespace {

using core::db::Params;

constexpr const char* kOrgSelect =
    "SELECT o.id, o.org_code, o.parent_id, o.kind, o.name, o.units, o.term_started_on, "
    "o.term_ends_on, o.created_at, o.updated_at FROM party_orgs o WHERE ";

PartyOrg OrgFrom(const core::db::Row& row) {
  PartyOrg o;
  std::string kind, units;
  row.Into(o.id, o.org_code, o.parent_id, kind, o.name, units, o.term_started_on, o.term_ends_on,
           o.created_at, o.updated_at);
  o.kind = ParseOrgKind(kind).value_or(OrgKind::kBranch);
  auto j = nlohmann::json::parse(units, nullptr, false);
  if (j.is_array())
    for (const auto& u : j)
      if (u.is_string()) o.units.push_back(u.get<std::string>());
  return o;
}

std::vector<PartyOrg> OrgsFrom(const core::db::Rows& rows) {
  std::vector<PartyOrg> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(OrgFrom(rows[i]));
  return out;
}

}  // namespace

core::Result<void> PartyOrgStore::Insert(PartyOrg& o) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO party_orgs (org_code, parent_id, kind, name, units, term_started_on, "
               "term_ends_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
               "RETURNING id",
               {o.org_code, core::db::Opt(o.parent_id), std::string(OrgKindName(o.kind)), o.name,
                nlohmann::json(o.units).dump(), o.term_started_on, o.term_ends_on, o.created_at,
                o.updated_at}));
  o.id = rows[0].Int(0);
  return {};
}

core::Result<std::optional<PartyOrg>> PartyOrgStore::Get(const core::auth::Scope& scope,
                                                         std::int64_t id) {
  Params params{id};
  std::string sql = kOrgSelect + std::string("o.id = $1 AND ") + scope.Sql("o.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<PartyOrg>();
  return std::optional<PartyOrg>(OrgFrom(rows[0]));
}

core::Result<std::vector<PartyOrg>> PartyOrgStore::List(const core::auth::Scope& scope, int limit) {
  Params params;
  std::string sql = kOrgSelect + scope.Sql("o.org_code", params) +
                    " ORDER BY o.org_code, o.id LIMIT " +
                    std::to_string(std::clamp(limit, 1, 2000));
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  return OrgsFrom(rows);
}

core::Result<std::vector<PartyOrg>> PartyOrgStore::TermsEndingBy(const core::auth::Scope& scope,
                                                                 const std::string& until) {
  Params params{until};
  std::string sql = kOrgSelect + std::string("o.term_ends_on <> '' AND o.term_ends_on <= $1 AND ") +
                    scope.Sql("o.org_code", params) + " ORDER BY o.term_ends_on, o.id LIMIT 500";
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  return OrgsFrom(rows);
}

core::Result<std::int64_t> PartyOrgStore::CountAt(const std::string& org_code) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT COUNT(*) FROM party_orgs WHERE org_code = $1", {org_code}));
  return rows[0].Int(0);
}

}  // namespace jiceng::party
