// Village conventions through the HTTP API: versions, adoption through a resolved decision,
// filing with the township's legality review, and the version in force on the public board.
#include <gtest/gtest.h>

#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class ConventionApiTest : public SharedAppTest {
 protected:
  // A decision of matter convention taken through the representatives' assembly.
  static std::int64_t ResolvedDecision(bool resolve = true) {
    HttpResponse d = Client().Post("/api/v1/decisions",
                                   Json{{"org_code", kVillage},
                                        {"title", "修订村规民约"},
                                        {"matter", "convention"},
                                        {"proposal", "增加垃圾分类条款"}},
                                   User("secretary"));
    EXPECT_EQ(d.status, 201) << d.body;
    std::int64_t id = d.json()["id"];
    std::string path = "/api/v1/decisions/" + std::to_string(id) + "/stages";
    auto stage = [&](const char* s, int e, int p, int f, const char* on) {
      return Client()
          .Post(path,
                Json{{"stage", s},
                     {"held_on", on},
                     {"expected", e},
                     {"present", p},
                     {"votes_for", f},
                     {"votes_against", 0},
                     {"abstained", 0}},
                User("secretary"))
          .status;
    };
    EXPECT_EQ(stage("joint_meeting", 9, 9, 9, "2025-03-01"), 201);
    EXPECT_EQ(stage("party_meeting", 40, 30, 30, "2025-03-05"), 201);
    if (resolve) EXPECT_EQ(stage("representatives_assembly", 30, 25, 20, "2025-03-10"), 201);
    return id;
  }
  static HttpResponse Draft(const std::string& title) {
    return Client().Post(
        "/api/v1/conventions",
        Json{{"org_code", kVillage}, {"title", title}, {"body", "第一条 垃圾分类，人人有责。"}},
        User("secretary"));
  }
  static std::string Path(const HttpResponse& c, const std::string& tail) {
    return "/api/v1/conventions/" + std::to_string(c.json()["id"].get<std::int64_t>()) + tail;
  }
};

TEST_F(ConventionApiTest, AdoptedThroughADecisionThenFiledAndInForce) {
  HttpResponse c = Draft("枫源村村规民约（2025 修订）");
  ASSERT_EQ(c.status, 201) << c.body;
  std::int64_t version = c.json()["version"];
  EXPECT_GE(version, 1);
  EXPECT_EQ(c.json()["status"], "draft");

  // Filing before adoption, adoption by an unresolved decision or one of another matter: no.
  EXPECT_EQ(
      Client()
          .Post(Path(c, "/filing"),
                Json{{"review_result", "passed"}, {"reviewed_on", "2025-03-20"}}, User("township"))
          .status,
      409);
  std::int64_t unresolved = ResolvedDecision(false);
  HttpResponse early =
      Client().Post(Path(c, "/adopt"), Json{{"decision_id", unresolved}}, User("secretary"));
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json()["code"], "autonomy.convention.not_resolved");

  std::int64_t decision = ResolvedDecision();
  HttpResponse adopted =
      Client().Post(Path(c, "/adopt"), Json{{"decision_id", decision}}, User("secretary"));
  ASSERT_EQ(adopted.status, 200) << adopted.body;
  EXPECT_EQ(adopted.json()["status"], "adopted");
  EXPECT_EQ(adopted.json()["adopted_on"], "2025-03-10");
  // One decision adopts one version.
  HttpResponse other = Draft("另一版本");
  EXPECT_EQ(Client()
                .Post(Path(other, "/adopt"), Json{{"decision_id", decision}}, User("secretary"))
                .json()["code"],
            "autonomy.convention.decision.used");

  // The village does not file its own convention; the township does, after its review.
  EXPECT_EQ(
      Client()
          .Post(Path(c, "/filing"),
                Json{{"review_result", "passed"}, {"reviewed_on", "2025-03-20"}}, User("secretary"))
          .status,
      403);
  HttpResponse before = Client().Post(
      Path(c, "/filing"), Json{{"review_result", "passed"}, {"reviewed_on", "2025-03-01"}},
      User("township"));
  EXPECT_EQ(before.json()["code"], "autonomy.reviewed_on.before_adoption");
  HttpResponse filed = Client().Post(
      Path(c, "/filing"), Json{{"review_result", "passed"}, {"reviewed_on", "2025-03-20"}},
      User("township"));
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json()["status"], "filed");
  EXPECT_EQ(filed.json()["reviewed_on"], "2025-03-20");

  HttpResponse list =
      Client().Get(std::string("/api/v1/conventions?org_code=") + kVillage, User("supervisor"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["in_force_version"], version);

  HttpResponse board = Client().Get(std::string("/api/v1/public/villages/") + kVillage + "/board");
  ASSERT_EQ(board.status, 200);
  EXPECT_EQ(board.json()["convention"]["version"], version);
  EXPECT_EQ(board.json()["convention"]["filed_on"], "2025-03-20");
}

TEST_F(ConventionApiTest, AFailedLegalityReviewNeedsANoteAndIsNotInForce) {
  HttpResponse c = Draft("含违规条款的版本");
  ASSERT_EQ(c.status, 201);
  ASSERT_EQ(
      Client()
          .Post(Path(c, "/adopt"), Json{{"decision_id", ResolvedDecision()}}, User("secretary"))
          .status,
      200);
  HttpResponse no_note = Client().Post(
      Path(c, "/filing"), Json{{"review_result", "failed"}, {"reviewed_on", "2025-03-20"}},
      User("organizer"));
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(no_note.json()["field"], "note");
  HttpResponse failed = Client().Post(Path(c, "/filing"),
                                      Json{{"review_result", "failed"},
                                           {"reviewed_on", "2025-03-20"},
                                           {"note", "第五条罚款规定与法律相抵触"}},
                                      User("organizer"));
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json()["status"], "review_failed");
  HttpResponse list =
      Client().Get(std::string("/api/v1/conventions?org_code=") + kVillage, User("village"));
  Json items = list.json()["items"];
  for (const auto& x : items)
    if (x["id"] == c.json()["id"]) EXPECT_EQ(x["status"], "review_failed");
  EXPECT_EQ(Client().Get("/api/v1/conventions?org_code=1", User("village")).status, 400);
}

}  // namespace
}  // namespace jiceng::testing
