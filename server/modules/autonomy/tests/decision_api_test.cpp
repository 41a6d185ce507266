// Major decisions by 四议两公开 through the HTTP API: the order of the stages, the law's quorum
// and vote stopping a decision, field-specific errors, and the two disclosures.
#include <gtest/gtest.h>

#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class DecisionApiTest : public SharedAppTest {
 protected:
  static Json Propose(const std::string& title = "村集体仓库出租") {
    HttpResponse r = Client().Post("/api/v1/decisions",
                                   Json{{"org_code", kVillage},
                                        {"title", title},
                                        {"matter", "assets"},
                                        {"proposal", "将村集体闲置仓库公开招租，租期三年"}},
                                   User("secretary"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static std::string Path(const Json& d, const std::string& tail = "") {
    return "/api/v1/decisions/" + std::to_string(d["id"].get<std::int64_t>()) + tail;
  }
  static Json Meeting(const std::string& stage, int expected, int present, int votes_for,
                      int against = 0, int abstained = 0,
                      const std::string& held_on = "2025-05-10") {
    return Json{{"stage", stage},         {"held_on", held_on},     {"expected", expected},
                {"present", present},     {"votes_for", votes_for}, {"votes_against", against},
                {"abstained", abstained}, {"minutes", "会议记录"}};
  }
  static HttpResponse Stage(const Json& d, const Json& body,
                            const std::string& user = "secretary") {
    return Client().Post(Path(d, "/stages"), body, User(user));
  }
};

TEST_F(DecisionApiTest, WalksFromProposalToResultDisclosure) {
  Json d = Propose();
  EXPECT_EQ(d["stage"], "proposed");
  EXPECT_EQ(d["status"], "open");
  EXPECT_EQ(d["org_code"], kVillage);

  HttpResponse joint = Stage(d, Meeting("joint_meeting", 9, 8, 8, 0, 0, "2025-05-01"));
  ASSERT_EQ(joint.status, 201) << joint.body;
  EXPECT_EQ(joint.json()["stage"], "joint_meeting");
  HttpResponse party = Stage(d, Meeting("party_meeting", 40, 31, 28, 2, 1, "2025-05-05"));
  ASSERT_EQ(party.status, 201) << party.body;
  HttpResponse reps = Stage(d, Meeting("representatives_assembly", 30, 20, 11, 6, 3, "2025-05-10"));
  ASSERT_EQ(reps.status, 201) << reps.body;
  EXPECT_EQ(reps.json()["stage"], "representatives_assembly");
  Json next = reps.json()["next"];
  EXPECT_EQ(next, Json::array({"resolution"}));

  // The result cannot be disclosed before the resolution.
  HttpResponse early =
      Client().Post(Path(d, "/disclosures"), Json{{"kind", "result"}, {"body", "已签订租赁合同"}},
                    User("secretary"));
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json()["code"], "autonomy.decision.stage_order");

  HttpResponse resolution = Client().Post(
      Path(d, "/disclosures"), Json{{"kind", "resolution"}, {"body", "村民代表会议同意公开招租"}},
      User("secretary"));
  ASSERT_EQ(resolution.status, 201) << resolution.body;
  Json res = resolution.json();
  EXPECT_EQ(res["kind"], "village");
  EXPECT_EQ(res["decision_part"], "resolution");
  EXPECT_EQ(res["status"], "published");
  EXPECT_EQ(res["title"], "【决议公开】村集体仓库出租");
  HttpResponse result =
      Client().Post(Path(d, "/disclosures"), Json{{"kind", "result"}, {"body", "已签订租赁合同"}},
                    User("secretary"));
  ASSERT_EQ(result.status, 201) << result.body;

  HttpResponse detail = Client().Get(Path(d), User("supervisor"));
  ASSERT_EQ(detail.status, 200) << detail.body;
  Json j = detail.json();
  EXPECT_EQ(j["stage"], "result_disclosed");
  EXPECT_EQ(j["status"], "done");
  Json stages = j["stages"];
  ASSERT_EQ(stages.size(), 3u);
  EXPECT_EQ(stages[1]["stage"], "party_meeting");
  EXPECT_EQ(stages[1]["present"], 31);
  EXPECT_EQ(stages[1]["votes_for"], 28);
  EXPECT_EQ(stages[1]["outcome"], "passed");
  EXPECT_EQ(j["disclosures"].size(), 2u);
  // Nothing comes after the result.
  HttpResponse again = Client().Post(
      Path(d, "/disclosures"), Json{{"kind", "result"}, {"body", "再次公开"}}, User("secretary"));
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(DecisionApiTest, StagesMustComeInOrder) {
  Json d = Propose();
  HttpResponse skipped = Stage(d, Meeting("party_meeting", 40, 31, 28));
  EXPECT_EQ(skipped.status, 409) << skipped.body;
  EXPECT_EQ(skipped.json()["code"], "autonomy.decision.stage_order");
  HttpResponse assembly = Stage(d, Meeting("assembly", 500, 300, 200));
  EXPECT_EQ(assembly.status, 409);
  ASSERT_EQ(Stage(d, Meeting("joint_meeting", 9, 8, 8)).status, 201);
  // The same meeting twice is out of order too.
  HttpResponse twice = Stage(d, Meeting("joint_meeting", 9, 8, 8));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["code"], "autonomy.decision.stage_order");
  HttpResponse resolution = Client().Post(
      Path(d, "/disclosures"), Json{{"kind", "resolution"}, {"body", "x"}}, User("secretary"));
  EXPECT_EQ(resolution.status, 409);
  // A meeting may not be dated before the one it follows.
  HttpResponse earlier = Stage(d, Meeting("party_meeting", 40, 31, 28, 0, 0, "2025-05-11"));
  EXPECT_EQ(earlier.status, 201) << earlier.body;
  HttpResponse back = Stage(d, Meeting("assembly", 500, 300, 200, 0, 0, "2025-05-01"));
  EXPECT_EQ(back.status, 422);
  EXPECT_EQ(back.json()["code"], "autonomy.stage.held_on.before_previous");
}

TEST_F(DecisionApiTest, AMeetingShortOfQuorumStopsTheDecision) {
  Json d = Propose("道路硬化工程");
  ASSERT_EQ(Stage(d, Meeting("joint_meeting", 9, 8, 8)).status, 201);
  HttpResponse short_of = Stage(d, Meeting("party_meeting", 40, 20, 20));
  EXPECT_EQ(short_of.status, 422) << short_of.body;
  Json e = short_of.json();
  EXPECT_EQ(e["code"], "autonomy.decision.quorum_not_met");
  EXPECT_NE(e["title"].get<std::string>().find("应到 40 人、实到 20 人"), std::string::npos)
      << short_of.body;

  Json j = Client().Get(Path(d), User("secretary")).json();
  EXPECT_EQ(j["status"], "stopped");
  EXPECT_EQ(j["stage"], "joint_meeting");
  EXPECT_EQ(j["stop_reason"], "autonomy.decision.quorum_not_met");
  Json stages = j["stages"];
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[1]["outcome"], "quorum_not_met");
  EXPECT_EQ(stages[1]["passed"], false);

  HttpResponse retry = Stage(d, Meeting("party_meeting", 40, 30, 25));
  EXPECT_EQ(retry.status, 409);
  EXPECT_EQ(retry.json()["code"], "autonomy.decision.stopped");

  HttpResponse stopped = Client().Get("/api/v1/decisions?status=stopped", User("township"));
  ASSERT_EQ(stopped.status, 200);
  bool found = false;
  Json items = stopped.json()["items"];
  for (const auto& x : items) found = found || x["id"] == d["id"];
  EXPECT_TRUE(found);
}

