#include "modules/cases/case_routes.hpp"

#include <charconv>
#include <set>

#include "modules/cases/act_on_case.hpp"
#include "modules/cases/body_fields.hpp"
#include "modules/cases/case_json.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/intake/report_case.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;
using core::http::Json;
using core::http::Request;
using core::http::Response;

namespace {

Result<std::int64_t> CaseId(const Request& req) {
  std::string s = req.Param("id");
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return CaseNotFound();
  return v;
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
  JC_ASSIGN_OR_RETURN(r.category_code, Text(body, "category_code"));
  JC_ASSIGN_OR_RETURN(r.description, Text(body, "description"));
  JC_ASSIGN_OR_RETURN(std::string urgency, Text(body, "urgency"));
  if (!urgency.empty()) r.urgency = urgency;
  JC_ASSIGN_OR_RETURN(r.request_type, Text(body, "request_type"));
  JC_ASSIGN_OR_RETURN(r.address, Text(body, "address"));
  JC_ASSIGN_OR_RETURN(r.lng, Number(body, "lng"));
  JC_ASSIGN_OR_RETURN(r.lat, Number(body, "lat"));
  JC_ASSIGN_OR_RETURN(r.org_code, Text(body, "org_code"));
  JC_ASSIGN_OR_RETURN(r.reporter_name, Text(body, "reporter_name"));
  JC_ASSIGN_OR_RETURN(r.reporter_phone, Text(body, "reporter_phone"));
  JC_ASSIGN_OR_RETURN(r.hotline_class, Text(body, "hotline_class"));
  JC_ASSIGN_OR_RETURN(r.answer, Text(body, "answer"));
  if (r.category_code.empty())
    return DomainError::Invalid("cases.category.required", "请选择问题类别", "category_code");
  return r;
}

// channel "" = by role: grid workers report from the field, everyone else through the API.
// The hotline desk and Open311 have their own routes.
Response Report(CasesContext& ctx, Request& req, std::string channel) {
  auto body = req.JsonBody();
  if (!body.ok()) return Response::Problem(body.error(), req);
  auto report = ReportFrom(*body);
  if (!report.ok()) return Response::Problem(report.error(), req);
  if (channel.empty()) channel = req.Who().roles.count("grid_worker") ? "grid_worker" : "api";
  auto c = ReportCase(ctx, core::app::Call::Of(req), *report, channel);
  if (!c.ok()) return Response::Problem(c.error(), req);
  return Response::Ok(CaseJson(*c, ctx.clock.NowMs()), 201);
}

Response List(CasesContext& ctx, Request& req) {
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
    return Response::Problem(
        DomainError::Invalid("http.bad_query", "reporter 只能为 me", "reporter"), req);
  }
  f.overdue_only = req.Query("overdue") == "1" || req.Query("overdue") == "true";
  f.supervised_only = req.Query("supervised") == "1" || req.Query("supervised") == "true";
  std::string limit = req.Query("limit");
  if (!limit.empty()) {
    auto [p, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), f.limit);
    if (ec != std::errc() || p != limit.data() + limit.size() || f.limit < 1 || f.limit > 200) {
      return Response::Problem(DomainError::Invalid("http.bad_query", "limit 应为 1–200", "limit"),
                               req);
    }
  }
  std::int64_t now = ctx.clock.NowMs();
  CasePage page;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(
        page, CaseStore(s, *ctx.cipher).List(req.Who().scope, f, req.Query("cursor"), now));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  Json items = Json::array();
  for (const auto& c : page.items) items.push_back(CaseJson(c, now));
  return Response::Ok(
      {{"items", items},
       {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}});
}

Response Detail(CasesContext& ctx, Request& req) {
  auto id = CaseId(req);
  if (!id.ok()) return Response::Problem(id.error(), req);
  std::optional<Case> c;
  std::vector<CaseEvent> events;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    CaseStore store(s, *ctx.cipher);
    JC_ASSIGN_OR_RETURN(c, store.Get(req.Who().scope, *id));
    if (!c) return CaseNotFound();
    JC_ASSIGN_OR_RETURN(events, store.Events(*id));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  Json out = CaseJson(*c, ctx.clock.NowMs());
  Json timeline = Json::array();
  for (const auto& e : events) timeline.push_back(EventJson(e));
  out["timeline"] = timeline;
  out["allowed_actions"] = AllowedActions(*c, req.Who());
  return Response::Ok(out);
}

Response Act(CasesContext& ctx, Request& req) {
  auto id = CaseId(req);
  if (!id.ok()) return Response::Problem(id.error(), req);
  auto body = req.JsonBody();
  if (!body.ok()) return Response::Problem(body.error(), req);
  if (!body->is_object() || !body->contains("version") || !(*body)["version"].is_number_integer()) {
    return Response::Problem(
        DomainError::Invalid("cases.version.required", "请提供案件的 version", "version"), req);
  }
  CaseActionInput in;
  in.action = req.Param("action");
  in.version = (*body)["version"].get<int>();
  auto note = Text(*body, "note");
  if (!note.ok()) return Response::Problem(note.error(), req);
  in.note = *note;
  in.params = *body;
  auto c = ActOnCase(ctx, core::app::Call::Of(req), *id, in);
  if (!c.ok()) return Response::Problem(c.error(), req);
  return Response::Ok(CaseJson(*c, ctx.clock.NowMs()));
}

}  // namespace

void RegisterCaseRoutes(core::http::Router& router, CasesContext& ctx) {
  router.Post(
      "/api/v1/hotline/tickets", [&ctx](Request& req) { return Report(ctx, req, "hotline"); },
      kHotline,
      "A 12345 hotline ticket: request type, caller, class (dispatch and feedback limits); "
      "enquiries "
      "answered on the spot close at once");
  router.Post(
      "/api/v1/cases", [&ctx](Request& req) { return Report(ctx, req, ""); }, kReport,
      "Reports a case (located to its grid by lng/lat or org_code); 201 with the case");
  router.Get(
      "/api/v1/cases", [&ctx](Request& req) { return List(ctx, req); }, kRead,
      "Cases in scope, newest first (?status=|open, category, org, department, overdue=1, cursor, "
      "limit)");
  router.Get(
      "/api/v1/cases/{id}", [&ctx](Request& req) { return Detail(ctx, req); }, kRead,
      "A case with its timeline and the actions the caller may take");
  router.Post(
      "/api/v1/cases/{id}/actions/{action}", [&ctx](Request& req) { return Act(ctx, req); }, kRead,
      "A workflow action (body: version, note, and the action's parameters); each action checks "
      "its own "
      "permission");
}

}  // namespace jiceng::cases
