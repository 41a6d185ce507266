#include "modules/cases/open311/open311_routes.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <memory>
#include <set>

#include "core/app/rate_limiter.hpp"
#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/open311/attribute_store.hpp"
#include "modules/cases/open311/open311_attributes.hpp"
#include "modules/cases/open311/open311_format.hpp"
#include "modules/cases/open311/open311_intake.hpp"
#include "modules/cases/open311/open311_requests.hpp"
#include "modules/cases/open311/open311_store.hpp"

namespace jiceng::cases {

namespace {

using namespace open311;

constexpr const char* kBase = "/open311/v2";

// Reads per client key (the address; IPv6 by its /64) and minute. The request reads are public
// data, but walking them by id or by date window copies every report: a map or a dashboard
// polling once a minute needs a few, so 120 leaves room for a busy client behind one address.
// Tokens are tracking codes: 30 a minute, like the resident tracking page, so guessing them
// (31^10) gets nowhere.
constexpr int kReadsPerMinute = 120;
constexpr int kTokensPerMinute = 30;

enum class Limit { kNone, kReads, kTokens };

struct Limits {
  core::app::RateLimiter reads{60'000};
  core::app::RateLimiter tokens{60'000};
};

// The 429 of a client over its limit, in the spec's error format; the description carries the
// stable code cases.open311.rate_limited.
std::optional<Response> OverLimit(CasesContext& ctx, Limits& limits, Limit which,
                                  const Request& req, Format f) {
  if (which == Limit::kNone) return std::nullopt;
  auto& limiter = which == Limit::kReads ? limits.reads : limits.tokens;
  int per_minute = which == Limit::kReads ? kReadsPerMinute : kTokensPerMinute;
  if (limiter.Check(req.remote_address, ctx.clock.NowMs(), per_minute) ==
      core::app::RateLimiter::Verdict::kAllow) {
    return std::nullopt;
  }
  Response r = RenderFailure(
      f, Failure::Of(429,
                     "cases.open311.rate_limited: 请求过于频繁，请一分钟后再试 (too many "
                     "requests; retry in a minute)"));
  r.headers.emplace_back("Retry-After", "60");
  return r;
}

Response GeneralError(Format f, const char* what) {
  spdlog::error("open311: {} failed", what);
  return RenderFailure(
      f, Failure::Of(400,
                     "服务暂时无法处理该请求，请稍后重试；如持续出现请联系我们 (general "
                     "service error; please retry later and notify us if it persists)"));
}

Response DbError(Format f, const core::DomainError& e) {
  if (e.kind == core::ErrorKind::kUnavailable || e.kind == core::ErrorKind::kRateLimited) {
    return RenderFailure(
        f, Failure::Of(503, "服务繁忙，请稍后重试 (the service is busy; please retry shortly)"));
  }
  spdlog::error("open311: query failed: {} {}", e.code, e.message);
  return GeneralError(f, "query");
}

// Runs a handler; an exception becomes the spec's general service error, in the right format.
template <typename F>
Response Guard(Format f, F&& handler) {
  try {
    return handler();
  } catch (const std::exception& e) {
    spdlog::error("open311: handler threw: {}", e.what());
    return GeneralError(f, "handler");
  }
}

Response UnknownResource(Format f) {
  return RenderFailure(
      f, Failure::Of(404,
                     "资源不存在；请在资源名后加 .xml 或 .json (resource not found; append "
                     ".xml or .json to a resource of the GeoReport v2 API)"));
}

// jurisdiction_id is optional here (one installation); when given it must be an org node.
std::optional<Failure> CheckJurisdiction(CasesContext& ctx, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto node = ctx.org.GetNode(core::auth::Scope::All(), code);
  if (node.ok() && *node && (*node)->level != org::OrgLevel::kDepartment) return std::nullopt;
  return Failure::Of(404,
                     "jurisdiction_id 不存在 (jurisdiction_id provided was not found): " + code);
}

// The URL of the v2 endpoint as the client reached us (a proxy's X-Forwarded-Proto counts).
std::string EndpointUrl(const Request& req) {
  std::string host = req.Header("x-forwarded-host");
  if (host.empty()) host = req.Header("host");
  bool sane = !host.empty() && host.size() <= 255;
  for (char c : host) {
    sane = sane && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']');
  }
  if (!sane) return kBase;
  std::string proto = req.Header("x-forwarded-proto");
  if (proto != "https") proto = "http";
  return proto + "://" + host + kBase;
}

Response Discovery(CasesContext& ctx, Request& req, Format f) {
  std::int64_t changed = 0;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(changed, CategoryStore(s).LastChange());
    return {};
  });
  if (!r.ok()) return DbError(f, r.error());
  // Sortable: one fixed offset, so the text orders like the time.
  std::string changeset = core::time::FormatShanghai(changed);
  OJson endpoint = {{"specification", "http://wiki.open311.org/GeoReport_v2"},
                    {"url", EndpointUrl(req)},
                    {"changeset", changeset},
                    {"type", "production"},
                    {"formats", OJson::array({"text/xml", "application/json"})}};
  OJson body = {
      {"changeset", changeset},
      {"contact", "请联系本平台的运维管理员 (contact the administrators of this platform)"},
      {"key_service",
       "API 密钥由平台管理员签发（jiceng apikey add），查询类接口无需密钥 (API keys are issued by "
       "the "
       "platform administrators; GET methods need no key)"},
      {"endpoints", OJson::array({endpoint})}};
  return Render(f, "discovery", body);
}

Response Services(CasesContext& ctx, Request& req, Format f) {
  if (auto bad = CheckJurisdiction(ctx, req.Query("jurisdiction_id")))
    return RenderFailure(f, *bad);
  std::vector<Category> categories;
  std::set<std::string> with_attributes;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(categories, CategoryStore(s).All(true));
    JC_ASSIGN_OR_RETURN(with_attributes, AttributeStore(s).CategoriesWithAttributes());
    return {};
  });
  if (!r.ok()) return DbError(f, r.error());
  OJson services = OJson::array();
  for (const auto& c : categories) {
    services.push_back(
        {{"service_code", c.code},
         {"service_name", c.name},
         {"description", c.description},
         {"metadata", with_attributes.count(c.code) > 0},
         {"type", "realtime"},
         {"keywords", c.major_name + ", " + (c.kind == "component" ? "部件" : "事件")},
         {"group", c.major_name}});
  }
  return Render(f, "services", services);
}