TEST_F(DecisionApiTest, AnAssemblyVoteShortOfMajorityStopsTheDecision) {
  Json d = Propose("低保名单调整");
  ASSERT_EQ(Stage(d, Meeting("joint_meeting", 9, 8, 8)).status, 201);
  ASSERT_EQ(Stage(d, Meeting("party_meeting", 40, 30, 25)).status, 201);
  Json body = Meeting("assembly", 800, 100, 40, 50, 10);
  body["households_expected"] = 300;
  body["households_present"] = 200;  // two thirds of households: quorate with few adults
  HttpResponse r = Stage(d, body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["code"], "autonomy.decision.rejected");
  EXPECT_NE(r.json()["title"].get<std::string>().find("到会 100 人，赞成 40 票"), std::string::npos)
      << r.body;
  EXPECT_EQ(Client().Get(Path(d), User("secretary")).json()["status"], "stopped");
}

TEST_F(DecisionApiTest, InconsistentNumbersAreFieldSpecific) {
  Json d = Propose();
  HttpResponse present = Stage(d, Meeting("joint_meeting", 9, 10, 8));
  EXPECT_EQ(present.status, 422);
  EXPECT_EQ(present.json()["code"], "autonomy.stage.present.exceeds_expected");
  EXPECT_EQ(present.json()["field"], "present");
  HttpResponse votes = Stage(d, Meeting("joint_meeting", 9, 8, 5, 2, 2));
  EXPECT_EQ(votes.status, 422);
  EXPECT_EQ(votes.json()["code"], "autonomy.stage.votes.exceed_present");
  EXPECT_EQ(votes.json()["field"], "votes_for");
  Json negative = Meeting("joint_meeting", 9, 8, 8);
  negative["abstained"] = -1;
  EXPECT_EQ(Stage(d, negative).json()["field"], "abstained");
  Json text = Meeting("joint_meeting", 9, 8, 8);
  text["present"] = "8";
  EXPECT_EQ(Stage(d, text).status, 422);
  Json date = Meeting("joint_meeting", 9, 8, 8);
  date["held_on"] = "2025-02-30";
  EXPECT_EQ(Stage(d, date).json()["code"], "autonomy.held_on.invalid");
  date["held_on"] = "2999-01-01";
  EXPECT_EQ(Stage(d, date).json()["code"], "autonomy.stage.held_on.future");
  HttpResponse unknown = Stage(d, Meeting("village_party", 9, 8, 8));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["code"], "autonomy.stage.unknown");
  Json extra = Meeting("joint_meeting", 9, 8, 8);
  extra["quorum"] = true;
  EXPECT_EQ(Stage(d, extra).json()["code"], "autonomy.field.unknown");
  HttpResponse not_json = Client().Post(Path(d, "/stages"), std::string("{"), User("secretary"));
  EXPECT_EQ(not_json.status, 400);
  // None of these was recorded: the decision is still at its proposal.
  EXPECT_EQ(Client().Get(Path(d), User("secretary")).json()["stages"].size(), 0u);
  EXPECT_EQ(Stage(d, Meeting("joint_meeting", 9, 8, 8)).status, 201);
}

