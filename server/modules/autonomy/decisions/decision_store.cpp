#include "modules/autonomy/decisions/decision_store.hpp"

#include <algorithm>

#include "core/module_names.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kDecisionSelect =
    "SELECT id, org_code, title, matter, proposal, stage, status, stop_reason, version, "
    "created_by_id, created_by, created_at, updated_at FROM autonomy_decisions WHERE ";

Decision DecisionFrom(const core::db::Row& row) {
  Decision d;
  row.Into(d.id, d.org_code, d.title, d.matter, d.proposal, d.stage, d.status, d.stop_reason,
           d.version, d.created_by_id, d.created_by, d.created_at, d.updated_at);
  return d;
}

constexpr const char* kDisclosureSelect =
    "SELECT id, org_code, kind, period, title, body, decision_id, decision_part, status, "
    "published_at, created_by_id, created_by, created_at FROM autonomy_disclosures WHERE ";

Disclosure DisclosureFrom(const core::db::Row& row) {
  Disclosure d;
  row.Into(d.id, d.org_code, d.kind, d.period, d.title, d.body, d.decision_id, d.decision_part,
           d.status, d.published_at, d.created_by_id, d.created_by, d.created_at);
  return d;
}

}  // namespace

Result<void> DecisionStore::Insert(Decision& d) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_decisions (org_code, title, matter, proposal, stage, status, "
               "stop_reason, version, created_by_id, created_by, created_at, updated_at) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
               {d.org_code, d.title, d.matter, d.proposal, d.stage, d.status, d.stop_reason,
                d.version, d.created_by_id, d.created_by, d.created_at, d.updated_at}));
  d.id = rows[0].Int(0);
  return {};
}

Result<std::optional<Decision>> DecisionStore::Get(const core::auth::Scope& scope,
                                                   std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params);
  where += " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kDecisionSelect + where, params));
  if (rows.empty()) return std::optional<Decision>();
  return std::optional<Decision>(DecisionFrom(rows[0]));
}

Result<core::db::Page<Decision>> DecisionStore::List(const core::auth::Scope& scope,
                                                     const DecisionFilter& filter) {
  JC_ASSIGN_OR_RETURN(auto page_of,
                      core::db::KeysetPage::Of({"", "id", true}, filter.cursor, filter.limit));
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND " + page_of.After(params);
  if (!filter.org.empty()) {
    where += " AND org_code >= " + Bind(params, filter.org) + " AND org_code < " +
             Bind(params, filter.org + ":");
  }
  if (!filter.status.empty()) where += " AND status = " + Bind(params, filter.status);
  if (!filter.stage.empty()) where += " AND stage = " + Bind(params, filter.stage);
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(std::string(kDecisionSelect) + where + page_of.OrderLimit(params), params));
  core::db::Page<Decision> page;
  for (std::size_t i = 0; i < rows.size(); ++i) page.items.push_back(DecisionFrom(rows[i]));
  page.next_cursor = page_of.Cut(page.items, [](const Decision& d) {
    return std::pair<std::string, std::int64_t>{"", d.id};
  });
  return page;
}

Result<std::vector<Decision>> DecisionStore::DisclosedOf(const std::string& org_code, int limit) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string(kDecisionSelect) +
                                   "org_code = $1 AND stage IN ('resolution_disclosed', "
                                   "'result_disclosed') ORDER BY updated_at DESC, id DESC LIMIT " +
                                   std::to_string(std::clamp(limit, 1, 200)),
                               {org_code}));
  std::vector<Decision> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(DecisionFrom(rows[i]));
  return out;
}

Result<bool> DecisionStore::Advance(std::int64_t id, const std::string& from_stage,
                                    const std::string& to_stage, const std::string& status,
                                    const std::string& stop_reason, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto n, s_.Exec("UPDATE autonomy_decisions SET stage = $1, status = $2, stop_reason = $3, "
                      "version = version + 1, updated_at = $4 "
                      "WHERE id = $5 AND stage = $6 AND status = 'open'",
                      {to_stage, status, stop_reason, now, id, from_stage}));
  return n == 1;
}

Result<void> DecisionStore::InsertStage(DecisionStage& st) {
  const auto& n = st.numbers;
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_decision_stages (decision_id, stage, held_on, expected, "
               "present, households_expected, households_present, votes_for, votes_against, "
               "abstained, minutes, passed, outcome, recorded_by_id, recorded_at) VALUES ($1, $2, "
               "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
               {st.decision_id, st.stage, st.held_on, n.expected, n.present,
                core::db::Opt(n.households_expected), core::db::Opt(n.households_present),
                n.votes_for, n.votes_against, n.abstained, st.minutes,
                std::int64_t{st.passed ? 1 : 0}, st.outcome, st.recorded_by_id, st.recorded_at}));
  st.id = rows[0].Int(0);
  return {};
}

Result<std::vector<DecisionStage>> DecisionStore::Stages(std::int64_t decision_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT id, decision_id, stage, held_on, expected, present, households_expected, "
               "households_present, votes_for, votes_against, abstained, minutes, passed, "
               "outcome, recorded_by_id, recorded_at FROM autonomy_decision_stages "
               "WHERE decision_id = $1 ORDER BY id",
               {decision_id}));
  std::vector<DecisionStage> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    DecisionStage st;
    auto& n = st.numbers;
    rows[i].Into(st.id, st.decision_id, st.stage, st.held_on, n.expected, n.present,
                 n.households_expected, n.households_present, n.votes_for, n.votes_against,
                 n.abstained, st.minutes, st.passed, st.outcome, st.recorded_by_id, st.recorded_at);
    out.push_back(std::move(st));
  }
  return out;
}

Result<void> DecisionStore::InsertDisclosure(Disclosure& d) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_disclosures (org_code, kind, period, title, body, "
               "decision_id, decision_part, status, published_at, created_by_id, created_by, "
               "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
               "$13) RETURNING id",
               {d.org_code, d.kind, d.period, d.title, d.body, core::db::Opt(d.decision_id),
                d.decision_part, d.status, core::db::Opt(d.published_at), d.created_by_id,
                d.created_by, d.created_at, d.created_at}));
  d.id = rows[0].Int(0);
  return {};
}

Result<std::vector<Disclosure>> DecisionStore::DisclosuresOf(std::int64_t decision_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(std::string(kDisclosureSelect) + "decision_id = $1 ORDER BY id", {decision_id}));
  std::vector<Disclosure> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(DisclosureFrom(rows[i]));
  return out;
}

}  // namespace jiceng::autonomy
