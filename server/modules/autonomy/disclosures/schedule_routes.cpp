#include "modules/autonomy/disclosures/schedule_routes.hpp"

#include "core/module_names.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/disclosures/schedule_store.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

DomainError VillageNotFound() {
  return DomainError::NotFound("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内");
}

Result<org::OrgNode> Village(AutonomyContext& ctx, const Request& req) {
  std::string code = req.Param("code");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return VillageNotFound();
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(req.Who().scope, code));
  if (!node || node->level != org::OrgLevel::kVillage) return VillageNotFound();
  return *node;
}

Json RuleJson(const ScheduleRule& r) {
  return {{"org_code", r.org_code},
          {"finance_months", r.finance_months},
          {"grace_working_days", r.grace_working_days},
          {"starts_on", r.starts_on}};
}

Json PeriodJson(const PeriodDue& p) {
  return {{"kind", p.kind},
          {"period", p.period},
          {"ends_on", p.ends_on},
          {"due_on", p.due_on},
          {"published", p.published},
          {"overdue", p.overdue},
          {"working_days_late", p.working_days_late}};
}

Result<Json> GetSchedule(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto village, Village(ctx, req));
  std::optional<ScheduleRule> rule;
  std::set<std::pair<std::string, std::string>> published;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    ScheduleStore store(s);
    JC_ASSIGN_OR_RETURN(rule, store.Get(village.code));
    JC_ASSIGN_OR_RETURN(published, store.Published(village.code));
    return {};
  }));
  Json out = {{"org_code", village.code}, {"name", village.name}};
  if (!rule) {
    out["schedule"] = nullptr;
    out["periods"] = Json::array();
    out["overdue"] = 0;
    return out;
  }
  auto periods =
      DuePeriods(*rule, core::time::LocalDate(ctx.clock.NowMs()), published, ctx.calendar);
  Json ps = Json::array();
  int overdue = 0;
  for (const auto& p : periods) {
    ps.push_back(PeriodJson(p));
    overdue += p.overdue ? 1 : 0;
  }
  out["schedule"] = RuleJson(*rule);
  out["periods"] = ps;
  out["overdue"] = overdue;
  return out;
}

Result<Json> PutSchedule(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto village, Village(ctx, req));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknown(body, {"finance_months", "grace_working_days", "starts_on"}));
  ScheduleRule rule;
  rule.org_code = village.code;
  JC_ASSIGN_OR_RETURN(auto months, OptionalCount(body, "finance_months"));
  if (months && *months != 1 && *months != 3)
    return DomainError::Invalid("autonomy.schedule.finance_months.invalid",
                                "财务公开周期应为 1（每月）或 3（每季度，适用于收支较少的村）",
                                "finance_months");
  rule.finance_months = static_cast<int>(months.value_or(1));
  JC_ASSIGN_OR_RETURN(auto grace, OptionalCount(body, "grace_working_days"));
  if (grace && (*grace < 1 || *grace > 30))
    return DomainError::Invalid("autonomy.schedule.grace.invalid",
                                "期满后公开的期限应为 1–30 个工作日", "grace_working_days");
  rule.grace_working_days = static_cast<int>(grace.value_or(10));
  JC_ASSIGN_OR_RETURN(rule.starts_on, DateField(body, "starts_on", "起始日期"));
  const auto& who = req.Who();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(ScheduleStore(s).Put(rule, who.username, ctx.clock.NowMs()));
    return ctx.audit.Append(s, Call::Of(req).Audit("autonomy.schedule.set", "org", village.code,
                                                   village.code, RuleJson(rule)));
  }));
  return RuleJson(rule);
}

// Overdue disclosures of the scheduled villages under an org node (a county or township).
Result<Json> Overview(AutonomyContext& ctx, Request& req) {
  const auto& who = req.Who();
  std::string code = req.Query("org_code", who.org_code);
  if (code.empty() || code.size() > 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("http.bad_query", "org_code 应为数字编码", "org_code");
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node) return VillageNotFound();
  std::string today = core::time::LocalDate(ctx.clock.NowMs());
  struct Row {
    ScheduleRule rule;
    std::vector<PeriodDue> overdue;
  };
  std::vector<Row> rows;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    ScheduleStore store(s);
    JC_ASSIGN_OR_RETURN(auto rules, store.Under(who.scope, code));
    for (auto& r : rules) {
      JC_ASSIGN_OR_RETURN(auto published, store.Published(r.org_code));
      Row row{r, {}};
      for (auto& p : DuePeriods(r, today, published, ctx.calendar))
        if (p.overdue) row.overdue.push_back(std::move(p));
      rows.push_back(std::move(row));
    }
    return {};
  }));
  std::vector<std::string> codes;
  for (const auto& r : rows) codes.push_back(r.rule.org_code);
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names(codes));
  Json villages = Json::array();
  std::int64_t total = 0;
  for (const auto& r : rows) {
    Json items = Json::array();
    for (const auto& p : r.overdue) items.push_back(PeriodJson(p));
    total += static_cast<std::int64_t>(r.overdue.size());
    villages.push_back({{"org_code", r.rule.org_code},
                        {"name", names.count(r.rule.org_code) ? names[r.rule.org_code] : ""},
                        {"overdue", r.overdue.size()},
                        {"items", items}});
  }
  return Json{{"org_code", node->code}, {"name", node->name},
              {"today", today},         {"scheduled_villages", rows.size()},
              {"overdue", total},       {"villages", villages}};
}

}  // namespace

void RegisterScheduleRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Get(
      "/api/v1/villages/{code}/disclosure-schedule",
      Answering([&ctx](Request& req) { return GetSchedule(ctx, req); }), kRead,
      "A village's disclosure schedule and the periods of the last two years: due date on the "
      "working-day calendar, published, overdue and working days late");
  router.Put("/api/v1/villages/{code}/disclosure-schedule",
             Answering([&ctx](Request& req) { return PutSchedule(ctx, req); }), kDisclosureWrite,
             "Sets a village's schedule: finance_months (1 or 3), grace_working_days, starts_on");
  router.Get("/api/v1/disclosure-overview",
             Answering([&ctx](Request& req) { return Overview(ctx, req); }), kRead,
             "Overdue disclosures of the scheduled villages under a county or township "
             "(?org_code=, default the caller's node)");
}

}  // namespace jiceng::autonomy
