// In-service members report to the community where they live (在职党员双报到) over HTTP: the
// home organization registers them, the community posts needs, signs registered members up and
// records hours when a need is fulfilled, and the home organization reads or prints the summary.
// Nothing counts points or ranks anyone.
#include <gtest/gtest.h>

#include "modules/party/tests/party_test_fixture.hpp"

namespace jiceng::party::test {
namespace {

using jiceng::testing::kSiblingVillage;
using jiceng::testing::kTownshipDepartment;
using jiceng::testing::kVillage;

class PartyCommunityApi : public PartyApiTest {
 protected:
  // A member of a township department's branch who lives in grid1 of 枫源村: an in-service
  // member whose organization is elsewhere.
  static std::int64_t InServiceMember(const std::string& name) {
    static std::int64_t branch = 0;
    if (branch == 0) {
      branch = NewOrg({{"org_code", kTownshipDepartment},
                       {"kind", "branch"},
                       {"name", "枫桥镇机关第一党支部"}})
                   .value("id", std::int64_t{0});
    }
    std::int64_t resident = NewResident(grid1_, name);
    HttpResponse r = Post("organizer", "/api/v1/party/members",
                          {{"resident_id", resident},
                           {"party_org_id", branch},
                           {"status", "formal"},
                           {"joined_on", "2012-07-01"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  static Json Register(std::int64_t member) {
    HttpResponse r = Post("organizer", "/api/v1/party/community-reports", {{"member_id", member}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static std::int64_t NewNeed(const std::string& title, const std::string& kind = "service_task") {
    HttpResponse r = Post("secretary", "/api/v1/party/needs",
                          {{"org_code", kVillage}, {"kind", kind}, {"title", title}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  static Json Hours(std::int64_t member, double hours) {
    return Json{{"hours", Json::array({Json{{"member_id", member}, {"hours", hours}}})}};
  }
  static std::string NeedPath(std::int64_t need, const std::string& tail) {
    return "/api/v1/party/needs/" + std::to_string(need) + "/" + tail;
  }
};

TEST_F(PartyCommunityApi, AMemberServesWhereTheyLiveAndTheHomeOrganizationSeesTheHours) {
  std::int64_t member = InServiceMember("在职党员甲");
  Json report = Register(member);
  EXPECT_EQ(report["community_code"], kVillage);
  EXPECT_EQ(report["community_name"], "枫源村委会");
  ExpectProblem(Post("organizer", "/api/v1/party/community-reports", {{"member_id", member}}), 409,
                "party.report.duplicate", "member_id");

  // The community sees who reported to it.
  HttpResponse reports = Get("secretary", "/api/v1/party/community-reports");
  ASSERT_EQ(reports.status, 200) << reports.body;
  bool seen = false;
  for (const auto& r : Items(reports))
    if (r["member_id"] == member) seen = r["name"] == "在职党员甲";
  EXPECT_TRUE(seen) << reports.body;

  std::int64_t wisher = NewResident(grid1_, "许愿老人");
  HttpResponse wish = Post("secretary", "/api/v1/party/needs",
                           {{"org_code", kVillage},
                            {"kind", "small_wish"},
                            {"title", "想要一台<收音机>"},
                            {"resident_id", wisher}});
  ASSERT_EQ(wish.status, 201) << wish.body;
  EXPECT_EQ(wish.json()["kind_name"], "微心愿");
  std::int64_t need = wish.json()["id"];
  ASSERT_EQ(Post("secretary", NeedPath(need, "signups"), {{"member_id", member}}).status, 201);
  ExpectProblem(Post("secretary", NeedPath(need, "signups"), {{"member_id", member}}), 409,
                "party.signup.duplicate", "member_id");
  HttpResponse done = Post("secretary", NeedPath(need, "fulfil"), Hours(member, 2.5));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "fulfilled");
  ExpectProblem(Post("secretary", NeedPath(need, "signups"), {{"member_id", member}}), 409,
                "party.need.closed");

  std::string summary = "/api/v1/party/members/" + std::to_string(member) + "/community-summary";
  HttpResponse s = Get("organizer", summary);
  ASSERT_EQ(s.status, 200) << s.body;
  Json j = s.json();
  EXPECT_EQ(j["community_name"], "枫源村委会");
  EXPECT_DOUBLE_EQ(j["total_hours"].get<double>(), 2.5);
  ASSERT_EQ(j["services"].size(), 1u);
  EXPECT_EQ(j["services"][0]["title"], "想要一台<收音机>");
  for (const char* key : {"points", "rank", "ranking", "score", "check_ins"})
    EXPECT_FALSE(j.contains(key)) << key;
  HttpResponse page = Get("organizer", summary + "?format=html");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("想要一台&lt;收音机&gt;"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<收音机>"), std::string::npos);
  EXPECT_NE(page.body.find("2.5"), std::string::npos);
  ExpectProblem(Get("organizer", summary + "?format=pdf"), 400, "http.bad_query");
  // The member's organization is not the secretary's: no summary there.
  EXPECT_EQ(Get("secretary", summary).status, 404);
}

TEST_F(PartyCommunityApi, RulesOfRegistrationSignUpAndHours) {
  // A member of the village's own branch lives there already.
  Json branch = NewOrg({{"org_code", kVillage}, {"kind", "branch"}, {"name", "双报到测试党支部"}});
  std::int64_t local = NewMember(branch["id"], "本村党员");
  ExpectProblem(Post("secretary", "/api/v1/party/community-reports", {{"member_id", local}}), 422,
                "party.report.same_community", "member_id");
  ExpectProblem(Post("secretary", "/api/v1/party/community-reports", {{"member_id", 999999}}), 422,
                "party.member.not_found", "member_id");

  std::int64_t unregistered = InServiceMember("在职党员乙");
  std::int64_t need = NewNeed("楼道清理");
  ExpectProblem(Post("secretary", NeedPath(need, "signups"), {{"member_id", unregistered}}), 422,
                "party.signup.not_registered", "member_id");
  std::int64_t registered = InServiceMember("在职党员丙");
  Register(registered);
  ASSERT_EQ(Post("secretary", NeedPath(need, "signups"), {{"member_id", registered}}).status, 201);
  for (double bad : {0.0, -1.0, 24.5}) {
    ExpectProblem(Post("secretary", NeedPath(need, "fulfil"), Hours(registered, bad)), 422,
                  "party.need.hours.invalid", "hours");
  }
  ExpectProblem(Post("secretary", NeedPath(need, "fulfil"), Hours(unregistered, 1)), 422,
                "party.need.hours.not_signed_up", "hours");
  EXPECT_EQ(Post("secretary", NeedPath(need, "fulfil"), Hours(registered, 24)).status, 200);
  ExpectProblem(Post("secretary", NeedPath(need, "fulfil"), Json::object()), 409,
                "party.need.closed");

  ExpectProblem(Post("secretary", "/api/v1/party/needs",
                     {{"org_code", kVillage}, {"kind", "points_task"}, {"title", "x"}}),
                422, "party.need.kind.invalid", "kind");
  ExpectProblem(Post("secretary", "/api/v1/party/needs",
                     {{"org_code", kSiblingVillage}, {"kind", "activity"}, {"title", "x"}}),
                422, "party.org_code.not_found", "org_code");
  ExpectProblem(Post("secretary", "/api/v1/party/needs",
                     {{"org_code", grid1_}, {"kind", "activity"}, {"title", "x"}}),
                422, "party.need.org_code.not_community", "org_code");
  ExpectProblem(Get("secretary", std::string("/api/v1/party/needs?org_code=") + kSiblingVillage),
                404, "party.org_code.not_found");
  EXPECT_EQ(Post("secretary", NeedPath(999999, "signups"), {{"member_id", registered}}).status,
            404);
  // Open and fulfilled needs are listed by status.
  std::int64_t open = NewNeed("周末文艺活动", "activity");
  bool open_listed = false, fulfilled_listed = false;
  for (const auto& n : Items(Get("secretary", "/api/v1/party/needs?status=open"))) {
    if (n["id"] == open) open_listed = true;
    if (n["id"] == need) fulfilled_listed = true;
  }
  EXPECT_TRUE(open_listed);
  EXPECT_FALSE(fulfilled_listed);
  EXPECT_EQ(Get("village", "/api/v1/party/needs").status, 403);
}

}  // namespace
}  // namespace jiceng::party::test
