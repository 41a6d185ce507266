#include "modules/cases/case_store.hpp"

#include <algorithm>
#include <cmath>

#include "core/module_names.hpp"
#include "core/text/number.hpp"

namespace jiceng::cases {

namespace {

constexpr const char* kColumns =
    "id, tracking_code, channel, request_type, category_code, urgency, status, description, "
    "address, lng, lat, "
    "org_code, department_code, reporter_user_id, reporter_name, reporter_phone_enc, "
    "first_receiver_id, "
    "stage_due_at, handling_due_at, supervised, duplicate_of, version, created_at, updated_at, "
    "closed_at, overdue, warned, "
    "likely_duplicate_of, hotline_class, feedback_due_at, escalated, followed_up_at, "
    "public_description";

// Visible through the grid or the handling department. plus = "+" hides both columns' indexes
// from SQLite's planner (see ListById).
std::string InScope(const core::auth::Scope& scope, Params& params, const std::string& plus = "") {
  return "(" + scope.Sql(plus + "org_code", params) + " OR " +
         scope.Sql(plus + "department_code", params) + ")";
}

// How a list page is read on SQLite. A page is the newest n + 1 cases of an area (the scope, or
// the org filter within it), and two plans are good:
//  - by area: read every case of the area's org and department ranges (cases_cases_org,
//    cases_cases_department) and sort them by id. Cost: the cases of the area. Right for a grid
//    or a village (a few hundred to a few thousand cases).
//  - by id: walk ids newest first — through the id-ordered index of the status, category or
//    open/overdue filter (migration 0007), else the table — checking the area on each entry.
//    Cost: about (n + 1) / (the area's share of all cases). Right for a township (2-10 % of a
//    county's cases: a page within a few thousand entries, where sorting its 20,000-100,000
//    cases takes 30-80 ms at 1M cases), a county or a large department.
// SQLite keeps no statistics here, so its planner takes the first plan for any range, and drives
// by a status index (every closed case, then a sort) whenever a status is filtered. The two
// plans cost about the same when the area holds sqrt((n + 1) * N) of N cases: a count of the
// area's index entries, stopped at that bound, decides. PostgreSQL plans from its own statistics
// and gets the plain query.
Result<bool> ListById(core::db::Session& s, const core::auth::Scope& scope,
                      const CaseFilter& filter, int limit) {
  if (s.dialect() != core::db::Dialect::kSqlite) return false;
  if (scope.IsAll() && filter.org.empty()) return true;
  JC_ASSIGN_OR_RETURN(auto newest, s.Query("SELECT MAX(id) FROM cases_cases"));
  if (newest.empty() || newest[0].IsNull(0)) return false;
  auto bound = static_cast<std::int64_t>(
      std::ceil(std::sqrt(static_cast<double>(limit + 1) * newest[0].Real(0))));
  Params params;
  std::string sql = "SELECT 0";
  auto count = [&](const char* column, const std::string& prefix) {
    sql += " + (SELECT COUNT(*) FROM (SELECT 1 FROM cases_cases WHERE " +
           core::auth::Scope::Of({prefix}).Sql(column, params) + " LIMIT " + std::to_string(bound) +
           ") AS a)";
  };
  if (!filter.org.empty()) {
    count("org_code", filter.org);
  } else {
    for (const auto& prefix : scope.prefixes())
      count("org_code", prefix), count("department_code", prefix);
  }
  JC_ASSIGN_OR_RETURN(auto n, s.Query(sql, params));
  return n[0].Int(0) >= bound;
}

}  // namespace

Result<Case> CaseStore::FromRow(const core::db::Row& r) const {
  Case c;
  std::optional<std::string> phone_enc;
  r.Into(c.id, c.tracking_code, c.channel, c.request_type, c.category_code, c.urgency, c.status,
         c.description, c.address, c.lng, c.lat, c.org_code, c.department_code, c.reporter_user_id,
         c.reporter_name, phone_enc, c.first_receiver_id, c.stage_due_at, c.handling_due_at,
         c.supervised, c.duplicate_of, c.version, c.created_at, c.updated_at, c.closed_at,
         c.overdue, c.warned, c.likely_duplicate_of, c.hotline_class, c.feedback_due_at,
         c.escalated, c.followed_up_at, c.public_description);
  if (phone_enc) {
    JC_ASSIGN_OR_RETURN(c.reporter_phone, cipher_.Decrypt(*phone_enc));
  }
  return c;
}

Result<std::optional<Case>> CaseStore::Get(const core::auth::Scope& scope, std::int64_t id) {
  Params params{id};
  std::string sql = std::string("SELECT ") + kColumns + " FROM cases_cases WHERE id = $1 AND " +
                    InScope(scope, params);
  return One(sql, params);
}

Result<std::optional<Case>> CaseStore::ByTrackingCode(const std::string& code) {
  return One(std::string("SELECT ") + kColumns + " FROM cases_cases WHERE tracking_code = $1",
             {code});
}

Result<std::optional<Case>> CaseStore::One(const std::string& sql, const Params& params) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Case>();
  JC_ASSIGN_OR_RETURN(Case c, FromRow(rows[0]));
  return std::optional<Case>(std::move(c));
}

