// Deliberation (议事协商): topics from residents (public, no account, rate-limited), staff or a
// case, and consultation meetings with participants by kind and an outcome; an agreed topic
// may become a decision proposal (四议两公开 starts from it).
#include "modules/autonomy/deliberation/topic_routes.hpp"

#include <memory>

#include "core/app/rate_limiter.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"
#include "modules/autonomy/deliberation/topic_store.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

using core::app::RateLimiter;

constexpr int kTopicsPerHour = 5;  // per client address: a village's residents share NATs

DomainError TopicNotFound() {
  return DomainError::NotFound("autonomy.topic.not_found", "议题不存在或不在您的管辖范围内");
}

Json TopicJson(const Topic& t) {
  return {{"id", t.id},
          {"org_code", t.org_code},
          {"source", t.source},
          {"case_id", t.case_id ? Json(*t.case_id) : Json(nullptr)},
          {"title", t.title},
          {"description", t.description},
          {"submitter", t.submitter},
          {"status", t.status},
          {"decision_id", t.decision_id ? Json(*t.decision_id) : Json(nullptr)},
          {"created_at", core::time::FormatIsoUtc(t.created_at)}};
}

Json ConsultationJson(const Consultation& c) {
  return {{"id", c.id},
          {"held_on", c.held_on},
          {"participants",
           {{"residents", c.residents},
            {"representatives", c.representatives},
            {"units", c.units},
            {"social_organizations", c.social_organizations}}},
          {"outcome", c.outcome},
          {"follow_up", c.follow_up},
          {"note", c.note},
          {"recorded_by", c.recorded_by}};
}

Result<Json> PublicTopic(AutonomyContext& ctx, RateLimiter& limiter, Request& req) {
  if (limiter.Check(req.remote_address, ctx.clock.NowMs(), kTopicsPerHour) !=
      RateLimiter::Verdict::kAllow)
    return DomainError{core::ErrorKind::kRateLimited,
                       "autonomy.public.rate_limited",
                       "提交过于频繁，请稍后再试",
                       {},
                       {}};
  std::string code = req.Param("code");
  auto not_found = DomainError::NotFound("autonomy.village.not_found", "未找到该村（社区）");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return not_found;
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(core::auth::Scope::All(), code));
  if (!node || node->level != org::OrgLevel::kVillage) return not_found;
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknown(body, {"title", "description", "name"}));
  Topic t;
  t.org_code = node->code;
  t.source = "resident";
  JC_ASSIGN_OR_RETURN(t.title, RequiredText(body, "title", 60, "议题"));
  JC_ASSIGN_OR_RETURN(t.description, RequiredText(body, "description", 2000, "议题说明"));
  JC_ASSIGN_OR_RETURN(t.submitter, TextField(body, "name", 20));
  t.created_at = t.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(TopicStore(s).Insert(t));
    core::audit::AuditEntry e;
    e.actor = "public";
    e.action = "autonomy.topic.submit";
    e.target_type = "topic";
    e.target_id = std::to_string(t.id);
    e.org_code = t.org_code;
    e.summary = Json{{"source", "resident"}}.dump();
    e.request_id = req.request_id;
    e.source = req.remote_address;
    return ctx.audit.Append(s, e);
  }));
  // The resident learns that the topic was received, nothing about others'.
  return Json{{"id", t.id}, {"status", t.status}};
}

Result<Json> StaffTopic(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknown(body, {"org_code", "title", "description", "case_id"}));
  const auto& who = req.Who();
  Topic t;
  JC_ASSIGN_OR_RETURN(std::string code, RequiredText(body, "org_code", 20, "村（社区）"));
  JC_ASSIGN_OR_RETURN(t.title, RequiredText(body, "title", 60, "议题"));
  JC_ASSIGN_OR_RETURN(t.description, RequiredText(body, "description", 2000, "议题说明"));
  t.source = "staff";
  if (auto it = body.find("case_id"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1)
      return DomainError::Invalid("autonomy.topic.case_id.invalid", "case_id 应为案件编号",
                                  "case_id");
    t.case_id = it->get<std::int64_t>();
    t.source = "case";
  }
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node)
    return DomainError::Invalid("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内",
                                "org_code");
  if (node->level != org::OrgLevel::kVillage)
    return DomainError::Invalid("autonomy.org.not_village", "议题应属于一个村（社区）", "org_code");
  t.org_code = node->code;
  t.submitter = who.display_name.empty() ? who.username : who.display_name;
  t.created_at = t.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(TopicStore(s).Insert(t));
    return ctx.audit.Append(
        s, Call::Of(req).Audit("autonomy.topic.create", "topic", std::to_string(t.id), t.org_code,
                               {{"source", t.source}}));
  }));
  return TopicJson(t);
}