// The service definition of the service code `code`.
Response ServiceDefinition(CasesContext& ctx, Request&, Format f, const std::string& code) {
  std::optional<Category> category;
  std::vector<ServiceAttribute> attributes;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(category, CategoryStore(s).Get(code));
    if (!category || !category->active) return {};
    JC_ASSIGN_OR_RETURN(attributes, AttributeStore(s).Of(code));
    return {};
  });
  if (!r.ok()) return DbError(f, r.error());
  if (!category || !category->active) {
    return RenderFailure(
        f, Failure::Of(404, "service_code 不存在 (service_code provided was not found): " + code));
  }
  return Render(f, "service_definition", ServiceDefinitionJson(category->code, attributes));
}

Response CreateRequest(CasesContext& ctx, Request& req, Format f) {
  std::string type = req.Header("content-type");
  if (!type.empty() && type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return RenderFailure(
        f, Failure::Of(400,
                       "请求体应为 application/x-www-form-urlencoded (the body must be "
                       "application/x-www-form-urlencoded)"));
  }
  auto submission = SubmissionFromForm(Form::Parse(req.body));
  if (auto* failure = std::get_if<Failure>(&submission)) return RenderFailure(f, *failure);
  auto submitted =
      SubmitRequest(ctx, std::get<Submission>(submission), req.request_id, req.remote_address);
  if (auto* failure = std::get_if<Failure>(&submitted)) return RenderFailure(f, *failure);
  const auto& done = std::get<Submitted>(submitted);
  const std::string& account = std::get<Submission>(submission).account_id;
  OJson item = {{"service_request_id", std::to_string(done.c.id)},
                {"service_notice", done.service_notice},
                {"account_id", account.empty() ? OJson(nullptr) : OJson(account)}};
  return Render(f, "service_requests", OJson::array({item}));
}

// The requests of q with service names, notices and agencies: one read, then one org lookup
// per distinct department.
Response AnswerRequests(CasesContext& ctx, Format f, const RequestQuery& q, bool one) {
  std::vector<PublicRequest> found;
  std::map<std::string, Category> categories;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    // The jurisdiction asked for; the public view itself covers the whole installation.
    auto scope =
        q.jurisdiction.empty() ? core::auth::Scope::All() : core::auth::Scope::Of({q.jurisdiction});
    JC_ASSIGN_OR_RETURN(found, Open311Store(s, *ctx.cipher).FindRequests(scope, q));
    if (found.empty()) return {};
    JC_ASSIGN_OR_RETURN(auto all, CategoryStore(s).All(false));
    for (auto& c : all) categories.emplace(c.code, std::move(c));
    return {};
  });
  if (!r.ok()) return DbError(f, r.error());
  if (one && found.empty()) {
    return RenderFailure(
        f,
        Failure::Of(404, "service_request_id 不存在 (service_request_id provided was not found)"));
  }
  std::map<std::string, std::string> agencies;
  for (const auto& p : found) {
    if (p.department_code.empty() || agencies.count(p.department_code)) continue;
    auto node = ctx.org.GetNode(core::auth::Scope::All(), p.department_code);
    agencies[p.department_code] = node.ok() && *node ? (*node)->name : std::string();
  }
  OJson items = OJson::array();
  for (const auto& p : found) items.push_back(RequestJson(p, categories, agencies));
  return Render(f, "service_requests", items);
}

Response ListRequests(CasesContext& ctx, Request& req, Format f) {
  if (auto bad = CheckJurisdiction(ctx, req.Query("jurisdiction_id")))
    return RenderFailure(f, *bad);
  auto q = ParseRequestQuery(req, ctx.clock.NowMs());
  if (auto* failure = std::get_if<Failure>(&q)) return RenderFailure(f, *failure);
  return AnswerRequests(ctx, f, std::get<RequestQuery>(q), false);
}

