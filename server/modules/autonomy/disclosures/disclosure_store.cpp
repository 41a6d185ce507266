#include "modules/autonomy/disclosures/disclosure_store.hpp"

#include <algorithm>

#include "core/module_names.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kSelect =
    "SELECT id, org_code, kind, period, title, body, decision_id, decision_part, status, "
    "published_at, created_by_id, created_by, created_at, total_income, total_expense, version, "
    "updated_at FROM autonomy_disclosures WHERE ";

Disclosure From(const core::db::Row& row) {
  Disclosure d;
  row.Into(d.id, d.org_code, d.kind, d.period, d.title, d.body, d.decision_id, d.decision_part,
           d.status, d.published_at, d.created_by_id, d.created_by, d.created_at, d.total_income,
           d.total_expense, d.version, d.updated_at);
  return d;
}

}  // namespace

Result<void> DisclosureStore::InsertLines(const Disclosure& d) {
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const auto& l = d.lines[i];
    JC_TRY(s_.Exec(
        "INSERT INTO autonomy_disclosure_lines (disclosure_id, position, label, kind, amount) "
        "VALUES ($1, $2, $3, $4, $5)",
        {d.id, static_cast<std::int64_t>(i + 1), l.label, l.kind, l.amount}));
  }
  return {};
}

Result<void> DisclosureStore::Insert(Disclosure& d) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_disclosures (org_code, kind, period, title, body, "
               "decision_id, decision_part, status, published_at, created_by_id, created_by, "
               "created_at, total_income, total_expense, version, updated_at) VALUES ($1, $2, $3, "
               "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
               {d.org_code, d.kind, d.period, d.title, d.body, core::db::Opt(d.decision_id),
                d.decision_part, d.status, core::db::Opt(d.published_at), d.created_by_id,
                d.created_by, d.created_at, core::db::Opt(d.total_income),
                core::db::Opt(d.total_expense), d.version, d.updated_at}));
  d.id = rows[0].Int(0);
  return InsertLines(d);
}

Result<std::optional<Disclosure>> DisclosureStore::Get(const core::auth::Scope& scope,
                                                       std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kSelect + where, params));
  if (rows.empty()) return std::optional<Disclosure>();
  Disclosure d = From(rows[0]);
  JC_ASSIGN_OR_RETURN(auto lines,
                      s_.Query("SELECT label, kind, amount FROM autonomy_disclosure_lines "
                               "WHERE disclosure_id = $1 ORDER BY position",
                               {id}));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    DisclosureLine l;
    lines[i].Into(l.label, l.kind, l.amount);
    d.lines.push_back(std::move(l));
  }
  return std::optional<Disclosure>(std::move(d));
}

Result<std::vector<Disclosure>> DisclosureStore::List(const core::auth::Scope& scope,
                                                      const DisclosureFilter& filter) {
  Params params;
  std::string where = scope.Sql("org_code", params);
  if (!filter.org.empty()) {
    where += " AND org_code >= " + Bind(params, filter.org) + " AND org_code < " +
             Bind(params, filter.org + ":");
  }
  if (!filter.kind.empty()) where += " AND kind = " + Bind(params, filter.kind);
  if (!filter.status.empty()) where += " AND status = " + Bind(params, filter.status);
  int limit = std::clamp(filter.limit, 1, 500);
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(kSelect + where + " ORDER BY created_at DESC, id DESC LIMIT " +
                                   std::to_string(limit),
                               params));
  std::vector<Disclosure> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(From(rows[i]));
  return out;
}

Result<std::vector<Disclosure>> DisclosureStore::PublishedOf(const std::string& org_code,
                                                             int limit) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query(std::string(kSelect) +
                              "org_code = $1 AND status = 'published' ORDER BY published_at DESC, "
                              "id DESC LIMIT " +
                              std::to_string(std::clamp(limit, 1, 200)),
                          {org_code}));
  std::vector<Disclosure> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(From(rows[i]));
  for (auto& d : out) {
    if (d.kind != "finance") continue;
    JC_ASSIGN_OR_RETURN(auto lines,
                        s_.Query("SELECT label, kind, amount FROM autonomy_disclosure_lines "
                                 "WHERE disclosure_id = $1 ORDER BY position",
                                 {d.id}));
    for (std::size_t i = 0; i < lines.size(); ++i) {
      DisclosureLine l;
      lines[i].Into(l.label, l.kind, l.amount);
      d.lines.push_back(std::move(l));
    }
  }
  return out;
}

Result<bool> DisclosureStore::Revise(const Disclosure& d) {
  JC_ASSIGN_OR_RETURN(
      auto n,
      s_.Exec("UPDATE autonomy_disclosures SET title = $1, body = $2, period = $3, "
              "total_income = $4, total_expense = $5, status = 'draft', version = $6, "
              "updated_at = $7 WHERE id = $8 AND version = $9 AND status IN ('draft', "
              "'refused')",
              {d.title, d.body, d.period, core::db::Opt(d.total_income),
               core::db::Opt(d.total_expense), d.version, d.updated_at, d.id, d.version - 1}));
  if (n != 1) return false;
  JC_TRY(s_.Exec("DELETE FROM autonomy_disclosure_lines WHERE disclosure_id = $1", {d.id}));
  JC_TRY(InsertLines(d));
  return true;
}

Result<bool> DisclosureStore::SetStatus(std::int64_t id, const std::string& from,
                                        const std::string& to,
                                        std::optional<std::int64_t> published_at,
                                        std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto n, s_.Exec("UPDATE autonomy_disclosures SET status = $1, published_at = $2, "
                      "version = version + 1, updated_at = $3 WHERE id = $4 AND status = $5",
                      {to, core::db::Opt(published_at), now, id, from}));
  return n == 1;
}

Result<void> DisclosureStore::InsertReview(DisclosureReview& r) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_disclosure_reviews (disclosure_id, verdict, reason, "
               "reviewer_id, reviewer, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
               {r.disclosure_id, r.verdict, r.reason, r.reviewer_id, r.reviewer, r.at}));
  r.id = rows[0].Int(0);
  return {};
}

Result<std::vector<DisclosureReview>> DisclosureStore::Reviews(std::int64_t disclosure_id) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT id, disclosure_id, verdict, reason, reviewer_id, reviewer, "
                               "at FROM autonomy_disclosure_reviews WHERE disclosure_id = $1 "
                               "ORDER BY id",
                               {disclosure_id}));
  std::vector<DisclosureReview> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    DisclosureReview r;
    rows[i].Into(r.id, r.disclosure_id, r.verdict, r.reason, r.reviewer_id, r.reviewer, r.at);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace jiceng::autonomy
