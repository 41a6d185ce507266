// The two committees (村"两委") through the HTTP API: the branch committee (party module, read
// through party's api) and the villagers' committee (this module), cross-membership (交叉任职),
// 一肩挑 when the secretary is also the director, the township overview and the scope.
#include <gtest/gtest.h>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

using jiceng::testing::kOtherTownshipVillage;
using jiceng::testing::kSiblingVillage;
using jiceng::testing::kTownship;

class TwoCommitteesApiTest : public RecordApiTest {
 protected:
  static std::string VillagePath(const std::string& code = kVillage) {
    return "/api/v1/villages/" + code + "/two-committees";
  }
  static std::int64_t Person(const std::string& name) {
    Json r =
        NewResident("village", grid1_, name, {{"id_number", MakeIdNumber("19680412", ++seq_)}});
    return r.value("id", std::int64_t{0});
  }
  // The demo branch of 枫源村, its seeded committee posts cleared so the test sets its own.
  static std::int64_t DemoBranch() {
    HttpResponse orgs = Get("organizer", std::string("/api/v1/party/orgs?org_code=") + kVillage);
    EXPECT_EQ(orgs.status, 200) << orgs.body;
    std::int64_t id = 0;
    for (const auto& o : Items(orgs))
      if (o["org_code"] == kVillage && o["parent_id"].is_null() && id == 0)
        id = o["id"].get<std::int64_t>();
    EXPECT_NE(id, 0) << orgs.body;
    HttpResponse members =
        Get("secretary", "/api/v1/party/members?limit=200&party_org_id=" + std::to_string(id));
    for (const auto& m : Items(members))
      if (!m["committee_post"].get<std::string>().empty()) {
        HttpResponse cleared =
            Patch("secretary", "/api/v1/party/members/" + std::to_string(m["id"].get<int>()),
                  {{"committee_post", ""}});
        EXPECT_EQ(cleared.status, 200) << cleared.body;
      }
    return id;
  }
  static void JoinBranch(std::int64_t branch, std::int64_t resident, const std::string& post) {
    HttpResponse r = Post("secretary", "/api/v1/party/members",
                          {{"resident_id", resident},
                           {"party_org_id", branch},
                           {"status", "formal"},
                           {"joined_on", "2005-07-01"},
                           {"committee_post", post}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  static std::int64_t JoinVillagers(std::int64_t resident, const std::string& post) {
    HttpResponse r = Post("village", std::string("/api/v1/villages/") + kVillage + "/committees",
                          {{"committee", "villagers"}, {"resident_id", resident}, {"post", post}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  static Json RowOf(const Json& overview, const std::string& code) {
    for (const auto& v : overview["villages"])
      if (v["org_code"] == code) return v;
    return nullptr;
  }
  inline static int seq_ = 700;
};

TEST_F(TwoCommitteesApiTest, CrossMembershipAndOneShoulder) {
  std::int64_t branch = DemoBranch();
  std::int64_t secretary = Person("书记甲");
  std::int64_t organizer = Person("组委乙");
  std::int64_t villager = Person("村委丙");
  ASSERT_NO_FATAL_FAILURE(JoinBranch(branch, secretary, "secretary"));
  ASSERT_NO_FATAL_FAILURE(JoinBranch(branch, organizer, "organization"));
  std::int64_t as_director = JoinVillagers(secretary, "主任");
  JoinVillagers(organizer, "委员");
  JoinVillagers(villager, "副主任");

  HttpResponse r = Get("organizer", VillagePath());
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = r.json();
  EXPECT_EQ(j["org_code"], kVillage);
  EXPECT_NE(j["name"].get<std::string>().find("枫源村"), std::string::npos);
  EXPECT_EQ(j["party_org"]["id"], branch);
  EXPECT_TRUE(j["one_shoulder"].get<bool>());
  EXPECT_EQ(j["secretary"]["name"], "书记甲");
  EXPECT_EQ(j["director"]["name"], "书记甲");
  ASSERT_EQ(j["branch_committee"].size(), 2u);
  EXPECT_EQ(j["branch_committee"][0]["post_name"], "书记");
  EXPECT_EQ(j["branch_committee"][1]["name"], "组委乙");
  EXPECT_EQ(j["villagers_committee"].size(), 3u);
  EXPECT_EQ(j["counts"]["cross"], 2);
  EXPECT_EQ(j["counts"]["people"], 3);
  ASSERT_EQ(j["cross_members"].size(), 2u);
  EXPECT_EQ(j["cross_members"][0]["branch_post_name"], "书记");
  EXPECT_EQ(j["cross_members"][0]["villagers_post"], "主任");
  for (const auto& m : j["villagers_committee"])
    EXPECT_EQ(m["cross"], m["name"] != "村委丙") << m.dump();

  // The secretary steps down as director; the deputy is not the director: no 一肩挑, no director.
  ASSERT_EQ(Delete("village", "/api/v1/committee-members/" + std::to_string(as_director)).status,
            200);
  Json after = Get("secretary", VillagePath()).json();
  EXPECT_FALSE(after["one_shoulder"].get<bool>());
  EXPECT_TRUE(after["director"].is_null());
  EXPECT_EQ(after["counts"]["cross"], 1);
  std::int64_t other = Person("主任丁");
  JoinVillagers(other, "主任");
  after = Get("township", VillagePath()).json();
  EXPECT_FALSE(after["one_shoulder"].get<bool>());
  EXPECT_EQ(after["director"]["name"], "主任丁");
  EXPECT_EQ(after["secretary"]["name"], "书记甲");

  // The township's overview: one row per village in scope, with the flags.
  HttpResponse overview =
      Get("township", std::string("/api/v1/two-committees?org_code=") + kTownship);
  ASSERT_EQ(overview.status, 200) << overview.body;
  Json o = overview.json();
  Json row = RowOf(o, kVillage);
  ASSERT_TRUE(row.is_object()) << overview.body.substr(0, 300);
  EXPECT_EQ(row["cross"], 1);
  EXPECT_FALSE(row["one_shoulder"].get<bool>());
  EXPECT_FALSE(row["missing_secretary"].get<bool>());
  EXPECT_FALSE(row["missing_director"].get<bool>());
  EXPECT_EQ(row["branch_committee"], 2);
  EXPECT_EQ(row["villagers_committee"], 3);
  Json sibling = RowOf(o, kSiblingVillage);
  ASSERT_TRUE(sibling.is_object());
  EXPECT_TRUE(sibling["missing_director"].get<bool>());
  EXPECT_TRUE(RowOf(o, kOtherTownshipVillage).is_null());
  EXPECT_EQ(o["totals"]["villages"], o["villages"].size());
  EXPECT_GE(o["totals"]["missing_director"].get<int>(), 1);

  // The county sees the same row among all its villages.
  HttpResponse county = Get("county", "/api/v1/two-committees");
  ASSERT_EQ(county.status, 200) << county.body.substr(0, 300);
  Json county_row = RowOf(county.json(), kVillage);
  ASSERT_TRUE(county_row.is_object());
  EXPECT_EQ(county_row["cross"], 1);
  EXPECT_TRUE(RowOf(county.json(), kOtherTownshipVillage).is_object());
}

TEST_F(TwoCommitteesApiTest, ScopeAndPermission) {
  // The village secretary sees their own village only.
  EXPECT_EQ(Get("secretary", VillagePath()).status, 200);
  HttpResponse sibling = Get("secretary", VillagePath(kSiblingVillage));
  EXPECT_EQ(sibling.status, 404);
  EXPECT_EQ(sibling.json()["code"], "autonomy.org.not_found");
  EXPECT_EQ(Get("organizer", VillagePath(kOtherTownshipVillage)).status, 404);
  EXPECT_EQ(Get("organizer", VillagePath("330681109")).status, 404);
  HttpResponse own = Get("secretary", "/api/v1/two-committees");
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json()["villages"].size(), 1u);
  EXPECT_EQ(own.json()["villages"][0]["org_code"], kVillage);
  EXPECT_EQ(Get("secretary", std::string("/api/v1/two-committees?org_code=") + kTownship).status,
            404);
  HttpResponse bad = Get("county", "/api/v1/two-committees?org_code=abc");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["code"], "autonomy.two_committees.org_code");
  // Party data: village staff and supervisors read the committees, not the two committees.
  EXPECT_EQ(Get("village", VillagePath()).status, 403);
  EXPECT_EQ(Get("supervisor", "/api/v1/two-committees").status, 403);
}

// The demo seed: villagers' committees drawn from the branch committees, 一肩挑 in the demo
// village and not in every village.
class TwoCommitteesDemoTest : public jiceng::testing::SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    jiceng::testing::TestAppOptions options;
    options.demo_residents = 300;
    options.demo_cases = 1;  // the synthetic demo data, which the autonomy seed comes with
    StartApp(options);
  }
};

TEST_F(TwoCommitteesDemoTest, DemoTownshipShowsOneShoulderAndCrossMembership) {
  HttpResponse r =
      Client().Get(std::string("/api/v1/two-committees?org_code=") + kTownship, User("organizer"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  Json villages = r.json()["villages"];
  int one_shoulder = 0, other_director = 0;
  for (const auto& v : villages) {
    if (v["org_code"] == kVillage) {
      EXPECT_TRUE(v["one_shoulder"].get<bool>()) << v.dump();
      EXPECT_EQ(v["cross"], 2) << v.dump();
    }
    if (v["villagers_committee"] == 0) continue;
    (v["one_shoulder"].get<bool>() ? one_shoulder : other_director) += 1;
  }
  EXPECT_GE(one_shoulder, 1);
  EXPECT_GE(other_director, 1);
}

}  // namespace
}  // namespace jiceng::people::test
