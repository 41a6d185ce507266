#include "modules/autonomy/disclosures/disclosure_routes.hpp"

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "modules/autonomy/disclosures/disclosure_store.hpp"
#include "modules/autonomy/disclosures/disclosures.hpp"
#include "modules/autonomy/notice/notice_pdf.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

Result<std::int64_t> DisclosureId(const Request& req) {
  return core::http::PathId(req, "id", DisclosureNotFound());
}

Result<Json> List(AutonomyContext& ctx, Request& req) {
  DisclosureFilter f;
  f.org = req.Query("org_code");
  f.kind = req.Query("kind");
  f.status = req.Query("status");
  if (!f.kind.empty() && f.kind != "party" && f.kind != "village" && f.kind != "finance")
    return DomainError::Invalid("http.bad_query", "kind 应为 party、village 或 finance", "kind");
  if (!f.status.empty() && f.status != "draft" && f.status != "signed_off" &&
      f.status != "refused" && f.status != "published")
    return DomainError::Invalid("http.bad_query",
                                "status 应为 draft、signed_off、refused 或 published", "status");
  if (f.org.size() > 20 || f.org.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("http.bad_query", "org_code 应为数字编码", "org_code");
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req, 100, 500));
  std::vector<Disclosure> items;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(items, DisclosureStore(s).List(req.Who().scope, f));
    return {};
  }));
  Json out = Json::array();
  for (const auto& d : items) out.push_back(FullDisclosureJson(d));
  return Json{{"items", out}};
}

// GET /api/v1/disclosures/{id}.pdf: the router matches it as /api/v1/disclosures/{id}.
Result<Response> Pdf(AutonomyContext& ctx, Request& req, std::string id_text) {
  std::int64_t id = 0;
  if (id_text.empty() || id_text.size() > 18 ||
      id_text.find_first_not_of("0123456789") != std::string::npos)
    return DisclosureNotFound();
  id = std::stoll(id_text);
  std::optional<Disclosure> d;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(d, DisclosureStore(s).Get(req.Who().scope, id));
    if (!d) return DisclosureNotFound();
    return {};
  }));
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names({d->org_code}));
  std::string village = names.count(d->org_code) ? names[d->org_code] : d->org_code;
  // The public page of the village; absolute when the request named a plain host.
  std::string host = req.Header("host");
  bool plain = !host.empty() && host.size() < 200 &&
               host.find_first_not_of(
                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789.-:[]") == std::string::npos;
  std::string url = (plain ? (ctx.public_https ? "https://" : "http://") + host : std::string()) +
                    "/m/public/village/" + d->org_code;
  JC_ASSIGN_OR_RETURN(std::string pdf, DisclosurePdf(*d, village, url));
  Response r = Response::Text(std::move(pdf), "application/pdf");
  r.headers.emplace_back("Content-Disposition", core::http::AttachmentDisposition(
                                                    "公开-" + std::to_string(id) + ".pdf",
                                                    "disclosure-" + std::to_string(id) + ".pdf"));
  return r;
}

}  // namespace

void RegisterDisclosureRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Post(
      "/api/v1/disclosures",
      Answering(
          [&ctx](Request& req) -> Result<Json> {
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            JC_ASSIGN_OR_RETURN(auto d, CreateDisclosure(ctx, Call::Of(req), body));
            return FullDisclosureJson(d);
          },
          201),
      kDisclosureWrite,
      "A party, village or finance disclosure of a village (draft); finance lines must add up to "
      "the totals");
  router.Get("/api/v1/disclosures", Answering([&ctx](Request& req) { return List(ctx, req); }),
             kRead, "Disclosures in scope, newest first (?org_code= prefix, kind, status, limit)");
  router.Get(
      "/api/v1/disclosures/{id}",
      [&ctx](Request& req) -> Response {
        std::string id = req.Param("id");
        if (id.size() > 4 && id.compare(id.size() - 4, 4, ".pdf") == 0) {
          return core::http::Answer(req, Pdf(ctx, req, id.substr(0, id.size() - 4)));
        }
        return core::http::Answer(req, [&]() -> Result<Json> {
          JC_ASSIGN_OR_RETURN(auto n, DisclosureId(req));
          return DisclosureDetail(ctx, req.Who().scope, n);
        }());
      },
      kRead,
      "A disclosure with its lines, totals and the supervisory committee's reviews; "
      "/api/v1/disclosures/{id}.pdf is the A4 notice for the bulletin board (with a QR code to "
      "the village's public page)");
  router.Put("/api/v1/disclosures/{id}", Answering([&ctx](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(auto id, DisclosureId(req));
               JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
               JC_ASSIGN_OR_RETURN(auto d, ReviseDisclosure(ctx, Call::Of(req), id, body));
               return FullDisclosureJson(d);
             }),
             kDisclosureWrite,
             "Rewrites a draft or refused disclosure (with its version); back to draft");
  router.Post(
      "/api/v1/disclosures/{id}/sign-off", Answering([&ctx](Request& req) -> Result<Json> {
        JC_ASSIGN_OR_RETURN(auto id, DisclosureId(req));
        JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
        JC_ASSIGN_OR_RETURN(auto d, ReviewDisclosure(ctx, Call::Of(req), id, body));
        return FullDisclosureJson(d);
      }),
      kDisclosureSignOff,
      "The village affairs supervisory committee signs a draft off (verdict approve) or refuses "
      "it with a reason (verdict refuse)");
  router.Post("/api/v1/disclosures/{id}/publish", Answering([&ctx](Request& req) -> Result<Json> {
                JC_ASSIGN_OR_RETURN(auto id, DisclosureId(req));
                JC_ASSIGN_OR_RETURN(auto d, PublishDisclosure(ctx, Call::Of(req), id));
                return FullDisclosureJson(d);
              }),
              kDisclosureWrite,
              "Publishes a disclosure; a finance disclosure only once signed off (409 "
              "autonomy.disclosure.not_signed_off)");
}

}  // namespace jiceng::autonomy
