// Party organizations and members over HTTP: the organizer sets up the tree bound to org nodes,
// the secretary keeps members (resident records), the rules answer as warnings or 422/409 with
// stable codes, terms ending within 90 days reach the organizer's to-do list, and nobody reads
// membership outside the party roles or outside their scope.
#include <gtest/gtest.h>

#include "modules/party/tests/party_test_fixture.hpp"

namespace jiceng::party::test {
namespace {

using jiceng::testing::kOtherTownshipVillage;
using jiceng::testing::kSiblingVillage;
using jiceng::testing::kTownship;
using jiceng::testing::kVillage;

class PartyOrgApi : public PartyApiTest {};

TEST_F(PartyOrgApi, TheOrganizerSetsUpTheTreeAndSeesTermsEnding) {
  // A term that started five years ago less 30 days ends in 30 days.
  std::string started = Day(-5 * 365 + 30);
  Json committee = NewOrg({{"org_code", kVillage},
                           {"kind", "committee"},
                           {"name", "中共枫源村委员会"},
                           {"term_started_on", started}});
  EXPECT_EQ(committee["kind_name"], "党委");
  EXPECT_EQ(committee["org_name"], "枫源村委会");
  EXPECT_EQ(committee["term_ends_on"].get<std::string>().substr(0, 4),
            std::to_string(std::stoi(started.substr(0, 4)) + 5));
  EXPECT_TRUE(HasWarning(committee, "party.org.term.ending")) << committee.dump();

  Json branch = NewOrg({{"org_code", kVillage},
                        {"kind", "branch"},
                        {"name", "枫源村第一党支部"},
                        {"parent_id", committee["id"]}});
  EXPECT_EQ(branch["parent_id"], committee["id"]);
  // No members yet: fewer than 3 formal members, propose a joint branch.
  EXPECT_TRUE(HasWarning(branch, "party.org.formal.too_few"));

  HttpResponse todo = Get("organizer", "/api/v1/party/todo");
  ASSERT_EQ(todo.status, 200) << todo.body;
  bool listed = false;
  for (const auto& item : Items(todo)) {
    if (item["party_org"]["id"] == committee["id"]) {
      listed = true;
      EXPECT_EQ(item["code"], "party.org.term.ending");
      EXPECT_GE(item["days_left"].get<int>(), 28);
      EXPECT_LE(item["days_left"].get<int>(), 32);
    }
    EXPECT_NE(item["party_org"]["id"], branch["id"]);  // no term: not listed
  }
  EXPECT_TRUE(listed) << todo.body;
  // A term ending in about 100 days is not yet on the list.
  Json later = NewOrg({{"org_code", kSiblingVillage},
                       {"kind", "branch"},
                       {"name", "乐山村党支部"},
                       {"term_started_on", Day(-5 * 365 + 100)}});
  EXPECT_FALSE(HasWarning(later, "party.org.term.ending"));
  for (const auto& item : Items(Get("organizer", "/api/v1/party/todo")))
    EXPECT_NE(item["party_org"]["id"], later["id"]);

  // The tree: both in the organizer's township list, with parent links.
  HttpResponse list = Get("organizer", std::string("/api/v1/party/orgs?org_code=") + kTownship);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(Lists(list, committee["id"]));
  EXPECT_TRUE(Lists(list, branch["id"]));
  EXPECT_TRUE(Lists(list, later["id"]));
  // The village secretary sees their village's organizations only.
  HttpResponse mine = Get("secretary", "/api/v1/party/orgs");
  EXPECT_TRUE(Lists(mine, committee["id"]));
  EXPECT_FALSE(Lists(mine, later["id"]));
  EXPECT_EQ(Get("secretary", "/api/v1/party/orgs/" + std::to_string(later["id"].get<int>())).status,
            404);
  ExpectProblem(Get("secretary", std::string("/api/v1/party/orgs?org_code=") + kSiblingVillage),
                404, "party.org_code.not_found");
  // Setting up organizations and the to-do list are the organizer's.
  EXPECT_EQ(Post("secretary", "/api/v1/party/orgs",
                 {{"org_code", kVillage}, {"kind", "branch"}, {"name", "x"}})
                .status,
            403);
  EXPECT_EQ(Get("secretary", "/api/v1/party/todo").status, 403);
}

TEST_F(PartyOrgApi, BadInputGetsSpecificCodes) {
  Json committee = NewOrg({{"org_code", kVillage}, {"kind", "committee"}, {"name", "校验用党委"}});
  Json group_parent = NewOrg({{"org_code", grid1_},
                              {"kind", "group"},
                              {"name", "第一党小组"},
                              {"parent_id", committee["id"]}});
  struct Case {
    Json body;
    int status;
    std::string code;
    std::string field;
  };
  Json six = Json::array({"甲厂", "乙厂", "丙店", "丁店", "戊公司", "己公司"});
  Json five = Json::array({"甲厂", "乙厂", "丙店", "丁店", "戊公司"});
  for (const auto& c : std::vector<Case>{
           {{{"kind", "branch"}, {"name", "x"}}, 422, "party.field.required", "org_code"},
           {{{"org_code", kVillage}, {"kind", "cell"}, {"name", "x"}},
            422,
            "party.org.kind.invalid",
            "kind"},
           {{{"org_code", kVillage}, {"kind", "branch"}}, 422, "party.field.required", "name"},
           {{{"org_code", kVillage}, {"kind", "branch"}, {"name", "x"}, {"colour", "red"}},
            422,
            "party.field.unknown",
            "colour"},
           {{{"org_code", kVillage}, {"kind", "branch"}, {"name", 5}},
            422,
            "party.field.type",
            "name"},
           {{{"org_code", kOtherTownshipVillage}, {"kind", "branch"}, {"name", "x"}},
            422,
            "party.org_code.not_found",
            "org_code"},
           {{{"org_code", "330681109999"}, {"kind", "branch"}, {"name", "x"}},
            422,
            "party.org_code.not_found",
            "org_code"},
           {{{"org_code", kVillage}, {"kind", "joint_branch"}, {"name", "x"}, {"units", six}},
            422,
            "party.org.units.too_many",
            "units"},
           {{{"org_code", kVillage}, {"kind", "joint_branch"}, {"name", "x"}},
            422,
            "party.org.units.required",
            "units"},
           {{{"org_code", kVillage}, {"kind", "branch"}, {"name", "x"}, {"units", five}},
            422,
            "party.org.units.not_joint",
            "units"},
           {{{"org_code", kVillage}, {"kind", "group"}, {"name", "x"}},
            422,
            "party.org.parent.required",
            "parent_id"},
           {{{"org_code", kVillage}, {"kind", "branch"}, {"name", "x"}, {"parent_id", 999999}},
            422,
            "party.org.parent.not_found",
            "parent_id"},
           {{{"org_code", grid1_},
             {"kind", "branch"},
             {"name", "x"},
             {"parent_id", group_parent["id"]}},
            422,
            "party.org.parent.group",
            "parent_id"},
           {{{"org_code", kSiblingVillage},
             {"kind", "branch"},
             {"name", "x"},
             {"parent_id", committee["id"]}},
            422,
            "party.org.parent.outside",
            "parent_id"},
           {{{"org_code", kVillage},
             {"kind", "branch"},
             {"name", "x"},
             {"term_started_on", "2021-02-30"}},
            422,
            "party.date.format",
            "term_started_on"},
       }) {
    ExpectProblem(Post("organizer", "/api/v1/party/orgs", c.body), c.status, c.code, c.field);
  }
  ExpectProblem(
      app_->client().Post("/api/v1/party/orgs", std::string("{not json"), As(Token("organizer"))),
      400, "http.bad_json");
  // Five units are allowed.
  Json joint = NewOrg({{"org_code", kVillage},
                       {"kind", "joint_branch"},
                       {"name", "枫源村非公企业联合党支部"},
                       {"units", five}});
  EXPECT_EQ(joint["units"].size(), 5u);
  EXPECT_EQ(Get("organizer", "/api/v1/party/orgs/abc").status, 404);
  EXPECT_EQ(Get("organizer", "/api/v1/party/orgs/999999").status, 404);
}

TEST_F(PartyOrgApi, MembersAreResidentsAndCountTowardsTheRules) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "枫源村第二党支部"}});
  std::int64_t org = branch["id"];
  std::string org_path = "/api/v1/party/orgs/" + std::to_string(org);
  std::int64_t secretary = NewMember(org, "党员甲", "formal", "secretary");
  NewMember(org, "党员乙");
  NewMember(org, "党员丙", "probationary");
  Json two = Get("secretary", org_path).json();
  EXPECT_EQ(two["counts"]["formal"], 2);
  EXPECT_EQ(two["counts"]["probationary"], 1);
  EXPECT_TRUE(two["counts"]["has_secretary"].get<bool>());
  EXPECT_TRUE(HasWarning(two, "party.org.formal.too_few"));
  NewMember(org, "党员丁");
  Json three = Get("secretary", org_path).json();
  EXPECT_FALSE(HasWarning(three, "party.org.formal.too_few")) << three.dump();

  // The member answer names the resident, read from the people module.
  HttpResponse m = Get("secretary", "/api/v1/party/members/" + std::to_string(secretary));
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.json()["name"], "党员甲");
  EXPECT_EQ(m.json()["committee_post_name"], "书记");
  EXPECT_EQ(m.json()["resident_org_code"], grid1_);
  HttpResponse list = Get("secretary", "/api/v1/party/members?party_org_id=" + std::to_string(org));
  EXPECT_EQ(Items(list).size(), 4u);

  // One resident, one membership; one secretary; probationary members hold no post.
  std::int64_t resident = m.json()["resident_id"];
  ExpectProblem(Post("secretary", "/api/v1/party/members",
                     {{"resident_id", resident},
                      {"party_org_id", org},
                      {"status", "formal"},
                      {"joined_on", "2001-07-01"}}),
                409, "party.member.duplicate", "resident_id");
  std::int64_t fresh = NewResident(grid1_, "党员戊");
  Json body = {{"resident_id", fresh},
               {"party_org_id", org},
               {"status", "formal"},
               {"joined_on", "2001-07-01"},
               {"committee_post", "secretary"}};
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 409,
                "party.member.committee.secretary_taken", "committee_post");
  body["status"] = "probationary";
  body["committee_post"] = "member";
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422,
                "party.member.committee.probationary", "committee_post");
  body["committee_post"] = "chair";
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422,
                "party.member.committee_post.invalid", "committee_post");
  body.erase("committee_post");
  body["status"] = "pending";
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422,
                "party.member.status.invalid", "status");
  body["status"] = "formal";
  body["joined_on"] = Day(1);
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422,
                "party.member.joined_on.future", "joined_on");
  body["joined_on"] = "2001-7-1";
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422, "party.date.format",
                "joined_on");
  body["joined_on"] = "2001-07-01";
  body["resident_id"] = 99999999;
  ExpectProblem(Post("secretary", "/api/v1/party/members", body), 422, "party.resident.not_found",
                "resident_id");
  // The secretary moves: the post is free again.
  HttpResponse moved = Patch("secretary", "/api/v1/party/members/" + std::to_string(secretary),
                             {{"committee_post", ""}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_FALSE(Get("secretary", org_path).json()["counts"]["has_secretary"].get<bool>());
}

TEST_F(PartyOrgApi, SevenFormalMembersNeedACommitteeAndItSeatsAtMostSeven) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "枫源村第三党支部"}});
  std::int64_t org = branch["id"];
  std::string org_path = "/api/v1/party/orgs/" + std::to_string(org);
  std::vector<std::int64_t> members;
  for (int i = 0; i < 6; ++i) members.push_back(NewMember(org, "委员候选" + std::to_string(i)));
  EXPECT_FALSE(HasWarning(Get("secretary", org_path).json(), "party.org.committee.too_small"));
  members.push_back(NewMember(org, "委员候选6"));
  Json seven = Get("secretary", org_path).json();
  EXPECT_TRUE(HasWarning(seven, "party.org.committee.too_small")) << seven.dump();
  EXPECT_TRUE(HasWarning(seven, "party.org.committee.no_secretary"));
  members.push_back(NewMember(org, "委员候选7"));

  auto seat = [&](std::size_t i, const std::string& post) {
    return Patch("secretary", "/api/v1/party/members/" + std::to_string(members[i]),
                 {{"committee_post", post}});
  };
  ASSERT_EQ(seat(0, "secretary").status, 200);
  ASSERT_EQ(seat(1, "organization").status, 200);
  EXPECT_TRUE(HasWarning(Get("secretary", org_path).json(), "party.org.committee.too_small"));
  ASSERT_EQ(seat(2, "propaganda").status, 200);  // 3
  Json three = Get("secretary", org_path).json();
  EXPECT_FALSE(HasWarning(three, "party.org.committee.too_small")) << three.dump();
  EXPECT_FALSE(HasWarning(three, "party.org.committee.no_secretary"));
  ASSERT_EQ(seat(3, "discipline").status, 200);
  ASSERT_EQ(seat(4, "member").status, 200);  // 5
  EXPECT_FALSE(HasWarning(Get("secretary", org_path).json(), "party.org.committee.over_five"));
  ASSERT_EQ(seat(5, "member").status, 200);
  ASSERT_EQ(seat(6, "member").status, 200);  // 7
  EXPECT_TRUE(HasWarning(Get("secretary", org_path).json(), "party.org.committee.over_five"));
  ExpectProblem(seat(7, "member"), 422, "party.member.committee.full", "committee_post");
  // Changing the post of someone already seated is not an eighth seat.
  EXPECT_EQ(seat(6, "deputy_secretary").status, 200);
}

