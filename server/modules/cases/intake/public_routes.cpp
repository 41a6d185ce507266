#include "modules/cases/intake/public_routes.hpp"

#include <memory>

#include "core/app/rate_limiter.hpp"
#include "modules/cases/body_fields.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/intake/public_intake.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;
using core::app::RateLimiter;
using core::http::Json;
using core::http::Request;
using core::http::Response;

namespace {

// A phone behind a carrier's NAT shares its address with many others, so the limits are loose
// enough for a village, and tight enough that guessing tracking codes (31^10) gets nowhere.
constexpr int kReportsPerHour = 20;
constexpr int kLookupsPerMinute = 30;

struct Limits {
  RateLimiter reports{3600'000};
  RateLimiter lookups{60'000};
};

std::optional<Response> Limited(RateLimiter& limiter, const Request& req, std::int64_t now,
                                int limit) {
  if (limiter.Check(req.remote_address, now, limit) == RateLimiter::Verdict::kAllow)
    return std::nullopt;
  return Response::Problem(429, "cases.public.rate_limited", "操作过于频繁，请稍后再试", req);
}

Result<ResidentReport> ReportFrom(const Json& body) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  ResidentReport r;
  JC_ASSIGN_OR_RETURN(r.category_code, Text(body, "category_code"));
  JC_ASSIGN_OR_RETURN(r.description, Text(body, "description"));
  JC_ASSIGN_OR_RETURN(r.lng, Number(body, "lng"));
  JC_ASSIGN_OR_RETURN(r.lat, Number(body, "lat"));
  JC_ASSIGN_OR_RETURN(r.grid_code, Text(body, "grid_code"));
  JC_ASSIGN_OR_RETURN(r.address, Text(body, "address"));
  JC_ASSIGN_OR_RETURN(r.reporter_name, Text(body, "reporter_name"));
  JC_ASSIGN_OR_RETURN(r.reporter_phone, Text(body, "reporter_phone"));
  if (r.category_code.empty())
    return DomainError::Invalid("cases.category.required", "请选择问题类别", "category_code");
  return r;
}

Response Categories(CasesContext& ctx, Request& req) {
  std::vector<Category> all;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(all, CategoryStore(s).All(true));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  // Names only: routing rules and deadlines are staff configuration.
  Json items = Json::array();
  for (const auto& c : all) {
    items.push_back(
        {{"code", c.code}, {"name", c.name}, {"major_name", c.major_name}, {"kind", c.kind}});
  }
  Response out = Response::Ok({{"items", items}});
  out.headers.emplace_back("Cache-Control", "public, max-age=300");
  return out;
}

Response Report(CasesContext& ctx, Limits& limits, Request& req) {
  if (auto limited = Limited(limits.reports, req, ctx.clock.NowMs(), kReportsPerHour))
    return *limited;
  auto body = req.JsonBody();
  if (!body.ok()) return Response::Problem(body.error(), req);
  auto report = ReportFrom(*body);
  if (!report.ok()) return Response::Problem(report.error(), req);
  auto receipt = ReportAsResident(ctx, *report, req.request_id, req.remote_address);
  if (!receipt.ok()) return Response::Problem(receipt.error(), req);
  auto view = TrackCase(ctx, receipt->c.tracking_code);
  if (!view.ok()) return Response::Problem(view.error(), req);
  Json out = *view;
  out["upload_token"] = receipt->upload_token;
  out["notice"] =
      "已收到您反映的问题。请记下查询码 " + receipt->c.tracking_code + "，凭它查看办理进度并评价。";
  return Response::Ok(out, 201);
}

Response Track(CasesContext& ctx, Limits& limits, Request& req) {
  if (auto limited = Limited(limits.lookups, req, ctx.clock.NowMs(), kLookupsPerMinute))
    return *limited;
  auto view = TrackCase(ctx, req.Param("code"));
  if (!view.ok()) return Response::Problem(view.error(), req);
  Response out = Response::Ok(*view);
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

Response FollowUp(CasesContext& ctx, Limits& limits, Request& req) {
  if (auto limited = Limited(limits.lookups, req, ctx.clock.NowMs(), kLookupsPerMinute))
    return *limited;
  auto body = req.JsonBody();
  if (!body.ok()) return Response::Problem(body.error(), req);
  if (!body->contains("resolved") || !(*body)["resolved"].is_boolean()) {
    return Response::Problem(422, "cases.action.resolved", "请选择问题是否解决", req, "resolved");
  }
  auto satisfaction = Text(*body, "satisfaction");
  if (!satisfaction.ok()) return Response::Problem(satisfaction.error(), req);
  auto view = FollowUpAsResident(ctx, req.Param("code"), (*body)["resolved"].get<bool>(),
                                 *satisfaction, req.request_id, req.remote_address);
  if (!view.ok()) return Response::Problem(view.error(), req);
  return Response::Ok(*view);
}

void Public(core::http::Router& router, const char* method, std::string pattern,
            core::http::Handler h, std::string summary) {
  core::http::RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.handler = std::move(h);
  spec.access = core::http::Access::kPublic;
  spec.summary = std::move(summary);
  spec.body_limit_bytes = 16 * 1024;  // a sentence and a name; photos have their own route
  router.Add(std::move(spec));
}

}  // namespace

void RegisterPublicCaseRoutes(core::http::Router& router, CasesContext& ctx) {
  auto limits = std::make_shared<Limits>();
  Public(
      router, "GET", "/api/v1/public/case-categories",
      [&ctx](Request& req) { return Categories(ctx, req); },
      "Case categories a resident can pick (names only)");
  Public(
      router, "POST", "/api/v1/public/cases",
      [&ctx, limits](Request& req) { return Report(ctx, *limits, req); },
      "A resident reports a problem without an account; answers the tracking code and a photo "
      "upload token");
  Public(
      router, "GET", "/api/v1/public/cases/{code}",
      [&ctx, limits](Request& req) { return Track(ctx, *limits, req); },
      "Progress of a case by tracking code (no personal data)");
  Public(
      router, "POST", "/api/v1/public/cases/{code}/follow-up",
      [&ctx, limits](Request& req) { return FollowUp(ctx, *limits, req); },
      "The resident's follow-up: resolved yes/no and satisfaction, once");
}

}  // namespace jiceng::cases