Result<Json> ListTopics(AutonomyContext& ctx, Request& req) {
  std::string org = req.Query("org_code");
  std::string status = req.Query("status");
  if (org.size() > 20 || org.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("http.bad_query", "org_code 应为数字编码", "org_code");
  if (!status.empty() && status != "open" && status != "agreed" && status != "not_agreed" &&
      status != "referred")
    return DomainError::Invalid("http.bad_query",
                                "status 应为 open、agreed、not_agreed 或 referred", "status");
  JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req, 100, 500));
  std::vector<Topic> items;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(items, TopicStore(s).List(req.Who().scope, org, status, limit));
    return {};
  }));
  Json out = Json::array();
  for (const auto& t : items) out.push_back(TopicJson(t));
  return Json{{"items", out}};
}

Result<Json> TopicDetail(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto id, core::http::PathId(req, "id", TopicNotFound()));
  std::optional<Topic> t;
  std::vector<Consultation> meetings;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    TopicStore store(s);
    JC_ASSIGN_OR_RETURN(t, store.Get(req.Who().scope, id));
    if (!t) return TopicNotFound();
    JC_ASSIGN_OR_RETURN(meetings, store.Consultations(id));
    return {};
  }));
  Json out = TopicJson(*t);
  Json ms = Json::array();
  for (const auto& m : meetings) ms.push_back(ConsultationJson(m));
  out["consultations"] = ms;
  return out;
}