TEST_F(PartyOrgApi, MembershipStaysWithThePartyRolesAndTheirScope) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "枫源村第四党支部"}});
  std::int64_t member = NewMember(branch["id"], "党员己");
  Json far =
      NewOrg({{"org_code", kSiblingVillage}, {"kind", "branch"}, {"name", "乐山村第二党支部"}});
  std::string member_path = "/api/v1/party/members/" + std::to_string(member);
  // Staff who read residents do not read membership.
  for (const char* user : {"village", "grid1", "township", "county", "admin"}) {
    EXPECT_EQ(Get(user, "/api/v1/party/orgs").status, 403) << user;
    EXPECT_EQ(Get(user, "/api/v1/party/members").status, 403) << user;
    EXPECT_EQ(Get(user, member_path).status, 403) << user;
    EXPECT_EQ(Get(user, "/api/v1/party/members/export").status, 403) << user;
  }
  EXPECT_EQ(Get("organizer", member_path).status, 200);
  EXPECT_EQ(Get("secretary", member_path).status, 200);
  // Outside the secretary's village: the organization is not there to add members to.
  std::int64_t resident = NewResident(grid1_, "党员庚");
  ExpectProblem(Post("secretary", "/api/v1/party/members",
                     {{"resident_id", resident},
                      {"party_org_id", far["id"]},
                      {"status", "formal"},
                      {"joined_on", "2010-07-01"}}),
                422, "party.org.not_found", "party_org_id");
  EXPECT_EQ(Get("secretary", "/api/v1/party/members?party_org_id=" +
                                 std::to_string(far["id"].get<std::int64_t>()))
                .json()["items"]
                .size(),
            0u);
  EXPECT_EQ(Patch("secretary", "/api/v1/party/members/999999", {{"status", "formal"}}).status, 404);
}

TEST_F(PartyOrgApi, TheRollExportIsAuditedEveryTime) {
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "枫源村第五党支部"}});
  NewMember(branch["id"], "=导出测试");
  std::string path = "/api/v1/party/members/export?party_org_id=" +
                     std::to_string(branch["id"].get<std::int64_t>());
  HttpResponse before = Get("auditor", "/api/v1/audit?action=party.member.export&limit=500");
  ASSERT_EQ(before.status, 200) << before.body;
  std::size_t audited = Items(before).size();
  HttpResponse csv = Get("organizer", path);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("'=导出测试"), std::string::npos) << csv.body;  // never a formula
  EXPECT_NE(csv.body.find("正式党员"), std::string::npos);
  EXPECT_EQ(csv.Header("cache-control"), "no-store");
  ASSERT_EQ(Get("organizer", path).status, 200);
  HttpResponse after = Get("auditor", "/api/v1/audit?action=party.member.export&limit=500");
  EXPECT_EQ(Items(after).size(), audited + 2);
  EXPECT_EQ(Get("secretary", path).status, 403);
  ExpectProblem(Get("organizer", "/api/v1/party/members/export?party_org_id=999999"), 404,
                "party.org.not_found");
}

}  // namespace
}  // namespace jiceng::party::test
