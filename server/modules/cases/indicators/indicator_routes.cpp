#include "modules/cases/indicators/indicator_routes.hpp"

#include "core/module_names.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

namespace {

Result<Json> Indicators(CasesContext& ctx, Request& req) {
  const auto& who = req.Who();
  std::string unit = req.Query("department").empty() ? req.Query("org") : req.Query("department");
  if (unit.empty()) unit = who.org_code;
  // The unit must lie inside the caller's scope: counts of other areas are not theirs to see.
  if (unit.empty() || !who.scope.Covers(unit))
    return DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内");
  std::string today = core::time::LocalDate(ctx.clock.NowMs());
  std::string from = req.Query("from").empty() ? today.substr(0, 8) + "01" : req.Query("from");
  std::string to = req.Query("to").empty() ? today : req.Query("to");
  if (!core::time::IsIsoDate(from) || !core::time::IsIsoDate(to) || to < from) {
    return DomainError::Invalid("cases.indicator.period", "统计期间应为 from ≤ to（YYYY-MM-DD）",
                                "from");
  }
  std::string category = req.Query("category").empty() ? "*" : req.Query("category");
  IndicatorCounts counts;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(counts, IndicatorStore(s).Sum(unit, category, from, to));
    return {};
  }));
  Json out = IndicatorJson(counts, ctx.indicators);
  out["unit"] = unit;
  out["category"] = category;
  out["from"] = from;
  out["to"] = to;
  return out;
}

}  // namespace

void RegisterIndicatorRoutes(core::http::Router& router, CasesContext& ctx) {
  router.Get(
      "/api/v1/case-indicators",
      core::http::Answering([&ctx](Request& req) { return Indicators(ctx, req); }), kRead,
      "Indicators of an org subtree (?org=) or department (?department=) for a period (from, to) "
      "and "
      "category; kept incrementally");
}

}  // namespace jiceng::cases
