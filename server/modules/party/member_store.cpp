#include "modules/party/member_store.hpp"

#include <algorithm>

namespace jiceng::party {

namespace {

using core::db::Params;

constexpr const char* kMemberSelect =
    "SELECT m.id, m.party_org_id, m.org_code, m.resident_id, m.status, m.joined_on, "
    "m.committee_post, m.created_at, m.updated_at FROM party_members m WHERE ";

Member MemberFrom(const core::db::Row& row) {
  Member m;
  std::string status;
  row.Into(m.id, m.party_org_id, m.org_code, m.resident_id, status, m.joined_on, m.committee_post,
           m.created_at, m.updated_at);
  m.status = ParseMemberStatus(status).value_or(MemberStatus::kFormal);
  return m;
}

}  // namespace

core::Result<void> MemberStore::Insert(Member& m) {
  auto rows = s_.Query(
      "INSERT INTO party_members (party_org_id, org_code, resident_id, status, joined_on, "
      "committee_post, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "RETURNING id",
      {m.party_org_id, m.org_code, m.resident_id, std::string(MemberStatusName(m.status)),
       m.joined_on, m.committee_post, m.created_at, m.updated_at});
  if (!rows.ok()) {
    if (rows.error().kind == core::ErrorKind::kConflict)
      return core::DomainError::Conflict("party.member.duplicate", "该居民已登记为党员",
                                         "resident_id");
    return rows.error();
  }
  m.id = (*rows)[0].Int(0);
  return {};
}

core::Result<std::optional<Member>> MemberStore::Get(const core::auth::Scope& scope,
                                                     std::int64_t id) {
  Params params{id};
  std::string sql = kMemberSelect + std::string("m.id = $1 AND ") + scope.Sql("m.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Member>();
  return std::optional<Member>(MemberFrom(rows[0]));
}

core::Result<std::vector<Member>> MemberStore::List(const core::auth::Scope& scope,
                                                    const MemberFilter& filter) {
  Params params;
  std::string where = scope.Sql("m.org_code", params);
  if (filter.party_org_id)
    where += " AND m.party_org_id = " + core::db::Bind(params, *filter.party_org_id);
  if (filter.after_id > 0) where += " AND m.id > " + core::db::Bind(params, filter.after_id);
  int limit = std::clamp(filter.limit, 1, 5000);
  std::string sql = kMemberSelect + where + " ORDER BY m.id LIMIT " + std::to_string(limit + 1);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<Member> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(MemberFrom(rows[i]));
  return out;
}

core::Result<void> MemberStore::Update(const Member& m) {
  JC_TRY(s_.Exec(
      "UPDATE party_members SET status = $1, committee_post = $2, updated_at = $3 WHERE id = $4",
      {std::string(MemberStatusName(m.status)), m.committee_post, m.updated_at, m.id}));
  return {};
}

core::Result<std::map<std::int64_t, MemberCounts>> MemberStore::Counts(
    const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, MemberCounts> out;
  if (ids.empty()) return out;
  for (std::size_t start = 0; start < ids.size(); start += 500) {
    std::vector<std::int64_t> chunk(ids.begin() + start,
                                    ids.begin() + std::min(ids.size(), start + 500));
    Params params;
    std::string sql =
        "SELECT party_org_id, "
        "SUM(CASE WHEN status = 'formal' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'probationary' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN committee_post <> '' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN committee_post = 'secretary' THEN 1 ELSE 0 END) "
        "FROM party_members WHERE party_org_id IN " +
        core::db::BindList(params, chunk) + " GROUP BY party_org_id";
    JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto row = rows[i];
      MemberCounts c;
      c.formal = row.Int(1);
      c.probationary = row.Int(2);
      c.committee = row.Int(3);
      c.has_secretary = row.Int(4) > 0;
      out[row.Int(0)] = c;
    }
  }
  return out;
}

core::Result<bool> MemberStore::IsMember(std::int64_t resident_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT id FROM party_members WHERE resident_id = $1", {resident_id}));
  return !rows.empty();
}

}  // namespace jiceng::party