TEST_F(DecisionApiTest, ProposalIsCheckedAndScoped) {
  auto post = [](const Json& body, const std::string& user = "secretary") {
    return Client().Post("/api/v1/decisions", body, User(user));
  };
  Json ok = {{"org_code", kVillage}, {"title", "t"}, {"matter", "project"}, {"proposal", "p"}};
  Json sibling = ok;
  sibling["org_code"] = kSiblingVillage;
  EXPECT_EQ(post(sibling).json()["code"], "autonomy.org.not_found");
  Json matter = ok;
  matter["matter"] = "lottery";
  EXPECT_EQ(post(matter).json()["code"], "autonomy.decision.matter.unknown");
  Json blank = ok;
  blank["title"] = "  ";
  HttpResponse b = post(blank);
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(b.json()["field"], "title");
  // The supervisor reads but does not propose; the township reads.
  EXPECT_EQ(post(ok, "supervisor").status, 403);
  EXPECT_EQ(post(ok, "organizer").status, 403);
  EXPECT_EQ(Client().Get("/api/v1/decisions", User("organizer")).status, 200);
  EXPECT_EQ(Client().Get("/api/v1/decisions/999999", User("secretary")).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/decisions/abc", User("secretary")).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/decisions?status=weird", User("secretary")).status, 400);
  EXPECT_EQ(post(ok).status, 201);
}

}  // namespace
}  // namespace jiceng::testing

namespace jiceng::testing {
namespace {

// The list pages newest first by cursor, filters by stage, and refuses an unknown stage.
TEST_F(DecisionApiTest, ListPagesByCursorAndFiltersByStage) {
  Json a = Propose("分页一"), b = Propose("分页二"), c = Propose("分页三");
  ASSERT_EQ(Stage(c, Meeting("joint_meeting", 9, 8, 8)).status, 201);
  std::string base = std::string("/api/v1/decisions?org_code=") + kVillage;

  HttpResponse first = Client().Get(base + "&stage=proposed&limit=1", User("secretary"));
  ASSERT_EQ(first.status, 200) << first.body;
  Json page1 = first.json();
  ASSERT_EQ(page1["items"].size(), 1u);
  EXPECT_EQ(page1["items"][0]["id"], b["id"]);  // newest proposal still at the first stage
  ASSERT_TRUE(page1.contains("next_cursor")) << first.body;
  HttpResponse second = Client().Get(
      base + "&stage=proposed&limit=1&cursor=" + page1["next_cursor"].get<std::string>(),
      User("secretary"));
  ASSERT_EQ(second.status, 200) << second.body;
  Json page2 = second.json();
  ASSERT_EQ(page2["items"].size(), 1u);
  EXPECT_EQ(page2["items"][0]["id"], a["id"]);

  HttpResponse joint = Client().Get(base + "&stage=joint_meeting&limit=500", User("secretary"));
  ASSERT_EQ(joint.status, 200) << joint.body;
  Json joint_items = joint.json()["items"];
  bool found_c = false;
  for (const auto& d : joint_items) {
    EXPECT_EQ(d["stage"], "joint_meeting");
    found_c = found_c || d["id"] == c["id"];
  }
  EXPECT_TRUE(found_c);

  HttpResponse bad = Client().Get(base + "&stage=voted", User("secretary"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["field"], "stage");
  EXPECT_EQ(Client().Get(base + "&cursor=abc", User("secretary")).status, 400);
}

}  // namespace
}  // namespace jiceng::testing
