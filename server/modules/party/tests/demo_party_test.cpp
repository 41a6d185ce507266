// The demo seed: every village of 枫桥镇 gets a branch whose 2021 term reaches the organizer's
// to-do list, with members who are demo residents and households linked in their own grid.
#include <gtest/gtest.h>

#include "modules/party/tests/party_test_fixture.hpp"

namespace jiceng::party::test {
namespace {

using jiceng::testing::kVillage;

class PartyDemo : public PartyApiTest {
 protected:
  static void SetUpTestSuite() {
    jiceng::testing::TestAppOptions options;
    options.demo_residents = 300;
    StartApp(options);
    grid1_ = jiceng::testing::kGrid1;
    grid2_ = jiceng::testing::kGrid2;
  }
};

TEST_F(PartyDemo, VillagesHaveBranchesWithResidentMembersAndHouseholdLinks) {
  HttpResponse orgs = Get("secretary", "/api/v1/party/orgs");
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  Json branch;
  for (const auto& o : Items(orgs))
    if (o["org_code"] == kVillage) branch = o;
  ASSERT_TRUE(branch.is_object()) << orgs.body.substr(0, 500);
  EXPECT_EQ(branch["kind"], "branch");
  EXPECT_EQ(branch["term_ends_on"], "2026-12-20");
  EXPECT_GE(branch["counts"]["total"].get<int>(), 3);
  EXPECT_TRUE(branch["counts"]["has_secretary"].get<bool>());

  HttpResponse members = Get("secretary", "/api/v1/party/members?party_org_id=" +
                                              std::to_string(branch["id"].get<std::int64_t>()));
  ASSERT_EQ(members.status, 200);
  Json items = Items(members);
  ASSERT_FALSE(items.empty());
  std::size_t links = 0;
  for (const auto& m : items) {
    EXPECT_FALSE(m["name"].get<std::string>().empty());  // a resident record
    HttpResponse l =
        Get("secretary",
            "/api/v1/party/members/" + std::to_string(m["id"].get<std::int64_t>()) + "/households");
    ASSERT_EQ(l.status, 200);
    for (const auto& link : Items(l)) {
      EXPECT_EQ(link["org_code"], m["resident_org_code"]);
      ++links;
    }
  }
  EXPECT_GT(links, 0u);

  // The organizer of 枫桥镇 sees the term in the to-do list (ending or ended).
  bool listed = false;
  for (const auto& item : Items(Get("organizer", "/api/v1/party/todo")))
    if (item["party_org"]["id"] == branch["id"]) listed = true;
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace jiceng::party::test
