#include "modules/party/community/community_store.hpp"

#include <algorithm>

namespace jiceng::party {

namespace {

using core::db::Params;

constexpr const char* kNeedSelect =
    "SELECT n.id, n.org_code, n.kind, n.title, n.detail, n.resident_id, n.status, n.fulfilled_on, "
    "n.created_by_id, n.created_at, "
    "(SELECT COUNT(*) FROM party_signups g WHERE g.need_id = n.id) FROM party_needs n WHERE ";

Need NeedFrom(const core::db::Row& row) {
  Need n;
  row.Into(n.id, n.org_code, n.kind, n.title, n.detail, n.resident_id, n.status, n.fulfilled_on,
           n.created_by_id, n.created_at, n.signups);
  return n;
}

CommunityReport ReportFrom(const core::db::Row& row) {
  CommunityReport r;
  row.Into(r.id, r.member_id, r.org_code, r.registered_on, r.created_at);
  return r;
}

std::string LimitOf(int limit) { return " LIMIT " + std::to_string(std::clamp(limit, 1, 2000)); }

}  // namespace

core::Result<void> CommunityStore::InsertReport(CommunityReport& r) {
  auto rows = s_.Query(
      "INSERT INTO party_community_reports (member_id, org_code, registered_on, created_at) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {r.member_id, r.org_code, r.registered_on, r.created_at});
  if (!rows.ok()) {
    if (rows.error().kind == core::ErrorKind::kConflict)
      return core::DomainError::Conflict("party.report.duplicate", "该党员已向居住地社区报到",
                                         "member_id");
    return rows.error();
  }
  r.id = (*rows)[0].Int(0);
  return {};
}

core::Result<std::optional<CommunityReport>> CommunityStore::ReportOf(std::int64_t member_id) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id, member_id, org_code, registered_on, "
                                          "created_at FROM party_community_reports "
                                          "WHERE member_id = $1",
                                          {member_id}));
  if (rows.empty()) return std::optional<CommunityReport>();
  return std::optional<CommunityReport>(ReportFrom(rows[0]));
}

core::Result<std::vector<CommunityReport>> CommunityStore::Reports(const core::auth::Scope& scope,
                                                                   int limit) {
  Params params;
  std::string sql =
      "SELECT r.id, r.member_id, r.org_code, r.registered_on, r.created_at FROM "
      "party_community_reports r WHERE " +
      scope.Sql("r.org_code", params) + " ORDER BY r.org_code, r.id" + LimitOf(limit);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<CommunityReport> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReportFrom(rows[i]));
  return out;
}

core::Result<void> CommunityStore::InsertNeed(Need& n) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO party_needs (org_code, kind, title, detail, resident_id, status, "
               "fulfilled_on, created_by_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
               "$9) RETURNING id",
               {n.org_code, n.kind, n.title, n.detail, core::db::Opt(n.resident_id), n.status,
                n.fulfilled_on, n.created_by_id, n.created_at}));
  n.id = rows[0].Int(0);
  return {};
}

core::Result<std::optional<Need>> CommunityStore::GetNeed(const core::auth::Scope& scope,
                                                          std::int64_t id) {
  Params params{id};
  std::string sql = kNeedSelect + std::string("n.id = $1 AND ") + scope.Sql("n.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Need>();
  return std::optional<Need>(NeedFrom(rows[0]));
}

core::Result<std::vector<Need>> CommunityStore::Needs(const core::auth::Scope& scope,
                                                      const std::string& status, int limit) {
  Params params;
  std::string where = scope.Sql("n.org_code", params);
  if (!status.empty()) where += " AND n.status = " + core::db::Bind(params, status);
  std::string sql = kNeedSelect + where + " ORDER BY n.id DESC" + LimitOf(limit);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<Need> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(NeedFrom(rows[i]));
  return out;
}

core::Result<void> CommunityStore::MarkFulfilled(std::int64_t need_id, const std::string& day) {
  JC_TRY(s_.Exec("UPDATE party_needs SET status = 'fulfilled', fulfilled_on = $1 WHERE id = $2",
                 {day, need_id}));
  return {};
}

core::Result<void> CommunityStore::InsertSignup(Signup& g) {
  auto rows = s_.Query(
      "INSERT INTO party_signups (need_id, member_id, org_code, hours, created_at) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {g.need_id, g.member_id, g.org_code, core::db::Opt(g.hours), g.created_at});
  if (!rows.ok()) {
    if (rows.error().kind == core::ErrorKind::kConflict)
      return core::DomainError::Conflict("party.signup.duplicate", "该党员已报名这项需求",
                                         "member_id");
    return rows.error();
  }
  g.id = (*rows)[0].Int(0);
  return {};
}

core::Result<std::vector<Signup>> CommunityStore::SignupsOf(std::int64_t need_id) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id, need_id, member_id, org_code, hours, "
                                          "created_at FROM party_signups WHERE need_id = $1 "
                                          "ORDER BY id",
                                          {need_id}));
  std::vector<Signup> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Signup g;
    rows[i].Into(g.id, g.need_id, g.member_id, g.org_code, g.hours, g.created_at);
    out.push_back(g);
  }
  return out;
}

core::Result<void> CommunityStore::SetHours(std::int64_t signup_id, double hours) {
  JC_TRY(s_.Exec("UPDATE party_signups SET hours = $1 WHERE id = $2", {hours, signup_id}));
  return {};
}

core::Result<std::vector<Service>> CommunityStore::ServicesOf(std::int64_t member_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT n.id, n.org_code, n.kind, n.title, n.fulfilled_on, g.hours FROM "
               "party_signups g JOIN party_needs n ON n.id = g.need_id WHERE g.member_id = $1 "
               "AND n.status = 'fulfilled' ORDER BY n.fulfilled_on, n.id",
               {member_id}));
  std::vector<Service> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Service v;
    std::optional<double> hours;
    rows[i].Into(v.need_id, v.org_code, v.kind, v.title, v.fulfilled_on, hours);
    v.hours = hours.value_or(0);
    out.push_back(v);
  }
  return out;
}

}  // namespace jiceng::party