// One request by its service_request_id `text`.
Response OneRequest(CasesContext& ctx, Request& req, Format f, const std::string& text) {
  auto id = core::text::ParseInt(text);
  if (!id || *id <= 0) {
    return RenderFailure(
        f,
        Failure::Of(404, "service_request_id 不存在 (service_request_id provided was not found)"));
  }
  RequestQuery q;
  q.ids = {*id};
  q.jurisdiction = req.Query("jurisdiction_id");
  return AnswerRequests(ctx, f, q, true);
}

// The service_request_id of the token `token`.
Response Token(CasesContext& ctx, Request&, Format f, const std::string& token) {
  std::optional<std::int64_t> id;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(id, Open311Store(s, *ctx.cipher).IdOfToken(token));
    return {};
  });
  if (!r.ok()) return DbError(f, r.error());
  if (!id) return RenderFailure(f, Failure::Of(404, "token 不存在 (token not found)"));
  OJson item = {{"service_request_id", std::to_string(*id)}, {"token", token}};
  return Render(f, "service_requests", OJson::array({item}));
}

// A POST carries a form of a few kilobytes (description ≤ 4000 characters); no uploads.
constexpr std::int64_t kBodyLimit = 64 * 1024;

// Endpoints answered in both formats, at <path>.xml and <path>.json.
struct FormatRoute {
  const char* method;
  const char* path;
  Response (*answer)(CasesContext&, Request&, Format);
  const char* summary;
  Limit limit = Limit::kNone;
};
const FormatRoute kFormatRoutes[] = {
    {"GET", "/open311/discovery", Discovery,
     "Open311 service discovery: the GeoReport v2 endpoint, its formats and changeset",
     Limit::kNone},
    {"GET", "/open311/v2/services", Services,
     "Open311: the services (active case categories; metadata=true when they have attributes)",
     Limit::kNone},
    {"POST", "/open311/v2/requests", CreateRequest,
     "Open311: create a service request (form body with api_key, service_code, lat+long or "
     "address, "
     "attribute[code]); becomes a case of channel open311",
     Limit::kNone},
    {"GET", "/open311/v2/requests", ListRequests,
     "Open311: requests (service_request_id, service_code, start_date, end_date, status; 90 "
     "days, 1000 "
     "newest); no personal data; 120 reads a minute per client, then 429",
     Limit::kReads},
};

// Resources named {file} = <id>.<format>: the format comes from the name, the jurisdiction is
// checked, and answer gets the id.
struct FileRoute {
  const char* path;
  Response (*answer)(CasesContext&, Request&, Format, const std::string& id);
  const char* summary;
  Limit limit = Limit::kNone;
};
const FileRoute kFileRoutes[] = {
    {"/open311/v2/services/{file}", ServiceDefinition,
     "Open311: the service definition (attributes) of {service_code}.{xml|json}", Limit::kNone},
    {"/open311/v2/requests/{file}", OneRequest,
     "Open311: one request, {service_request_id}.{xml|json}; no personal data; counts with the "
     "request list's 120 reads a minute per client",
     Limit::kReads},
    {"/open311/v2/tokens/{file}", Token,
     "Open311: the service_request_id of a token (the tracking code of a request made through "
     "Open311), {token}.{xml|json}; 30 a minute per client, then 429",
     Limit::kTokens},
};

}  // namespace

void RegisterOpen311Routes(core::http::Router& router, CasesContext& ctx) {
  auto limits = std::make_shared<Limits>();
  for (Format f : {Format::kXml, Format::kJson}) {
    std::string ext = f == Format::kJson ? ".json" : ".xml";
    for (const FormatRoute& r : kFormatRoutes) {
      auto answer = r.answer;
      Limit limit = r.limit;
      router.Public(
          r.method, r.path + ext,
          [&ctx, f, answer, limits, limit](Request& req) {
            if (auto refused = OverLimit(ctx, *limits, limit, req, f)) return *refused;
            return Guard(f, [&] { return answer(ctx, req, f); });
          },
          r.summary, kBodyLimit);
    }
  }
  for (const FileRoute& r : kFileRoutes) {
    auto answer = r.answer;
    Limit limit = r.limit;
    auto handler = [&ctx, answer, limits, limit](Request& req) {
      auto resource = SplitResource(req.Param("file"));
      if (!resource) return UnknownResource(Format::kXml);
      Format f = resource->format;
      if (auto refused = OverLimit(ctx, *limits, limit, req, f)) return *refused;
      return Guard(f, [&] {
        if (auto bad = CheckJurisdiction(ctx, req.Query("jurisdiction_id")))
          return RenderFailure(f, *bad);
        return answer(ctx, req, f, resource->id);
      });
    };
    router.Public("GET", r.path, handler, r.summary, kBodyLimit);
  }
  router.Public(
      "GET", std::string(kBase) + "/{file}",
      [](Request& req) {
        auto resource = SplitResource(req.Param("file"));
        return UnknownResource(resource ? resource->format : Format::kXml);
      },
      "Open311: any other resource is 404 in the spec's error format", kBodyLimit);
}

}  // namespace jiceng::cases
