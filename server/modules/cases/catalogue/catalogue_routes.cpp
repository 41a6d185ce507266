#include "modules/cases/catalogue/catalogue_routes.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/app/call.hpp"
#include "core/module_names.hpp"
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

Response ListCategories(CasesContext& ctx, Request& req) {
  bool active_only = req.Query("active") == "1" || req.Query("active") == "true";
  std::vector<Category> all;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(all, CategoryStore(s).All(active_only));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  Json items = Json::array();
  for (const auto& c : all) items.push_back(CategoryJson(c));
  return Response::Ok({{"items", items}});
}

Response GetCategory(CasesContext& ctx, Request& req) {
  std::optional<Category> c;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(c, CategoryStore(s).Get(req.Param("code")));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  if (!c) return Response::Problem(CategoryNotFound(), req);
  return Response::Ok(CategoryJson(*c));
}

Response PatchCategory(CasesContext& ctx, Request& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return Response::Problem(body.error(), req);
  if (!body->is_object() || !body->contains("version")) {
    return Response::Problem(
        DomainError::Invalid("cases.category.version", "请提供 version（当前版本号）", "version"),
        req);
  }
  auto call = core::app::Call::Of(req);
  Category saved;
  auto r = ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CategoryStore store(s);
    JC_ASSIGN_OR_RETURN(auto current, store.Get(req.Param("code")));
    if (!current) return CategoryNotFound();
    Category before = *current;
    Category after = *current;
    JC_TRY(ApplyCategoryPatch(*body, after));
    JC_TRY(store.Update(after, ctx.clock.NowMs()));
    JC_ASSIGN_OR_RETURN(auto reread, store.Get(after.code));
    saved = *reread;
    return ctx.audit.Append(
        s, call.Audit("cases.category.update", "case_category", saved.code, "",
                      {{"before", CategoryJson(before)}, {"after", CategoryJson(saved)}}));
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  return Response::Ok(CategoryJson(saved));
}

Json PeriodsJson(const std::vector<core::time::WorkPeriod>& periods) {
  Json out = Json::array();
  auto hhmm = [](int m) { return fmt::format("{:02d}:{:02d}", m / 60, m % 60); };
  for (const auto& p : periods)
    out.push_back({{"start", hhmm(p.start_minute)}, {"end", hhmm(p.end_minute)}});
  return out;
}

Response GetCalendar(CasesContext& ctx, Request& req) {
  std::string text = req.Query("year");
  int year = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || year < 2000 ||
      year > 2100) {
    return Response::Problem(
        DomainError::Invalid("cases.calendar.year", "请给出年份（2000–2100）", "year"), req);
  }
  std::vector<CalendarDay> days;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(days, CalendarStore(s).Year(year));
    return {};
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  Json items = Json::array();
  for (const auto& d : days)
    items.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name}});
  return Response::Ok({{"year", year}, {"days", items}, {"periods", PeriodsJson(ctx.periods)}});
}

// PUT sets one day (holiday or make-up workday); DELETE returns it to the weekday rule.
Response PutCalendarDay(CasesContext& ctx, Request& req, bool remove) {
  std::string date = req.Param("date");
  if (!core::time::IsIsoDate(date)) {
    return Response::Problem(
        DomainError::Invalid("cases.calendar.date", "日期格式应为 YYYY-MM-DD", "date"), req);
  }
  CalendarDay day{date, "", ""};
  if (!remove) {
    auto body = req.JsonBody();
    if (!body.ok()) return Response::Problem(body.error(), req);
    if (!body->is_object() || !body->contains("kind") ||
        ((*body)["kind"] != "holiday" && (*body)["kind"] != "workday")) {
      return Response::Problem(
          DomainError::Invalid("cases.calendar.kind",
                               "kind 应为 holiday（放假）或 workday（调休上班）", "kind"),
          req);
    }
    day.kind = (*body)["kind"];
    if (body->contains("name")) {
      if (!(*body)["name"].is_string() ||
          core::text::Utf8Length((*body)["name"].get<std::string>()) > 20) {
        return Response::Problem(
            DomainError::Invalid("cases.calendar.name", "名称不能超过 20 个字", "name"), req);
      }
      day.name = (*body)["name"];
    }
  }
  auto call = core::app::Call::Of(req);
  bool existed = true;
  auto r = ctx.db.Write([&](core::db::Session& s) -> Result<void> {
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
  });
  if (!r.ok()) return Response::Problem(r.error(), req);
  // Deadlines computed from now on use the edited calendar.
  if (auto reload = ctx.calendar.Reload(ctx.db, ctx.periods); !reload.ok())
    return Response::Problem(reload.error(), req);
  if (remove) return Response::NoContent();
  return Response::Ok({{"date", day.date}, {"kind", day.kind}, {"name", day.name}});
}

// Departments a case in `org` can be dispatched to: those of its county and of its township.
Response Departments(CasesContext& ctx, Request& req) {
  std::string org = req.Query("org").empty() ? req.Who().org_code : req.Query("org");
  if (org.size() < 6 || !req.Who().scope.Covers(org)) {
    return Response::Problem(
        DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内"), req);
  }
  Json items = Json::array();
  for (std::size_t len : {6, 9}) {
    if (org.size() < len) break;
    auto nodes = ctx.org.DepartmentsUnder(org.substr(0, len));
    if (!nodes.ok()) return Response::Problem(nodes.error(), req);
    for (const auto& n : *nodes) {
      items.push_back({{"code", n.code},
                       {"name", n.name},
                       {"category", n.category},
                       {"parent_code", n.parent_code}});
    }
  }
  return Response::Ok({{"items", items}});
}

}  // namespace

void RegisterCatalogueRoutes(core::http::Router& router, CasesContext& ctx) {
  router.Get(
      "/api/v1/case-categories", [&ctx](Request& req) { return ListCategories(ctx, req); },
      kCatalogueRead, "Case categories with routing rules and deadlines (?active=1)");
  router.Get(
      "/api/v1/case-categories/{code}", [&ctx](Request& req) { return GetCategory(ctx, req); },
      kCatalogueRead, "One case category");
  router.Get(
      "/api/v1/case-departments", [&ctx](Request& req) { return Departments(ctx, req); }, kRead,
      "Departments a case can be dispatched to: the county's and the township's (?org=, default "
      "the caller's)");
  router.Patch(
      "/api/v1/case-categories/{code}", [&ctx](Request& req) { return PatchCategory(ctx, req); },
      kAdmin, "Edits a category (name, routing, department, active, deadlines; needs version)");
  router.Get(
      "/api/v1/case-calendar", [&ctx](Request& req) { return GetCalendar(ctx, req); },
      kCatalogueRead, "Holidays and make-up workdays of a year (?year=), and the working hours");
  router.Put(
      "/api/v1/case-calendar/{date}",
      [&ctx](Request& req) { return PutCalendarDay(ctx, req, false); }, kAdmin,
      "Sets a day as holiday or make-up workday");
  router.Delete(
      "/api/v1/case-calendar/{date}",
      [&ctx](Request& req) { return PutCalendarDay(ctx, req, true); }, kAdmin,
      "Returns a day to the weekday rule");
}

}  // namespace jiceng::cases
