// Deadlines over the HTTP API on the official calendar, with the server on a manual clock:
// National Day 2026 (make-up Sunday 09-20 and Saturday 10-10) and Spring Festival 2026
// (make-up Saturdays 02-14 and 02-28); the timer's warning and overdue marks; extensions.
#include <gtest/gtest.h>

#include "modules/cases/tests/case_test_fixture.hpp"

namespace jiceng::testing {
namespace {

using CaseDeadlineApi = CaseApiTest;

TEST_F(CaseDeadlineApi, NationalDay2026WarningOverdueAndExtension) {
  Start(At("2026-09-30", 10, 0));
  Json c =
      Report("E0102");  // 暴露垃圾: dispatch within 30 working minutes, handle in 1 working day
  EXPECT_EQ(Local(c["stage_due_at"]), "2026-09-30T10:30:00+08:00");

  SetTime(At("2026-09-30", 10, 15));
  EXPECT_EQ(Sweep(), (Json{{"overdue", 0}, {"warned", 1}, {"feedback_overdue", 0}}));
  EXPECT_EQ(Sweep(), (Json{{"overdue", 0}, {"warned", 0}, {"feedback_overdue", 0}}));  // once only
  SetTime(At("2026-09-30", 10, 31));
  EXPECT_EQ(Sweep()["overdue"], 1);
  c = app_->client()
          .Get("/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()), User("township"))
          .json();
  EXPECT_TRUE(c["overdue"].get<bool>());

  c = Step("township", c, "file");
  c = Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  // 10-01..07 are the holiday: one working day after 09-30 is 10-08.
  EXPECT_EQ(Local(c["handling_due_at"]), "2026-10-08T17:30:00+08:00");
  EXPECT_FALSE(c["overdue"].get<bool>());  // a new stage starts its own clock

  c = Step("chengguan", c, "request_extension", {{"days", 2}, {"note", "节后清运车辆紧张"}});
  c = Step("township", c, "approve_extension");
  // 10-09 (Friday) and 10-10 (make-up Saturday) are the two extra working days.
  EXPECT_EQ(Local(c["handling_due_at"]), "2026-10-10T17:30:00+08:00");

  SetTime(At("2026-10-10", 17, 31));
  EXPECT_EQ(Sweep()["overdue"], 1);
  auto timeline = Timeline(c);
  EXPECT_EQ(timeline,
            (std::vector<std::string>{"report", "due_soon", "overdue", "file", "dispatch",
                                      "request_extension", "approve_extension", "overdue"}));
}

TEST_F(CaseDeadlineApi, SpringFestival2026MakeUpSaturdaysCount) {
  Start(At("2026-02-13", 15, 0));  // Friday before the holiday
  Json c = Report("E0101");        // 私搭乱建: 15 working days
  c = Step("township", c, "file");
  c = Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  // 02-14 (make-up Saturday) is day 1; 02-15..23 off; 02-28 (make-up Saturday) is day 6; day 15 is
  // 03-12.
  EXPECT_EQ(Local(c["handling_due_at"]), "2026-03-12T17:30:00+08:00");

  // Suspended after work on the make-up Saturday until the holiday's last Sunday: no working
  // time passed, so resuming moves nothing.
  SetTime(At("2026-02-14", 18, 0));
  c = Step("township", c, "suspend", {{"note", "春节停工"}});
  SetTime(At("2026-02-22", 12, 0));
  c = Step("township", c, "resume");
  EXPECT_EQ(Local(c["handling_due_at"]), "2026-03-12T17:30:00+08:00");
  // Suspended for one working day (02-24 08:30 → 02-25 08:30): due a working day later.
  SetTime(At("2026-02-24", 8, 30));
  c = Step("township", c, "suspend", {{"note", "等待产权人"}});
  SetTime(At("2026-02-25", 8, 30));
  c = Step("township", c, "resume");
  EXPECT_EQ(Local(c["handling_due_at"]), "2026-03-13T17:30:00+08:00");
}

TEST_F(CaseDeadlineApi, UrgentDispatchRunsOnNaturalMinutesOverTheHoliday) {
  Start(At("2026-10-03", 22, 0));  // a holiday night
  HttpResponse r = app_->client().Post("/api/v1/cases",
                                       Json{{"category_code", "C0101"},
                                            {"description", "井盖缺失"},
                                            {"org_code", kGrid1},
                                            {"urgency", "urgent"}},
                                       User("township"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Local(r.json()["stage_due_at"]), "2026-10-03T22:10:00+08:00");
}

TEST_F(CaseDeadlineApi, IndicatorsAreKeptAsCasesMove) {
  Start(At("2026-09-30", 10, 0));
  Json a = Report("E0102");  // due 10-08 17:30 once dispatched
  a = Step("township", a, "file");
  a = Step("township", a, "dispatch", {{"department_code", kCityManagement}});
  Json b = Report("E0102");
  b = Step("township", b, "file");
  b = Step("township", b, "dispatch", {{"department_code", kCityManagement}});
  a = Step("chengguan", a, "accept");
  b = Step("chengguan", b, "accept");
  b = Step("chengguan", b, "request_extension", {{"days", 1}, {"note", "需要吊车"}});
  b = Step("township", b, "approve_extension");  // now due 10-09 17:30

  SetTime(At("2026-10-08", 15, 0));
  a = Step("chengguan", a, "resolve", {{"note", "已清运"}});
  a = Step("township", a, "verify");
  SetTime(At("2026-10-08", 16, 0));
  a = Step("township", a, "close");
  a = Step("county", a, "follow_up", {{"resolved", true}, {"satisfaction", "mostly"}});

  SetTime(At("2026-10-12", 10, 0));  // after b's extended deadline
  b = Step("chengguan", b, "resolve", {{"note", "已清运"}});
  b = Step("township", b, "rework", {{"note", "仍有残留"}});
  b = Step("chengguan", b, "resolve", {{"note", "已清理干净"}});
  b = Step("township", b, "verify");
  b = Step("township", b, "close");

  auto indicators = [&](const std::string& query, const std::string& user = "township") {
    HttpResponse r = app_->client().Get("/api/v1/case-indicators?" + query, User(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  Json t = indicators("org=330681109&from=2026-09-01&to=2026-10-31");
  EXPECT_EQ(t["counts"]["reported"], 2);
  EXPECT_EQ(t["counts"]["dispatched"], 2);
  EXPECT_EQ(t["counts"]["accepted"], 2);
  EXPECT_EQ(t["counts"]["due"], 2);
  EXPECT_EQ(t["counts"]["deferred"], 1);
  EXPECT_EQ(t["counts"]["closed"], 2);
  EXPECT_EQ(t["counts"]["closed_on_time"], 1);  // b closed after its extended deadline
  EXPECT_EQ(t["counts"]["verified"], 2);
  EXPECT_EQ(t["counts"]["reworked"], 1);
  EXPECT_DOUBLE_EQ(t["rates"]["closure_rate"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(t["rates"]["on_time_closure_rate"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(t["rates"]["rework_rate"].get<double>(), 33.33);
  EXPECT_DOUBLE_EQ(t["rates"]["extension_rate"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(t["rates"]["satisfaction_rate"].get<double>(),
                   100.0);  // "mostly" counts by default
  // a: dispatched 09-30 10:00, resolved 10-08 15:00: 360 + 300 working minutes. b, twice from
  // its dispatch to 10-12 10:00: 360 + 3 × 450 (10-08, 10-09, make-up 10-10) + 90 = 1800.
  EXPECT_EQ(t["counts"]["resolved"], 3);
  EXPECT_DOUBLE_EQ(t["average_handling_working_minutes"].get<double>(), 1420.0);

  // The same numbers for the village, the grid, the department and the category; none elsewhere.
  EXPECT_EQ(indicators("org=330681109290&from=2026-09-01&to=2026-10-31")["counts"]["due"], 2);
  EXPECT_EQ(indicators("department=330681901&from=2026-09-01&to=2026-10-31",
                       "county")["counts"]["closed"],
            2);
  EXPECT_EQ(indicators(
                "org=330681109&category=E0102&from=2026-09-01&to=2026-10-31")["counts"]["reported"],
            2);
  EXPECT_EQ(indicators(
                "org=330681109&category=E0101&from=2026-09-01&to=2026-10-31")["counts"]["reported"],
            0);
  // Due is counted on the deadline's day: only a (10-08) falls in 10-01..10-08.
  EXPECT_EQ(indicators("org=330681109&from=2026-10-01&to=2026-10-08")["counts"]["due"], 1);
  // Outside the caller's scope: not found, and bad periods are refused.
  HttpResponse other =
      app_->client().Get("/api/v1/case-indicators?org=330681001", User("township"));
  EXPECT_EQ(other.status, 404);
  HttpResponse bad = app_->client().Get(
      "/api/v1/case-indicators?org=330681109&from=2026-10-31&to=2026-10-01", User("township"));
  EXPECT_EQ(bad.json()["code"], "cases.indicator.period");
}

}  // namespace
}  // namespace jiceng::testing
