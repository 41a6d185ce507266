// The demo seed: a year of decisions in 枫源村 (some stopped), monthly finance disclosures with
// exactly one overdue, and the board showing them.
#include <gtest/gtest.h>

#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class DemoAutonomyTest : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.demo_cases = 1;  // the synthetic demo data, which the autonomy seed comes with
    StartApp(options);
  }
};

TEST_F(DemoAutonomyTest, SeedsAYearOfDecisionsAndOneOverdueFinanceMonth) {
  HttpResponse list =
      Client().Get(std::string("/api/v1/decisions?org_code=") + kVillage, User("secretary"));
  ASSERT_EQ(list.status, 200) << list.body;
  Json items = list.json()["items"];
  EXPECT_EQ(items.size(), 12u);
  int stopped = 0, done = 0;
  for (const auto& d : items) {
    stopped += d["status"] == "stopped";
    done += d["status"] == "done";
  }
  EXPECT_GE(stopped, 2);
  EXPECT_GE(done, 4);

  HttpResponse schedule = Client().Get(
      std::string("/api/v1/villages/") + kVillage + "/disclosure-schedule", User("village"));
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  EXPECT_EQ(schedule.json()["overdue"], 1) << schedule.body;
  Json periods = schedule.json()["periods"];
  int finance = 0;
  for (const auto& p : periods) finance += p["kind"] == "finance";
  EXPECT_GE(finance, 11);

  HttpResponse board = Client().Get(std::string("/api/v1/public/villages/") + kVillage + "/board");
  ASSERT_EQ(board.status, 200);
  EXPECT_GE(board.json()["disclosures"].size(), 10u);
  EXPECT_GE(board.json()["decisions"].size(), 4u);
  EXPECT_EQ(board.json()["convention"]["version"], 1);
}

}  // namespace
}  // namespace jiceng::testing
