#include "modules/cases/case_routes.hpp"

#include <set>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "modules/cases/act_on_case.hpp"
#include "modules/cases/body_fields.hpp"
#include "modules/cases/case_json.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/intake/report_case.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

namespace {

Result<std::int64_t> CaseId(const Request& req) {
  return core::http::PathId(req, "id", CaseNotFound());
}

Result<CaseReport> ReportFrom(const Json& body) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  static const std::set<std::string> kKnown = {
      "category_code", "description", "urgency",       "request_type",   "address",       "lng",
      "lat",           "org_code",    "reporter_name", "reporter_phone", "hotline_class", "answer"};
  for (const auto& [key, _] : body.items()) {
    if (!kKnown.count(key))
      return DomainError::Invalid("cases.field.unknown", "未知字段：" + key, key);
  }
  CaseReport r;
  JC_TRY(ReadReportFields(body, "org_code", r));
  JC_ASSIGN_OR_RETURN(std::string urgency, Text(body, "urgency"));
  if (!urgency.empty()) r.urgency = urgency;
  JC_ASSIGN_OR_RETURN(r.request_type, Text(body, "request_type"));
  JC_ASSIGN_OR_RETURN(r.hotline_class, Text(body, "hotline_class"));
  JC_ASSIGN_OR_RETURN(r.answer, Text(body, "answer"));
  if (r.category_code.empty())
    return DomainError::Invalid("cases.category.required", "请选择问题类别", "category_code");
  return r;
}

// channel "" = by role: grid workers report from the field, everyone else through the API.
// The hotline desk and Open311 have their own routes.
Result<Json> Report(CasesContext& ctx, Request& req, std::string channel) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_ASSIGN_OR_RETURN(CaseReport report, ReportFrom(body));
  if (channel.empty()) channel = req.Who().roles.count("grid_worker") ? "grid_worker" : "api";
  JC_ASSIGN_OR_RETURN(Case c, ReportCase(ctx, core::app::Call::Of(req), report, channel));
  return CaseJson(c, ctx.clock.NowMs());
}

Result<Json> List(CasesContext& ctx, Request& req) {
  CaseFilter f;
  f.org = req.Query("org");
  f.status = req.Query("status");
  f.category = req.Query("category");
  f.department = req.Query("department");
  f.channel = req.Query("channel");
  f.feedback = req.Query("feedback");
  std::string reporter = req.Query("reporter");
  if (reporter == "me") {
    f.reporter_user_id = req.Who().user_id;
  } else if (!reporter.empty()) {
    return DomainError::Invalid("http.bad_query", "reporter 只能为 me", "reporter");
  }
  f.overdue_only = req.Query("overdue") == "1" || req.Query("overdue") == "true";
  f.supervised_only = req.Query("supervised") == "1" || req.Query("supervised") == "true";
  if (std::string limit = req.Query("limit"); !limit.empty()) {
    auto v = core::text::ParseInt(limit);
    if (!v || *v < 1 || *v > 200)
      return DomainError::Invalid("http.bad_query", "limit 应为 1–200", "limit");
    f.limit = static_cast<int>(*v);
  }
  std::int64_t now = ctx.clock.NowMs();
  CasePage page;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(
        page, CaseStore(s, *ctx.cipher).List(req.Who().scope, f, req.Query("cursor"), now));
    return {};
  }));
  Json items = Json::array();
  for (const auto& c : page.items) items.push_back(CaseJson(c, now));
  return Json{{"items", items},
              {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}};
}

Result<Json> Detail(CasesContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, CaseId(req));
  std::optional<Case> c;
  std::vector<CaseEvent> events;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    CaseStore store(s, *ctx.cipher);
    JC_ASSIGN_OR_RETURN(c, store.Get(req.Who().scope, id));
    if (!c) return CaseNotFound();
    JC_ASSIGN_OR_RETURN(events, store.Events(id));
    return {};
  }));
  Json out = CaseJson(*c, ctx.clock.NowMs());
  Json timeline = Json::array();
  for (const auto& e : events) timeline.push_back(EventJson(e));
  out["timeline"] = timeline;
  out["allowed_actions"] = AllowedActions(*c, req.Who());
  return out;
}

Result<Json> Act(CasesContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, CaseId(req));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    return DomainError::Invalid("cases.version.required", "请提供案件的 version", "version");
  }
  CaseActionInput in;
  in.action = req.Param("action");
  in.version = body["version"].get<int>();
  JC_ASSIGN_OR_RETURN(in.note, Text(body, "note"));
  in.params = body;
  JC_ASSIGN_OR_RETURN(Case c, ActOnCase(ctx, core::app::Call::Of(req), id, in));
  return CaseJson(c, ctx.clock.NowMs());
}

}  // namespace

void RegisterCaseRoutes(core::http::Router& router, CasesContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/hotline/tickets",
              Answering([&ctx](Request& req) { return Report(ctx, req, "hotline"); }, 201),
              kHotline,
              "A 12345 hotline ticket: request type, caller, class (dispatch and feedback limits); "
              "enquiries "
              "answered on the spot close at once");
  router.Post("/api/v1/cases",
              Answering([&ctx](Request& req) { return Report(ctx, req, ""); }, 201), kReport,
              "Reports a case (located to its grid by lng/lat or org_code); 201 with the case");
  router.Get(
      "/api/v1/cases", Answering([&ctx](Request& req) { return List(ctx, req); }), kRead,
      "Cases in scope, newest first (?status=|open, category, org, department, overdue=1, cursor, "
      "limit)");
  router.Get("/api/v1/cases/{id}", Answering([&ctx](Request& req) { return Detail(ctx, req); }),
             kRead, "A case with its timeline and the actions the caller may take");
  router.Post(
      "/api/v1/cases/{id}/actions/{action}",
      Answering([&ctx](Request& req) { return Act(ctx, req); }), kRead,
      "A workflow action (body: version, note, and the action's parameters); each action checks "
      "its own "
      "permission");
}

}  // namespace jiceng::cases
