// The case catalogue and the working-day calendar through the HTTP API: the seed (at least 40
// minor categories with routing rules and deadlines), admin edits with versions and audit,
// the official holidays loaded from chinese-days, and permissions.
#include <gtest/gtest.h>

#include <map>

#include "core/time/chinese_days.hpp"
#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/deadlines.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

class CaseCatalogueApi : public SharedAppTest {
 protected:
  static HttpResponse Patch(const std::string& target, const Json& body, const std::string& user) {
    return Client().Send("PATCH", target, body.dump(), User(user));
  }
};

TEST_F(CaseCatalogueApi, SeedHasFortyPlusCategoriesWithRoutingAndDeadlines) {
  HttpResponse r = Client().Get("/api/v1/case-categories", User("grid1"));
  ASSERT_EQ(r.status, 200) << r.body;
  Json items = r.json()["items"];
  ASSERT_GE(items.size(), 40u);
  std::map<std::string, Json> by_code;
  for (const auto& c : items) by_code[c["code"]] = c;
  // Events go to the locality first, components to their owner first.
  for (const auto& [code, c] : by_code) {
    EXPECT_EQ(c["routing"], code[0] == 'E' ? "locality_first" : "owner_first") << code;
    EXPECT_EQ(c["deadlines"].size(), 8u) << code;
  }
  // STANDARDS.md examples: exposed rubbish 1 working day, illegal structures 15 working days.
  auto handling = [&](const std::string& code, const std::string& urgency) {
    for (const auto& d : by_code.at(code)["deadlines"])
      if (d["stage"] == "handling" && d["urgency"] == urgency) return d;
    return Json();
  };
  EXPECT_EQ(by_code.at("E0102")["name"], "暴露垃圾");
  EXPECT_EQ(
      handling("E0102", "normal"),
      (Json{
          {"stage", "handling"}, {"urgency", "normal"}, {"amount", 1}, {"unit", "working_days"}}));
  EXPECT_EQ(handling("E0101", "normal")["amount"], 15);
  EXPECT_EQ(by_code.at("C0101")["name"], "上水井盖");
  EXPECT_EQ(by_code.at("C0101")["major_name"], "公用设施");
  EXPECT_EQ(handling("C0101", "urgent")["unit"], "working_minutes");
  EXPECT_EQ(Client().Get("/api/v1/case-categories/X9999", User("grid1")).status, 404);
}

TEST_F(CaseCatalogueApi, AdminsEditACategoryWithItsVersionAndTheEditIsAudited) {
  HttpResponse current = Client().Get("/api/v1/case-categories/E0104", User("county"));
  ASSERT_EQ(current.status, 200);
  int version = current.json()["version"];
  Json deadlines = current.json()["deadlines"];
  for (auto& d : deadlines)
    if (d["stage"] == "handling" && d["urgency"] == "normal")
      d = {{"stage", "handling"}, {"urgency", "normal"}, {"amount", 2}, {"unit", "working_days"}};
  // A grid worker may read the catalogue but not change it.
  EXPECT_EQ(
      Patch("/api/v1/case-categories/E0104", {{"version", version}, {"name", "道路不洁"}}, "grid1")
          .status,
      403);
  HttpResponse edited =
      Patch("/api/v1/case-categories/E0104",
            {{"version", version}, {"name", "道路不洁"}, {"deadlines", deadlines}}, "county");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["name"], "道路不洁");
  EXPECT_EQ(edited.json()["version"], version + 1);
  bool found = false;
  const Json edited_deadlines =
      edited.json()["deadlines"];  // not a temporary: range-for would dangle
  for (const auto& d : edited_deadlines)
    if (d["stage"] == "handling" && d["urgency"] == "normal") found = d["amount"] == 2;
  EXPECT_TRUE(found);
  // The stale version loses.
  HttpResponse stale = Patch("/api/v1/case-categories/E0104",
                             {{"version", version}, {"name", "道路保洁"}}, "county");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["code"], "cases.category.version_conflict");
  // Bad values are specific 422s and change nothing.
  HttpResponse bad_unit = Patch(
      "/api/v1/case-categories/E0104",
      {{"version", version + 1},
       {"deadlines",
        Json::array(
            {{{"stage", "handling"}, {"urgency", "normal"}, {"amount", 3}, {"unit", "weeks"}}})}},
      "county");
  EXPECT_EQ(bad_unit.status, 422);
  EXPECT_EQ(bad_unit.json()["code"], "cases.category.deadlines");
  EXPECT_EQ(Patch("/api/v1/case-categories/E0104",
                  {{"version", version + 1}, {"routing", "anywhere"}}, "county")
                .json()["code"],
            "cases.category.routing");
  EXPECT_EQ(Patch("/api/v1/case-categories/E0104", {{"name", "x"}}, "county").json()["code"],
            "cases.category.version");
  EXPECT_EQ(Client().Get("/api/v1/case-categories/E0104", User("county")).json()["version"],
            version + 1);
  HttpResponse audit = Client().Get("/api/v1/audit?action=cases.category.update", User("auditor"));
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("E0104"), std::string::npos);
}