Result<CasePage> CaseStore::List(const core::auth::Scope& scope, const CaseFilter& filter,
                                 const std::string& cursor, std::int64_t now_ms) {
  std::int64_t before = 0;
  if (!cursor.empty() && (!core::text::ParseInt(cursor, before) || before <= 0))
    return DomainError::Invalid("http.bad_cursor", "分页游标无效", "cursor");
  int limit = std::clamp(filter.limit, 1, 200);
  // The plan (ListById): unary '+' keeps SQLite from driving the query by the columns of the plan
  // not taken — the area's when walking by id, the filters' when reading by area.
  JC_ASSIGN_OR_RETURN(bool by_id, ListById(s_, scope, filter, limit));
  const bool sqlite = s_.dialect() == core::db::Dialect::kSqlite;
  const std::string area = sqlite && by_id ? "+" : "", attr = sqlite && !by_id ? "+" : "";
  Params params;
  // With an org filter, that range is the area and the scope is only checked.
  std::string sql = std::string("SELECT ") + kColumns + " FROM cases_cases WHERE " +
                    InScope(scope, params, sqlite && !filter.org.empty() ? "+" : area);
  if (!filter.org.empty()) {
    sql += " AND (" + area + "org_code >= " + Bind(params, filter.org) + " AND " + area +
           "org_code < " + Bind(params, filter.org + ":") + ")";
  }
  // "open" and overdue repeat the condition of the partial index cases_cases_open_id word for
  // word (with attr: hidden when reading by area).
  const std::string open = " AND " + attr + "status NOT IN ('closed', 'rejected')";
  if (filter.status == "open") {
    sql += open;
  } else if (!filter.status.empty()) {
    sql += " AND " + attr + "status = " + Bind(params, filter.status);
  }
  if (!filter.category.empty())
    sql += " AND " + attr + "category_code = " + Bind(params, filter.category);
  if (!filter.department.empty())
    sql += " AND " + attr + "department_code = " + Bind(params, filter.department);
  if (!filter.channel.empty()) sql += " AND channel = " + Bind(params, filter.channel);
  if (filter.reporter_user_id)
    sql += " AND reporter_user_id = " + Bind(params, *filter.reporter_user_id);
  if (filter.feedback == "pending") {
    // Never through a status index: IN over three statuses gives no id order (every closed case,
    // sorted).
    sql += std::string(" AND followed_up_at IS NULL AND ") + (sqlite ? "+" : "") +
           "status IN ('resolved', 'verified', 'closed') AND duplicate_of IS NULL";
  }
  if (filter.supervised_only) sql += open + " AND supervised = 1";
  if (filter.overdue_only) {
    sql += open + " AND status <> 'suspended' AND stage_due_at < " + Bind(params, now_ms);
  }
  // The cursor is a range on ids: by area it must not turn the query into a walk by id.
  if (before > 0) sql += " AND " + attr + "id < " + Bind(params, before);
  sql += " ORDER BY id DESC LIMIT " + std::to_string(limit + 1);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  CasePage page;
  for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
    JC_ASSIGN_OR_RETURN(Case c, FromRow(rows[i]));
    page.items.push_back(std::move(c));
  }
  if (static_cast<int>(rows.size()) > limit)
    page.next_cursor = std::to_string(page.items.back().id);
  return page;
}

