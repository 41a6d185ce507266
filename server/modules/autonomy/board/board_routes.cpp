#include "modules/autonomy/board/board_routes.hpp"

#include <memory>

#include "core/app/rate_limiter.hpp"
#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "modules/autonomy/board/redact.hpp"
#include "modules/autonomy/conventions/convention_store.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"
#include "modules/autonomy/decisions/decisions.hpp"
#include "modules/autonomy/disclosures/disclosure_store.hpp"
#include "modules/autonomy/disclosures/disclosures.hpp"

namespace jiceng::autonomy {

namespace {

using core::app::RateLimiter;

// A village's phones share carrier NAT addresses: loose enough for a village, tight enough
// against scraping every village of a county.
constexpr int kBoardsPerMinute = 60;
constexpr std::int64_t kBodyLimit = 1024;

Json PublicDisclosure(const Disclosure& d) {
  Json j = {{"id", d.id},
            {"kind", d.kind},
            {"period", d.period},
            {"title", RedactNumbers(d.title)},
            {"body", RedactNumbers(d.body)},
            {"published_at",
             d.published_at ? Json(core::time::FormatIsoUtc(*d.published_at)) : Json(nullptr)}};
  if (d.decision_id) j["decision_id"] = *d.decision_id;
  if (d.kind == "finance") {
    Json lines = Json::array();
    for (const auto& l : d.lines)
      lines.push_back(
          {{"label", RedactNumbers(l.label)}, {"kind", l.kind}, {"amount_yuan", Yuan(l.amount)}});
    j["lines"] = lines;
    if (d.total_income && d.total_expense) {
      j["total_income_yuan"] = Yuan(*d.total_income);
      j["total_expense_yuan"] = Yuan(*d.total_expense);
    }
  }
  return j;
}

Result<Json> Board(AutonomyContext& ctx, RateLimiter& limiter, Request& req) {
  if (limiter.Check(req.remote_address, ctx.clock.NowMs(), kBoardsPerMinute) !=
      RateLimiter::Verdict::kAllow)
    return DomainError{core::ErrorKind::kRateLimited,
                       "autonomy.public.rate_limited",
                       "访问过于频繁，请稍后再试",
                       {},
                       {}};
  std::string code = req.Param("code");
  auto not_found = DomainError::NotFound("autonomy.village.not_found", "未找到该村（社区）");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return not_found;
  // The board is public: the village's name and its grids are public as in breadcrumbs.
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(core::auth::Scope::All(), code));
  if (!node || node->level != org::OrgLevel::kVillage) return not_found;
  std::vector<Disclosure> disclosures;
  std::vector<Decision> decisions;
  std::optional<Convention> convention;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(convention, ConventionStore(s).InForce(code));
    JC_ASSIGN_OR_RETURN(disclosures, DisclosureStore(s).PublishedOf(code, 50));
    JC_ASSIGN_OR_RETURN(decisions, DecisionStore(s).DisclosedOf(code, 50));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(auto children, ctx.org.Children(core::auth::Scope::All(), code));
  Json grids = Json::array();
  for (const auto& c : children) {
    if (c.level != org::OrgLevel::kGrid) continue;
    // The grid card (workers and the supervision hotline) is its own public route.
    grids.push_back(
        {{"code", c.code}, {"name", c.name}, {"card", "/api/v1/public/grids/" + c.code}});
  }
  Json ds = Json::array();
  for (const auto& d : disclosures) ds.push_back(PublicDisclosure(d));
  Json decs = Json::array();
  for (const auto& d : decisions)
    decs.push_back({{"id", d.id},
                    {"title", RedactNumbers(d.title)},
                    {"matter", d.matter},
                    {"stage", d.stage},
                    {"status", d.status}});
  return Json{{"village", {{"code", node->code}, {"name", node->name}}},
              {"disclosures", ds},
              {"decisions", decs},
              {"convention", convention ? Json{{"version", convention->version},
                                               {"title", RedactNumbers(convention->title)},
                                               {"body", RedactNumbers(convention->body)},
                                               {"adopted_on", convention->adopted_on},
                                               {"filed_on", convention->reviewed_on}}
                                        : Json(nullptr)},
              {"grids", grids}};
}

}  // namespace

void RegisterBoardRoutes(core::http::Router& router, AutonomyContext& ctx) {
  auto limiter = std::make_shared<RateLimiter>(60'000);
  router.Public(
      "GET", "/api/v1/public/villages/{code}/board",
      core::http::Answering([&ctx, limiter](Request& req) { return Board(ctx, *limiter, req); }),
      "Public village board (no account): published disclosures and decisions, the convention "
      "in force, the village's grids; never ID numbers or phone numbers",
      kBodyLimit);
}

}  // namespace jiceng::autonomy