Result<Json> Consult(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto id, core::http::PathId(req, "id", TopicNotFound()));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(
      RejectUnknown(body, {"held_on", "participants", "outcome", "follow_up", "note", "matter"}));
  Consultation c;
  c.topic_id = id;
  JC_ASSIGN_OR_RETURN(c.held_on, DateField(body, "held_on", "会议日期"));
  std::int64_t now = ctx.clock.NowMs();
  if (c.held_on > core::time::LocalDate(now))
    return DomainError::Invalid("autonomy.consultation.held_on.future", "会议日期不能晚于今天",
                                "held_on");
  auto p = body.find("participants");
  if (p == body.end() || !p->is_object())
    return DomainError::Invalid("autonomy.consultation.participants.required",
                                "请按类别填写参加人数", "participants");
  JC_TRY(RejectUnknown(*p, {"residents", "representatives", "units", "social_organizations"}));
  JC_ASSIGN_OR_RETURN(auto residents, OptionalCount(*p, "residents"));
  JC_ASSIGN_OR_RETURN(auto representatives, OptionalCount(*p, "representatives"));
  JC_ASSIGN_OR_RETURN(auto units, OptionalCount(*p, "units"));
  JC_ASSIGN_OR_RETURN(auto social, OptionalCount(*p, "social_organizations"));
  c.residents = residents.value_or(0);
  c.representatives = representatives.value_or(0);
  c.units = units.value_or(0);
  c.social_organizations = social.value_or(0);
  if (c.residents + c.representatives + c.units + c.social_organizations == 0)
    return DomainError::Invalid("autonomy.consultation.participants.required",
                                "协商会议至少应有一方参加", "participants");
  JC_ASSIGN_OR_RETURN(c.outcome, RequiredText(body, "outcome", 20, "协商结果"));
  if (c.outcome != "agreed" && c.outcome != "not_agreed" && c.outcome != "referred")
    return DomainError::Invalid("autonomy.consultation.outcome.invalid",
                                "协商结果应为 agreed（达成一致）、not_agreed（未达成一致）或 "
                                "referred（提交上级或有关部门）",
                                "outcome");
  JC_ASSIGN_OR_RETURN(c.follow_up, TextField(body, "follow_up", 20));
  if (c.outcome == "agreed" && c.follow_up != "decision" && c.follow_up != "case")
    return DomainError::Invalid("autonomy.consultation.follow_up.invalid",
                                "达成一致的议题应转为决策事项（decision）或案件（case）",
                                "follow_up");
  if (c.outcome != "agreed" && !c.follow_up.empty())
    return DomainError::Invalid("autonomy.consultation.follow_up.invalid",
                                "只有达成一致的议题才能转为决策事项或案件", "follow_up");
  JC_ASSIGN_OR_RETURN(std::string matter, TextField(body, "matter", 20));
  if (matter.empty()) matter = "other";
  if (matter != "assets" && matter != "land" && matter != "project" && matter != "budget" &&
      matter != "subsidy" && matter != "convention" && matter != "other")
    return DomainError::Invalid(
        "autonomy.decision.matter.unknown",
        "事项类别应为 assets、land、project、budget、subsidy、convention 或 other", "matter");
  JC_ASSIGN_OR_RETURN(c.note, TextField(body, "note", 5000));
  const auto& who = req.Who();
  c.recorded_by = who.display_name.empty() ? who.username : who.display_name;
  c.recorded_at = now;
  Topic t;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    TopicStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(who.scope, id));
    if (!found) return TopicNotFound();
    t = *found;
    if (t.status != "open")
      return DomainError::Conflict("autonomy.topic.closed", "该议题已有协商结果");
    std::optional<std::int64_t> decision_id;
    if (c.follow_up == "decision") {
      // The agreed topic becomes a decision proposal of the village (提议).
      Decision d;
      d.org_code = t.org_code;
      d.title = t.title;
      d.matter = matter;
      d.proposal = t.description + (c.note.empty() ? "" : "\n协商意见：" + c.note);
      d.created_by_id = who.user_id;
      d.created_by = c.recorded_by;
      d.created_at = d.updated_at = now;
      JC_TRY(DecisionStore(s).Insert(d));
      decision_id = d.id;
    }
    JC_TRY(store.InsertConsultation(c));
    JC_ASSIGN_OR_RETURN(bool closed, store.Close(id, c.outcome, decision_id, now));
    if (!closed) return DomainError::Conflict("autonomy.topic.closed", "该议题已有协商结果");
    t.status = c.outcome;
    t.decision_id = decision_id;
    return ctx.audit.Append(
        s, Call::Of(req).Audit("autonomy.topic.consult", "topic", std::to_string(id), t.org_code,
                               {{"outcome", c.outcome}, {"follow_up", c.follow_up}}));
  }));
  Json out = TopicJson(t);
  out["consultation"] = ConsultationJson(c);
  return out;
}

}  // namespace

void RegisterTopicRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  auto limiter = std::make_shared<RateLimiter>(3600'000);
  router.Public(
      "POST", "/api/v1/public/villages/{code}/topics",
      Answering([&ctx, limiter](Request& req) { return PublicTopic(ctx, *limiter, req); }, 201),
      "A resident raises a deliberation topic for the village (no account; 5 an hour per "
      "address)",
      8 * 1024);
  router.Post("/api/v1/topics",
              Answering([&ctx](Request& req) { return StaffTopic(ctx, req); }, 201), kDecisionWrite,
              "A deliberation topic raised by staff, or turned from a case (case_id)");
  router.Get("/api/v1/topics", Answering([&ctx](Request& req) { return ListTopics(ctx, req); }),
             kRead, "Deliberation topics in scope (?org_code= prefix, status, limit)");
  router.Get("/api/v1/topics/{id}",
             Answering([&ctx](Request& req) { return TopicDetail(ctx, req); }), kRead,
             "A topic with its consultation meetings");
  router.Post("/api/v1/topics/{id}/consultations",
              Answering([&ctx](Request& req) { return Consult(ctx, req); }, 201), kDecisionWrite,
              "Records the consultation meeting of an open topic: participants by kind, outcome; "
              "an agreed topic becomes a decision proposal (follow_up decision) or a case");
}

}  // namespace jiceng::autonomy
