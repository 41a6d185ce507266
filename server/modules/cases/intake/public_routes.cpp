#include "modules/cases/intake/public_routes.hpp"

#include <memory>

#include "core/app/rate_limiter.hpp"
#include "core/module_names.hpp"
#include "modules/cases/body_fields.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/intake/public_intake.hpp"

namespace jiceng::cases {

using core::app::RateLimiter;

namespace {

// A phone behind a carrier's NAT shares its address with many others, so the limits are loose
// enough for a village, and tight enough that guessing tracking codes (31^10) gets nowhere.
constexpr int kReportsPerHour = 20;
constexpr int kLookupsPerMinute = 30;

struct Limits {
  RateLimiter reports{3600'000};
  RateLimiter lookups{60'000};
};

// 429 once the caller's address has used up its limit.
Result<void> CheckLimit(RateLimiter& limiter, const Request& req, std::int64_t now, int limit) {
  if (limiter.Check(req.remote_address, now, limit) == RateLimiter::Verdict::kAllow) return {};
  return DomainError{core::ErrorKind::kRateLimited,
                     "cases.public.rate_limited",
                     "操作过于频繁，请稍后再试",
                     {},
                     {}};
}

Result<ResidentReport> ReportFrom(const Json& body) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  ResidentReport r;
  JC_TRY(ReadReportFields(body, "grid_code", r));
  // Optional: the reporter lets the public Open311 list show the description and address; without
  // it they are withheld there (a resident's words often name their home or neighbours).
  if (auto it = body.find("public_description"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      return DomainError::Invalid("cases.field.type", "public_description 应为 true 或 false",
                                  "public_description");
    }
    r.public_description = it->get<bool>();
  }
  if (r.category_code.empty())
    return DomainError::Invalid("cases.category.required", "请选择问题类别", "category_code");
  return r;
}

Result<Response> Categories(CasesContext& ctx) {
  std::vector<Category> all;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(all, CategoryStore(s).All(true));
    return {};
  }));
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

Result<Json> Report(CasesContext& ctx, Limits& limits, Request& req) {
  JC_TRY(CheckLimit(limits.reports, req, ctx.clock.NowMs(), kReportsPerHour));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_ASSIGN_OR_RETURN(ResidentReport report, ReportFrom(body));
  JC_ASSIGN_OR_RETURN(auto receipt,
                      ReportAsResident(ctx, report, req.request_id, req.remote_address));
  JC_ASSIGN_OR_RETURN(Json out, TrackCase(ctx, receipt.c.tracking_code));
  out["upload_token"] = receipt.upload_token;
  out["notice"] =
      "已收到您反映的问题。请记下查询码 " + receipt.c.tracking_code + "，凭它查看办理进度并评价。";
  return out;
}

Result<Response> Track(CasesContext& ctx, Limits& limits, Request& req) {
  JC_TRY(CheckLimit(limits.lookups, req, ctx.clock.NowMs(), kLookupsPerMinute));
  JC_ASSIGN_OR_RETURN(Json view, TrackCase(ctx, req.Param("code")));
  Response out = Response::Ok(view);
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

Result<Json> FollowUp(CasesContext& ctx, Limits& limits, Request& req) {
  JC_TRY(CheckLimit(limits.lookups, req, ctx.clock.NowMs(), kLookupsPerMinute));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  if (!body.contains("resolved") || !body["resolved"].is_boolean())
    return DomainError::Invalid("cases.action.resolved", "请选择问题是否解决", "resolved");
  JC_ASSIGN_OR_RETURN(std::string satisfaction, Text(body, "satisfaction"));
  return FollowUpAsResident(ctx, req.Param("code"), body["resolved"].get<bool>(), satisfaction,
                            req.request_id, req.remote_address);
}

// A sentence and a name; photos have their own route.
constexpr std::int64_t kBodyLimit = 16 * 1024;

}  // namespace

void RegisterPublicCaseRoutes(core::http::Router& router, CasesContext& ctx) {
  using core::http::Answer;
  using core::http::Answering;
  auto limits = std::make_shared<Limits>();
  router.Public(
      "GET", "/api/v1/public/case-categories",
      [&ctx](Request& req) { return Answer(req, Categories(ctx)); },
      "Case categories a resident can pick (names only)", kBodyLimit);
  router.Public(
      "POST", "/api/v1/public/cases",
      Answering([&ctx, limits](Request& req) { return Report(ctx, *limits, req); }, 201),
      "A resident reports a problem without an account; answers the tracking code and a photo "
      "upload token",
      kBodyLimit);
  router.Public(
      "GET", "/api/v1/public/cases/{code}",
      [&ctx, limits](Request& req) { return Answer(req, Track(ctx, *limits, req)); },
      "Progress of a case by tracking code (no personal data)", kBodyLimit);
  router.Public("POST", "/api/v1/public/cases/{code}/follow-up",
                Answering([&ctx, limits](Request& req) { return FollowUp(ctx, *limits, req); }),
                "The resident's follow-up: resolved yes/no and satisfaction, once", kBodyLimit);
}

}  // namespace jiceng::cases
