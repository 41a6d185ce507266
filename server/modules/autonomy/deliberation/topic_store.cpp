#include "modules/autonomy/deliberation/topic_store.hpp"

#include <algorithm>

#include "core/module_names.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kTopicSelect =
    "SELECT id, org_code, source, case_id, title, description, submitter, status, decision_id, "
    "created_at, updated_at FROM autonomy_topics WHERE ";

Topic TopicFrom(const core::db::Row& row) {
  Topic t;
  row.Into(t.id, t.org_code, t.source, t.case_id, t.title, t.description, t.submitter, t.status,
           t.decision_id, t.created_at, t.updated_at);
  return t;
}

}  // namespace

Result<void> TopicStore::Insert(Topic& t) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("INSERT INTO autonomy_topics (org_code, source, case_id, title, description, "
               "submitter, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
               "$8, $9) RETURNING id",
               {t.org_code, t.source, core::db::Opt(t.case_id), t.title, t.description, t.submitter,
                t.status, t.created_at, t.updated_at}));
  t.id = rows[0].Int(0);
  return {};
}

Result<std::optional<Topic>> TopicStore::Get(const core::auth::Scope& scope, std::int64_t id) {
  Params params;
  std::string where = scope.Sql("org_code", params) + " AND id = " + Bind(params, id);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kTopicSelect + where, params));
  if (rows.empty()) return std::optional<Topic>();
  return std::optional<Topic>(TopicFrom(rows[0]));
}

Result<std::vector<Topic>> TopicStore::List(const core::auth::Scope& scope, const std::string& org,
                                            const std::string& status, int limit) {
  Params params;
  std::string where = scope.Sql("org_code", params);
  if (!org.empty())
    where += " AND org_code >= " + Bind(params, org) + " AND org_code < " + Bind(params, org + ":");
  if (!status.empty()) where += " AND status = " + Bind(params, status);
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(kTopicSelect + where + " ORDER BY created_at DESC, id DESC LIMIT " +
                                   std::to_string(std::clamp(limit, 1, 500)),
                               params));
  std::vector<Topic> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(TopicFrom(rows[i]));
  return out;
}

Result<bool> TopicStore::Close(std::int64_t id, const std::string& status,
                               std::optional<std::int64_t> decision_id, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto n, s_.Exec("UPDATE autonomy_topics SET status = $1, decision_id = $2, "
                                      "updated_at = $3 WHERE id = $4 AND status = 'open'",
                                      {status, core::db::Opt(decision_id), now, id}));
  return n == 1;
}

Result<void> TopicStore::InsertConsultation(Consultation& c) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(
          "INSERT INTO autonomy_consultations (topic_id, held_on, residents, "
          "representatives, units, social_organizations, outcome, follow_up, note, "
          "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
          "RETURNING id",
          {c.topic_id, c.held_on, c.residents, c.representatives, c.units, c.social_organizations,
           c.outcome, c.follow_up, c.note, c.recorded_by, c.recorded_at}));
  c.id = rows[0].Int(0);
  return {};
}

Result<std::vector<Consultation>> TopicStore::Consultations(std::int64_t topic_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT id, topic_id, held_on, residents, representatives, units, "
               "social_organizations, outcome, follow_up, note, recorded_by, recorded_at FROM "
               "autonomy_consultations WHERE topic_id = $1 ORDER BY id",
               {topic_id}));
  std::vector<Consultation> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Consultation c;
    rows[i].Into(c.id, c.topic_id, c.held_on, c.residents, c.representatives, c.units,
                 c.social_organizations, c.outcome, c.follow_up, c.note, c.recorded_by,
                 c.recorded_at);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace jiceng::autonomy
