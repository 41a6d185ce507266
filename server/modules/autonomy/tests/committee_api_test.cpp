// Committee membership and the relatives check through the HTTP API: a supervisor's close
// relative (same household, close relation in base data) may not join the villagers' committee.
#include <gtest/gtest.h>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

class CommitteeApiTest : public RecordApiTest {
 protected:
  static std::string CommitteePath() {
    return std::string("/api/v1/villages/") + kVillage + "/committees";
  }
  static HttpResponse Join(const Json& resident, const std::string& committee) {
    return Post("village", CommitteePath(),
                {{"committee", committee}, {"resident_id", resident["id"]}, {"post", "委员"}});
  }
  static Json Person(const std::string& name) {
    return NewResident("village", grid1_, name, {{"id_number", MakeIdNumber("19700305", ++seq_)}});
  }
  inline static int seq_ = 500;
};

TEST_F(CommitteeApiTest, SupervisorsCloseRelativesMayNotSitOnTheVillagersCommittee) {
  Json head = Person("监委甲");
  Json spouse = Person("配偶乙");
  Json nephew = Person("侄子丙");
  Json neighbour = Person("邻居丁");
  HttpResponse hh =
      Post("village", "/api/v1/households", {{"number", "committee-hh-1"}, {"org_code", grid1_}});
  ASSERT_EQ(hh.status, 201) << hh.body;
  std::string members =
      "/api/v1/households/" + std::to_string(hh.json()["id"].get<std::int64_t>()) + "/members/";
  auto member = [&](const Json& r, const char* relation) {
    HttpResponse m = Put("village", members + std::to_string(r["id"].get<std::int64_t>()),
                         {{"relation", relation}});
    EXPECT_EQ(m.status, 200) << m.body;
  };
  member(head, "02");
  member(spouse, "10");
  member(nephew, "93");  // 侄子: not a close relative

  HttpResponse sup = Join(head, "supervisory");
  ASSERT_EQ(sup.status, 201) << sup.body;
  EXPECT_EQ(sup.json()["name"], "监委甲");

  HttpResponse refused = Join(spouse, "villagers");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json()["code"], "autonomy.committee.relative_conflict");
  EXPECT_NE(refused.json()["title"].get<std::string>().find("监委甲"), std::string::npos);

  EXPECT_EQ(Join(nephew, "villagers").status, 201);
  EXPECT_EQ(Join(neighbour, "villagers").status, 201);
  HttpResponse dual = Join(head, "villagers");
  EXPECT_EQ(dual.status, 409);
  EXPECT_EQ(dual.json()["code"], "autonomy.committee.dual_membership");
  HttpResponse again = Join(neighbour, "villagers");
  EXPECT_EQ(again.json()["code"], "autonomy.committee.already_member");
  // The other way round: a villagers' committee member's relative may not become a supervisor.
  Json brother = Person("兄戊");
  HttpResponse hh2 =
      Post("village", "/api/v1/households", {{"number", "committee-hh-2"}, {"org_code", grid1_}});
  ASSERT_EQ(hh2.status, 201);
  std::string members2 =
      "/api/v1/households/" + std::to_string(hh2.json()["id"].get<std::int64_t>()) + "/members/";
  ASSERT_EQ(Put("village", members2 + std::to_string(neighbour["id"].get<std::int64_t>()),
                {{"relation", "02"}})
                .status,
            200);
  ASSERT_EQ(Put("village", members2 + std::to_string(brother["id"].get<std::int64_t>()),
                {{"relation", "71"}})
                .status,
            200);
  EXPECT_EQ(Join(brother, "supervisory").json()["code"], "autonomy.committee.relative_conflict");

  // Once the supervisor leaves, the spouse may join the villagers' committee.
  std::string end =
      "/api/v1/committee-members/" + std::to_string(sup.json()["id"].get<std::int64_t>());
  HttpResponse ended = Delete("village", end);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_FALSE(ended.json()["ended_on"].is_null());
  EXPECT_EQ(Delete("village", end).status, 404);
  EXPECT_EQ(Join(spouse, "villagers").status, 201);

  HttpResponse list = Get("supervisor", CommitteePath());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["villagers"].size(), 3u);
  EXPECT_EQ(list.json()["supervisory"].size(), 0u);
}

TEST_F(CommitteeApiTest, InputIsChecked) {
  Json r = Person("某人");
  HttpResponse unknown =
      Post("village", CommitteePath(), {{"committee", "party"}, {"resident_id", r["id"]}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["field"], "committee");
  HttpResponse missing =
      Post("village", CommitteePath(), {{"committee", "villagers"}, {"resident_id", 999999999}});
  EXPECT_EQ(missing.json()["code"], "autonomy.committee.resident.not_found");
  EXPECT_EQ(
      Post("supervisor", CommitteePath(), {{"committee", "villagers"}, {"resident_id", r["id"]}})
          .status,
      403);
  EXPECT_EQ(Get("village",
                std::string("/api/v1/villages/") + jiceng::testing::kSiblingVillage + "/committees")
                .status,
            404);
}

}  // namespace
}  // namespace jiceng::people::test
