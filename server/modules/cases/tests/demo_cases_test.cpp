// `jiceng demo --cases N`: a year of cases in the demo county whose timelines follow the
// workflow and whose indicator counters agree with the cases themselves.
#include <gtest/gtest.h>

#include <set>

#include "modules/cases/tests/case_test_fixture.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

TEST(CaseDemo, AYearOfCasesWithConsistentIndicators) {
  TestAppOptions options;
  options.demo_cases = 400;
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  auto county = As(app.Token("county"));
  // Every case is in the county's list; paging walks them all once.
  std::int64_t listed = 0, closed = 0;
  std::string cursor;
  do {
    Json page =
        app.client()
            .Get("/api/v1/cases?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), county)
            .json();
    const Json items = page["items"];
    for (const auto& c : items) {
      ++listed;
      closed += c["status"] == "closed";
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_EQ(listed, 400);
  EXPECT_GT(closed, 250);  // cases older than a month are finished
  EXPECT_LT(closed, 400);  // the last weeks' are still at every stage

  Json year = app.client()
                  .Get("/api/v1/case-indicators?org=330681&from=2020-01-01&to=2030-12-31", county)
                  .json();
  EXPECT_EQ(year["counts"]["reported"], 400);
  EXPECT_GE(year["counts"]["due"], year["counts"]["closed"]);
  EXPECT_GE(year["counts"]["closed"], year["counts"]["closed_on_time"]);
  EXPECT_GT(year["rates"]["on_time_closure_rate"].get<double>(), 50.0);
  EXPECT_GT(year["rates"]["satisfaction_rate"].get<double>(), 50.0);

  // A finished case's timeline runs through the stages in order.
  Json closed_list = app.client().Get("/api/v1/cases?status=closed&limit=1", county).json();
  ASSERT_EQ(closed_list["items"].size(), 1u);
  Json detail =
      app.client()
          .Get("/api/v1/cases/" + std::to_string(closed_list["items"][0]["id"].get<std::int64_t>()),
               county)
          .json();
  std::vector<std::string> actions;
  const Json timeline = detail["timeline"];
  for (const auto& e : timeline) actions.push_back(e["action"]);
  ASSERT_GE(actions.size(), 8u);
  EXPECT_EQ(actions[0], "report");
  EXPECT_EQ(actions[1], "file");
  EXPECT_EQ(actions[2], "dispatch");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "close"), actions.end());
}

// The board of the demo county reads like a county at work: most cases due this month closed on
// time, few open cases overdue, open cases mostly recent, descriptions that say what happened.
TEST(CaseDemo, TheBoardShowsACountyAtWork) {
  TestAppOptions options;
  options.demo_cases = 3000;
  const std::int64_t now = At("2026-11-19", 15, 0);  // a Thursday afternoon
  options.manual_clock_ms = now;
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  auto county = As(app.Token("county"));
  Json board = app.client().Get("/api/v1/case-board", county).json();
  const Json month = board["on_time_closure"]["this_month"];
  EXPECT_GE(month["due"].get<std::int64_t>(), 50) << month;
  EXPECT_GE(month["rate"].get<double>(), 80.0) << month;
  EXPECT_LE(month["rate"].get<double>(), 95.0) << month;
  const auto open = board["open"].get<std::int64_t>();
  const auto overdue = board["overdue"]["count"].get<std::int64_t>();
  EXPECT_GE(open, 5);
  EXPECT_LT(overdue * 10, open) << overdue << " of " << open << " open cases overdue";

  std::int64_t listed = 0, recent = 0;
  std::set<std::string> descriptions;
  std::string cursor;
  do {
    Json page = app.client()
                    .Get("/api/v1/cases?status=open&limit=200" +
                             (cursor.empty() ? "" : "&cursor=" + cursor),
                         county)
                    .json();
    const Json items = page["items"];
    for (const auto& c : items) {
      ++listed;
      recent += now - Ms(c["created_at"]) < 30LL * 24 * 3600 * 1000;
      descriptions.insert(c["description"].get<std::string>());
      EXPECT_EQ(c["description"].get<std::string>().find("演示"), std::string::npos) << c;
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_EQ(listed, open);
  EXPECT_GT(recent * 10, listed * 8) << recent << " of " << listed << " open cases are recent";
  EXPECT_GT(descriptions.size() * 10, static_cast<std::size_t>(listed) * 9);
}

}  // namespace
}  // namespace jiceng::testing