Result<void> CaseStore::Insert(Case& c) {
  core::db::Value phone = Null{};
  if (!c.reporter_phone.empty()) phone = core::db::Blob{cipher_.Encrypt(c.reporter_phone)};
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("INSERT INTO cases_cases (tracking_code, channel, "
                                          "request_type, category_code, urgency, status, "
                                          "description, address, lng, lat, org_code, "
                                          "department_code, reporter_user_id, reporter_name, "
                                          "reporter_phone_enc, first_receiver_id, stage_due_at, "
                                          "handling_due_at, supervised, duplicate_of, "
                                          "version, created_at, updated_at, likely_duplicate_of, "
                                          "hotline_class, feedback_due_at, closed_at, "
                                          "public_description) VALUES "
                                          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                                          "$13, $14, $15, $16, $17, $18, $19, $20, 1, $21, "
                                          "$21, $22, $23, $24, $25, $26) RETURNING id",
                                          {c.tracking_code,
                                           c.channel,
                                           c.request_type,
                                           c.category_code,
                                           c.urgency,
                                           c.status,
                                           c.description,
                                           c.address,
                                           Opt(c.lng),
                                           Opt(c.lat),
                                           c.org_code,
                                           c.department_code,
                                           Opt(c.reporter_user_id),
                                           c.reporter_name,
                                           phone,
                                           Opt(c.first_receiver_id),
                                           Opt(c.stage_due_at),
                                           Opt(c.handling_due_at),
                                           std::int64_t{c.supervised ? 1 : 0},
                                           Opt(c.duplicate_of),
                                           c.created_at,
                                           Opt(c.likely_duplicate_of),
                                           c.hotline_class,
                                           Opt(c.feedback_due_at),
                                           Opt(c.closed_at),
                                           std::int64_t{c.public_description ? 1 : 0}}));
  c.id = rows[0].Int(0);
  c.version = 1;
  c.updated_at = c.created_at;
  return {};
}

Result<void> CaseStore::SaveWorkflow(Case& c) {
  JC_ASSIGN_OR_RETURN(
      std::int64_t n,
      s_.Exec("UPDATE cases_cases SET status = $1, department_code = $2, first_receiver_id = $3, "
              "stage_due_at = $4, "
              "handling_due_at = $5, supervised = $6, duplicate_of = $7, closed_at = $8, overdue = "
              "$9, warned = $10, "
              "escalated = $14, followed_up_at = $15, version = version + 1, updated_at = $11 "
              "WHERE id = $12 AND version = $13",
              {c.status, c.department_code, Opt(c.first_receiver_id), Opt(c.stage_due_at),
               Opt(c.handling_due_at), std::int64_t{c.supervised ? 1 : 0}, Opt(c.duplicate_of),
               Opt(c.closed_at), std::int64_t{c.overdue ? 1 : 0}, std::int64_t{c.warned ? 1 : 0},
               c.updated_at, c.id, std::int64_t{c.version}, std::int64_t{c.escalated ? 1 : 0},
               Opt(c.followed_up_at)}));
  if (n == 0)
    return DomainError::Conflict("cases.version_conflict", "案件已被他人处理，请刷新后重试",
                                 "version");
  ++c.version;
  return {};
}

Result<void> CaseStore::AppendEvent(CaseEvent& e) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO cases_case_events (case_id, action, from_status, to_status, "
               "actor_id, actor_name, note, data, at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
               "$8, $9) RETURNING id",
               {e.case_id, e.action, e.from_status, e.to_status, Opt(e.actor_id), e.actor_name,
                e.note, e.data, e.at}));
  e.id = rows[0].Int(0);
  return {};
}

Result<std::vector<CaseEvent>> CaseStore::Events(std::int64_t case_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT id, case_id, action, from_status, to_status, actor_id, actor_name, "
               "note, data, at FROM cases_case_events WHERE case_id = $1 ORDER BY id",
               {case_id}));
  std::vector<CaseEvent> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.OptInt(5), r.Text(6),
                   r.Text(7), r.Text(8), r.Int(9)});
  }
  return out;
}

}  // namespace jiceng::cases
