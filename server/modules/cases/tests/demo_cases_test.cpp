// `jiceng demo --cases N`: a year of cases in the demo county whose timelines follow the
// workflow and whose indicator counters agree with the cases themselves.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jiceng::testing