TEST_F(CaseCatalogueApi, TheOfficialCalendarIsLoadedAndAdminsEditSingleDays) {
  HttpResponse r = Client().Get("/api/v1/case-calendar?year=2026", User("township"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, Json> days;
  const Json all_days = r.json()["days"];
  for (const auto& d : all_days) days[d["date"]] = d;
  ASSERT_TRUE(days.count("2026-10-01"));
  EXPECT_EQ(days["2026-10-01"]["kind"], "holiday");
  EXPECT_EQ(days["2026-10-01"]["name"], "国庆节");
  EXPECT_EQ(days["2026-09-20"]["kind"], "workday");  // make-up Sunday
  EXPECT_EQ(days["2026-10-10"]["kind"], "workday");  // make-up Saturday
  EXPECT_EQ(days["2026-02-17"]["name"], "春节");
  EXPECT_EQ(r.json()["periods"], (Json::array({{{"start", "08:30"}, {"end", "12:00"}},
                                               {{"start", "13:30"}, {"end", "17:30"}}})));
  EXPECT_EQ(Client().Get("/api/v1/case-calendar?year=abc", User("township")).json()["code"],
            "cases.calendar.year");

  // A local holiday added by the admin, then removed again.
  EXPECT_EQ(
      Client().Put("/api/v1/case-calendar/2026-12-01", {{"kind", "holiday"}}, User("grid1")).status,
      403);
  HttpResponse put = Client().Put("/api/v1/case-calendar/2026-12-01",
                                  {{"kind", "holiday"}, {"name", "防台停工"}}, User("county"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Client()
                .Put("/api/v1/case-calendar/2026-02-30", {{"kind", "holiday"}}, User("county"))
                .json()["code"],
            "cases.calendar.date");
  EXPECT_EQ(Client()
                .Put("/api/v1/case-calendar/2026-12-02", {{"kind", "weekend"}}, User("county"))
                .json()["code"],
            "cases.calendar.kind");
  bool listed = false;
  const Json listed_days =
      Client().Get("/api/v1/case-calendar?year=2026", User("county")).json()["days"];
  for (const auto& d : listed_days)
    listed = listed || (d["date"] == "2026-12-01" && d["name"] == "防台停工");
  EXPECT_TRUE(listed);
  EXPECT_EQ(Client().Delete("/api/v1/case-calendar/2026-12-01", User("county")).status, 204);
  EXPECT_EQ(Client().Delete("/api/v1/case-calendar/2026-12-01", User("county")).status, 404);
}

TEST_F(CaseCatalogueApi, DispatchTargetsAndCatalogueReadersFollowTheirPermissions) {
  // A township dispatches to its own and the county's departments, though neither is in its scope.
  HttpResponse r = Client().Get("/api/v1/case-departments?org=330681109290001", User("township"));
  ASSERT_EQ(r.status, 200) << r.body;
  bool city_management = false;
  const Json items = r.json()["items"];
  for (const auto& d : items) city_management = city_management || d["code"] == "330681901";
  EXPECT_TRUE(city_management) << r.body;
  EXPECT_EQ(Client().Get("/api/v1/case-departments?org=330681001", User("township")).status, 404);
  // The system admin maintains the catalogue without reading any case.
  EXPECT_EQ(Client().Get("/api/v1/case-categories", User("admin")).status, 200);
  EXPECT_EQ(Client().Get("/api/v1/case-calendar?year=2026", User("admin")).status, 200);
  EXPECT_EQ(Client().Get("/api/v1/cases", User("admin")).status, 403);
}

// Due times from the seed rules on the real 2026 calendar (the loaded one is covered above).
TEST(CaseDeadlines, SeedRulesOnTheOfficialCalendar) {
  auto dir = core::time::FindChineseDaysDir("");
  auto days = core::time::ReadChineseDaysYear(dir, 2026);
  ASSERT_TRUE(days.ok()) << days.error().message;
  auto calendar = core::time::CalendarFromDays(*days);
  auto at = [](const char* date, int h, int m) {
    return core::time::LocalMidnightUtcMs(date) + (h * 60 + m) * 60000LL;
  };
  cases::CategoryDeadline one_day{"handling", "normal", 1, "working_days"};
  // Reported on the eve of National Day: the next working day is 10-08.
  EXPECT_EQ(core::time::FormatShanghai(cases::DueAt(calendar, one_day, at("2026-09-30", 10, 0))),
            "2026-10-08T17:30:00+08:00");
  cases::CategoryDeadline urgent_dispatch{"dispatch", "urgent", 10, "minutes"};
  EXPECT_EQ(cases::DueAt(calendar, urgent_dispatch, at("2026-10-03", 22, 0)),
            at("2026-10-03", 22, 10));
  cases::CategoryDeadline verify{"verification_rural", "normal", 120, "working_minutes"};
  EXPECT_EQ(
      core::time::FormatShanghai(cases::DueAt(calendar, verify, at("2026-10-10", 16, 30))),
      "2026-10-12T09:30:00+08:00");  // 10-10 is a make-up Saturday: 60 min there, 60 on Monday
  EXPECT_EQ(cases::VerificationStage("330681109290001"), "verification_rural");
  EXPECT_EQ(cases::VerificationStage("330681001001001"), "verification_urban");
}

}  // namespace
}  // namespace jiceng::testing
