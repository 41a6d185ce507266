#include "modules/cases/catalogue/catalogue_routes.hpp"

#include <fmt/format.h>

#include "core/app/call.hpp"
#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/catalogue/catalogue_json.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

using core::time::CalendarDay;

namespace {

DomainError CategoryNotFound() {
  return DomainError::NotFound("cases.category.not_found", "案件类别不存在");
}

Result<Json> ListCategories(CasesContext& ctx, Request& req) {
  bool active_only = req.Query("active") == "1" || req.Query("active") == "true";
  std::vector<Category> all;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(all, CategoryStore(s).All(active_only));
    return {};
  }));
  Json items = Json::array();
  for (const auto& c : all) items.push_back(CategoryJson(c));
  return Json{{"items", items}};
}

Result<Json> GetCategory(CasesContext& ctx, Request& req) {
  std::optional<Category> c;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(c, CategoryStore(s).Get(req.Param("code")));
    return {};
  }));
  if (!c) return CategoryNotFound();
  return CategoryJson(*c);
}

Result<Json> PatchCategory(CasesContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  if (!body.is_object() || !body.contains("version")) {
    return DomainError::Invalid("cases.category.version", "请提供 version（当前版本号）",
                                "version");
  }
  auto call = core::app::Call::Of(req);
  Category saved;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CategoryStore store(s);
    JC_ASSIGN_OR_RETURN(auto current, store.Get(req.Param("code")));
    if (!current) return CategoryNotFound();
    Category before = *current;
    Category after = *current;
    JC_TRY(ApplyCategoryPatch(body, after));
    JC_TRY(store.Update(after, ctx.clock.NowMs()));
    JC_ASSIGN_OR_RETURN(auto reread, store.Get(after.code));
    saved = *reread;
    return ctx.audit.Append(
        s, call.Audit("cases.category.update", "case_category", saved.code, "",
                      {{"before", CategoryJson(before)}, {"after", CategoryJson(saved)}}));
  }));
  return CategoryJson(saved);
}

Json PeriodsJson(const std::vector<core::time::WorkPeriod>& periods) {
  Json out = Json::array();
  auto hhmm = [](int m) { return fmt::format("{:02d}:{:02d}", m / 60, m % 60); };
  for (const auto& p : periods)
    out.push_back({{"start", hhmm(p.start_minute)}, {"end", hhmm(p.end_minute)}});
  return out;
}

Result<Json> GetCalendar(CasesContext& ctx, Request& req) {
  auto year = core::text::ParseInt(req.Query("year"));
  if (!year || *year < 2000 || *year > 2100)
    return DomainError::Invalid("cases.calendar.year", "请给出年份（2000–2100）", "year");
  std::vector<CalendarDay> days;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(days, CalendarStore(s).Year(static_cast<int>(*year)));
    return {};
  }));
  Json items = Json::array();
  for (const auto& d : days)
    items.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name}});
  return Json{{"year", *year}, {"days", items}, {"periods", PeriodsJson(ctx.periods)}};
}

// PUT sets one day (holiday or make-up workday); DELETE returns it to the weekday rule.
Result<Response> PutCalendarDay(CasesContext& ctx, Request& req, bool remove) {
  std::string date = req.Param("date");
  if (!core::time::IsIsoDate(date))
    return DomainError::Invalid("cases.calendar.date", "日期格式应为 YYYY-MM-DD", "date");
  CalendarDay day{date, "", ""};
  if (!remove) {
    JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
    if (!body.is_object() || !body.contains("kind") ||
        (body["kind"] != "holiday" && body["kind"] != "workday")) {
      return DomainError::Invalid("cases.calendar.kind",
                                  "kind 应为 holiday（放假）或 workday（调休上班）", "kind");
    }
    day.kind = body["kind"];
    if (body.contains("name")) {
      if (!body["name"].is_string() ||
          core::text::Utf8Length(body["name"].get<std::string>()) > 20) {
        return DomainError::Invalid("cases.calendar.name", "名称不能超过 20 个字", "name");
      }
      day.name = body["name"];
    }
  }
  auto call = core::app::Call::Of(req);
  bool existed = true;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CalendarStore store(s);
    if (remove) {
      JC_ASSIGN_OR_RETURN(existed, store.Remove(date));
      if (!existed)
        return DomainError::NotFound("cases.calendar.not_found", "该日期不是节假日或调休日");
    } else {
      JC_TRY(store.Put(day, "admin", ctx.clock.NowMs()));
    }
    return ctx.audit.Append(
        s, call.Audit(remove ? "cases.calendar.remove" : "cases.calendar.set", "calendar_day", date,
                      "", {{"kind", day.kind}, {"name", day.name}}));
  }));
  // Deadlines computed from now on use the edited calendar.
  JC_TRY(ctx.calendar.Reload(ctx.db, ctx.periods));
  if (remove) return Response::NoContent();
  return Response::Ok({{"date", day.date}, {"kind", day.kind}, {"name", day.name}});
}

// Departments a case in `org` can be dispatched to: those of its county and of its township.
Result<Json> Departments(CasesContext& ctx, Request& req) {
  std::string org = req.Query("org").empty() ? req.Who().org_code : req.Query("org");
  if (org.size() < 6 || !req.Who().ManagementScope().Covers(org))
    return DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内");
  Json items = Json::array();
  for (std::size_t len : {6, 9}) {
    if (org.size() < len) break;
    JC_ASSIGN_OR_RETURN(auto nodes, ctx.org.DepartmentsUnder(org.substr(0, len)));
    for (const auto& n : nodes) {
      items.push_back({{"code", n.code},
                       {"name", n.name},
                       {"category", n.category},
                       {"parent_code", n.parent_code}});
    }
  }
  return Json{{"items", items}};
}

}  // namespace

void RegisterCatalogueRoutes(core::http::Router& router, CasesContext& ctx) {
  using core::http::Answer;
  using core::http::Answering;
  router.Get("/api/v1/case-categories",
             Answering([&ctx](Request& req) { return ListCategories(ctx, req); }), kCatalogueRead,
             "Case categories with routing rules and deadlines (?active=1)");
  router.Get("/api/v1/case-categories/{code}",
             Answering([&ctx](Request& req) { return GetCategory(ctx, req); }), kCatalogueRead,
             "One case category");
  router.Get(
      "/api/v1/case-departments", Answering([&ctx](Request& req) { return Departments(ctx, req); }),
      kRead,
      "Departments a case can be dispatched to: the county's and the township's (?org=, default "
      "the caller's)");
  router.Patch("/api/v1/case-categories/{code}",
               Answering([&ctx](Request& req) { return PatchCategory(ctx, req); }), kAdmin,
               "Edits a category (name, routing, department, active, deadlines; needs version)");
  router.Get("/api/v1/case-calendar",
             Answering([&ctx](Request& req) { return GetCalendar(ctx, req); }), kCatalogueRead,
             "Holidays and make-up workdays of a year (?year=), and the working hours");
  router.Put(
      "/api/v1/case-calendar/{date}",
      [&ctx](Request& req) { return Answer(req, PutCalendarDay(ctx, req, false)); }, kAdmin,
      "Sets a day as holiday or make-up workday");
  router.Delete(
      "/api/v1/case-calendar/{date}",
      [&ctx](Request& req) { return Answer(req, PutCalendarDay(ctx, req, true)); }, kAdmin,
      "Returns a day to the weekday rule");
}

}  // namespace jiceng::cases
