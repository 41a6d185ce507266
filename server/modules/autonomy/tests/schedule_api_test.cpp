// The disclosure schedule and the county overview through the HTTP API, on a manual clock the
// day after September's finance disclosure fell due (after the National Day holiday).
#include <gtest/gtest.h>

#include "core/time/work_calendar.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class ScheduleApiTest : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.manual_clock_ms = core::time::LocalMidnightUtcMs("2025-10-15") + 10 * 3600000LL;
    StartApp(options);
  }
  static std::string SchedulePath(const std::string& code) {
    return "/api/v1/villages/" + code + "/disclosure-schedule";
  }
  static void PublishFinance(const std::string& period) {
    Json body = {{"org_code", kVillage},
                 {"kind", "finance"},
                 {"period", period},
                 {"title", period + " 财务公开"},
                 {"body", ""},
                 {"lines", Json::array({{{"label", "租金"}, {"kind", "income"}, {"amount", 100}}})},
                 {"total_income", 100},
                 {"total_expense", 0}};
    HttpResponse c = Client().Post("/api/v1/disclosures", body, User("secretary"));
    ASSERT_EQ(c.status, 201) << c.body;
    std::string path = "/api/v1/disclosures/" + std::to_string(c.json()["id"].get<std::int64_t>());
    ASSERT_EQ(
        Client().Post(path + "/sign-off", Json{{"verdict", "approve"}}, User("supervisor")).status,
        200);
    ASSERT_EQ(Client().Post(path + "/publish", Json::object(), User("secretary")).status, 200);
  }
};

TEST_F(ScheduleApiTest, OverdueFinanceShowsInTheVillageScheduleAndTheCountyOverview) {
  HttpResponse unset = Client().Get(SchedulePath(kVillage), User("village"));
  ASSERT_EQ(unset.status, 200) << unset.body;
  EXPECT_TRUE(unset.json()["schedule"].is_null());

  HttpResponse put = Client().Put(
      SchedulePath(kVillage),
      Json{{"finance_months", 1}, {"grace_working_days", 5}, {"starts_on", "2025-08-01"}},
      User("secretary"));
  ASSERT_EQ(put.status, 200) << put.body;
  PublishFinance("2025-08");

  HttpResponse r = Client().Get(SchedulePath(kVillage), User("supervisor"));
  ASSERT_EQ(r.status, 200) << r.body;
  Json periods = r.json()["periods"];
  Json aug, sep;
  for (const auto& p : periods) {
    if (p["kind"] == "finance" && p["period"] == "2025-08") aug = p;
    if (p["kind"] == "finance" && p["period"] == "2025-09") sep = p;
  }
  ASSERT_TRUE(aug.is_object()) << r.body;
  ASSERT_TRUE(sep.is_object()) << r.body;
  EXPECT_EQ(aug["published"], true);
  EXPECT_EQ(aug["overdue"], false);
  // Due on the 5th working day after 30 September: 9, 10, 11 (make-up), 13, 14 October.
  EXPECT_EQ(sep["due_on"], "2025-10-14");
  EXPECT_EQ(sep["overdue"], true);
  EXPECT_EQ(sep["working_days_late"], 1);
  EXPECT_EQ(r.json()["overdue"], 1);

  HttpResponse overview =
      Client().Get(std::string("/api/v1/disclosure-overview?org_code=") + kCounty, User("county"));
  ASSERT_EQ(overview.status, 200) << overview.body;
  Json o = overview.json();
  EXPECT_EQ(o["overdue"], 1);
  ASSERT_EQ(o["villages"].size(), 1u);
  EXPECT_EQ(o["villages"][0]["org_code"], kVillage);
  EXPECT_EQ(o["villages"][0]["name"], "枫源村委会");
  EXPECT_EQ(o["villages"][0]["items"][0]["period"], "2025-09");
  // Publishing September clears it.
  PublishFinance("2025-09");
  EXPECT_EQ(Client().Get(SchedulePath(kVillage), User("village")).json()["overdue"], 0);
}

TEST_F(ScheduleApiTest, ScheduleInputIsCheckedAndScoped) {
  auto put = [](const Json& body) {
    return Client().Put(SchedulePath(kVillage), body, User("secretary"));
  };
  HttpResponse months = put(Json{{"finance_months", 2}, {"starts_on", "2025-01-01"}});
  EXPECT_EQ(months.status, 422);
  EXPECT_EQ(months.json()["field"], "finance_months");
  EXPECT_EQ(put(Json{{"grace_working_days", 0}, {"starts_on", "2025-01-01"}}).json()["field"],
            "grace_working_days");
  EXPECT_EQ(put(Json{{"finance_months", 1}}).json()["field"], "starts_on");
  EXPECT_EQ(Client().Get(SchedulePath(kSiblingVillage), User("village")).status, 404);
  EXPECT_EQ(Client().Get(SchedulePath(kTownship), User("township")).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/disclosure-overview?org_code=x", User("county")).status, 400);
}

}  // namespace
}  // namespace jiceng::testing
