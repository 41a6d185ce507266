// Household links (党员联户) over HTTP: households of the member's own grid, at most the
// configured number (10 by default), and the member's visits stored once as people visit
// records, which the grid worker reads with their other visits.
#include <gtest/gtest.h>

#include <atomic>

#include "modules/party/tests/party_test_fixture.hpp"

namespace jiceng::party::test {
namespace {

using jiceng::testing::kVillage;

class PartyLinkTest : public PartyApiTest {
 protected:
  // A household of a grid registered by the village staff; returns its id.
  static std::int64_t NewHousehold(const std::string& grid) {
    static std::atomic<int> seq{0};
    HttpResponse r = Post("village", "/api/v1/households",
                          {{"number", "party-hh-" + std::to_string(++seq)}, {"org_code", grid}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  static std::string Links(std::int64_t member) {
    return "/api/v1/party/members/" + std::to_string(member) + "/households";
  }
};

class PartyLinkApi : public PartyLinkTest {};

TEST_F(PartyLinkApi, AMemberLooksAfterHouseholdsOfTheirGridUpToTen) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "联户测试党支部"}});
  std::int64_t member = NewMember(branch["id"], "联户党员甲");  // lives in grid1
  std::vector<std::int64_t> households;
  for (int i = 0; i < 11; ++i) households.push_back(NewHousehold(grid1_));
  for (int i = 0; i < 10; ++i) {
    HttpResponse r = Post("secretary", Links(member), {{"household_id", households[i]}});
    ASSERT_EQ(r.status, 201) << i << r.body;
    EXPECT_EQ(r.json()["org_code"], grid1_);
  }
  ExpectProblem(Post("secretary", Links(member), {{"household_id", households[10]}}), 422,
                "party.link.limit", "household_id");
  HttpResponse list = Get("secretary", Links(member));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Items(list).size(), 10u);
  EXPECT_EQ(list.json()["max"], 10);
  ExpectProblem(Post("secretary", Links(member), {{"household_id", households[0]}}), 409,
                "party.link.duplicate", "household_id");

  // Ending one link frees a place.
  std::string one = Links(member) + "/" + std::to_string(households[0]);
  EXPECT_EQ(Delete("secretary", one).status, 204);
  EXPECT_EQ(Delete("secretary", one).status, 404);
  EXPECT_EQ(Post("secretary", Links(member), {{"household_id", households[10]}}).status, 201);
}

TEST_F(PartyLinkApi, OnlyHouseholdsOfTheMembersOwnGrid) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "联户测试党支部二"}});
  std::int64_t member = NewMember(branch["id"], "联户党员乙");
  ExpectProblem(Post("secretary", Links(member), {{"household_id", NewHousehold(grid2_)}}), 422,
                "party.link.other_grid", "household_id");
  ExpectProblem(Post("secretary", Links(member), {{"household_id", 99999999}}), 422,
                "party.household.not_found", "household_id");
  ExpectProblem(Post("secretary", Links(member), {{"household_id", "x"}}), 422, "party.field.type",
                "household_id");
  ExpectProblem(Post("secretary", Links(999999), {{"household_id", NewHousehold(grid1_)}}), 404,
                "party.member.not_found");
  EXPECT_EQ(Post("grid1", Links(member), {{"household_id", NewHousehold(grid1_)}}).status, 403);
  EXPECT_EQ(Get("village", Links(member)).status, 403);
}

TEST_F(PartyLinkApi, VisitsAreVisitRecordsTheGridWorkerSees) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "联户测试党支部三"}});
  std::int64_t member = NewMember(branch["id"], "联户党员丙");
  std::int64_t linked = NewHousehold(grid1_);
  std::int64_t other = NewHousehold(grid1_);
  ASSERT_EQ(Post("secretary", Links(member), {{"household_id", linked}}).status, 201);
  std::string visits = "/api/v1/party/members/" + std::to_string(member) + "/visits";
  HttpResponse v = Post("secretary", visits, {{"household_id", linked}, {"note", "老人身体好"}});
  ASSERT_EQ(v.status, 201) << v.body;
  std::int64_t visit_id = v.json()["visit_id"];
  // The grid worker reads it among the household's visits: one record, not a copy.
  HttpResponse seen = Get("grid1", "/api/v1/visits?household_id=" + std::to_string(linked));
  ASSERT_EQ(seen.status, 200) << seen.body;
  bool found = false;
  for (const auto& item : Items(seen)) {
    if (item["id"] == visit_id) {
      found = true;
      EXPECT_NE(item["note"].get<std::string>().find("老人身体好"), std::string::npos);
      EXPECT_NE(item["note"].get<std::string>().find("联户党员丙"), std::string::npos);
      EXPECT_EQ(item["org_code"], grid1_);
    }
  }
  EXPECT_TRUE(found) << seen.body;
  ExpectProblem(Post("secretary", visits, {{"household_id", other}, {"note", "x"}}), 422,
                "party.visit.not_linked", "household_id");
  ExpectProblem(Post("secretary", visits, {{"household_id", linked}}), 422, "party.field.required",
                "note");
  ExpectProblem(Post("secretary", visits,
                     {{"household_id", linked}, {"note", "x"}, {"visited_at", "yesterday"}}),
                422, "party.visit.visited_at.format", "visited_at");
}

// [party] household_links_max is configuration.
class PartyLinkConfig : public PartyLinkTest {
 protected:
  static void SetUpTestSuite() {
    jiceng::testing::TestAppOptions options;
    options.configure = [](core::app::Config& c) { c.party.household_links_max = 2; };
    StartApp(options);
    grid1_ = jiceng::testing::kGrid1;
    grid2_ = jiceng::testing::kGrid2;
  }
};

TEST_F(PartyLinkConfig, TheLimitIsConfigurable) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "配置测试党支部"}});
  std::int64_t member = NewMember(branch["id"], "联户党员丁");
  EXPECT_EQ(Post("secretary", Links(member), {{"household_id", NewHousehold(grid1_)}}).status, 201);
  EXPECT_EQ(Post("secretary", Links(member), {{"household_id", NewHousehold(grid1_)}}).status, 201);
  ExpectProblem(Post("secretary", Links(member), {{"household_id", NewHousehold(grid1_)}}), 422,
                "party.link.limit", "household_id");
  EXPECT_EQ(Get("secretary", Links(member)).json()["max"], 2);
}

}  // namespace
}  // namespace jiceng::party::test
