// Deliberation through the HTTP API: a resident raises a topic without an account (rate-limited),
// staff raise one or turn a case into one, and a consultation meeting's agreed outcome becomes a
// decision proposal.
#include <gtest/gtest.h>

#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class DeliberationApiTest : public SharedAppTest {
 protected:
  static std::string TopicPath(const Json& t, const std::string& tail = "") {
    return "/api/v1/topics/" + std::to_string(t["id"].get<std::int64_t>()) + tail;
  }
  static Json Meeting(const std::string& outcome, const std::string& follow_up) {
    Json j = {{"held_on", "2025-06-01"},
              {"participants", {{"residents", 12}, {"representatives", 5}, {"units", 1}}},
              {"outcome", outcome},
              {"note", "多数意见同意"}};
    if (!follow_up.empty()) j["follow_up"] = follow_up;
    return j;
  }
};

TEST_F(DeliberationApiTest, AResidentsTopicAgreedInConsultationBecomesADecisionProposal) {
  HttpResponse pub = Client().Post(std::string("/api/v1/public/villages/") + kVillage + "/topics",
                                   Json{{"title", "村口增设路灯"},
                                        {"description", "晚上出行不便，建议村口增设两盏路灯"},
                                        {"name", "张大爷"}});
  ASSERT_EQ(pub.status, 201) << pub.body;
  EXPECT_EQ(pub.json()["status"], "open");
  Json topic = Client().Get(TopicPath(pub.json()), User("village")).json();
  EXPECT_EQ(topic["source"], "resident");
  EXPECT_EQ(topic["submitter"], "张大爷");

  HttpResponse bad =
      Client().Post(TopicPath(topic, "/consultations"), Meeting("agreed", ""), User("secretary"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["field"], "follow_up");
  Json nobody = Meeting("not_agreed", "");
  nobody["participants"] = Json::object();
  EXPECT_EQ(Client().Post(TopicPath(topic, "/consultations"), nobody, User("secretary")).status,
            422);

  HttpResponse agreed = Client().Post(TopicPath(topic, "/consultations"),
                                      Meeting("agreed", "decision"), User("secretary"));
  ASSERT_EQ(agreed.status, 201) << agreed.body;
  Json a = agreed.json();
  EXPECT_EQ(a["status"], "agreed");
  EXPECT_EQ(a["consultation"]["participants"]["residents"], 12);
  EXPECT_EQ(a["consultation"]["participants"]["social_organizations"], 0);
  ASSERT_TRUE(a["decision_id"].is_number_integer());
  HttpResponse decision =
      Client().Get("/api/v1/decisions/" + std::to_string(a["decision_id"].get<std::int64_t>()),
                   User("secretary"));
  ASSERT_EQ(decision.status, 200);
  EXPECT_EQ(decision.json()["title"], "村口增设路灯");
  EXPECT_EQ(decision.json()["stage"], "proposed");

  HttpResponse again = Client().Post(TopicPath(topic, "/consultations"), Meeting("not_agreed", ""),
                                     User("secretary"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"], "autonomy.topic.closed");
}

TEST_F(DeliberationApiTest, StaffTopicsFromACaseAndReferral) {
  HttpResponse t = Client().Post("/api/v1/topics",
                                 Json{{"org_code", kVillage},
                                      {"title", "占道经营"},
                                      {"description", "菜市场门口占道经营反复发生"},
                                      {"case_id", 42}},
                                 User("secretary"));
  ASSERT_EQ(t.status, 201) << t.body;
  EXPECT_EQ(t.json()["source"], "case");
  EXPECT_EQ(t.json()["case_id"], 42);
  HttpResponse referred = Client().Post(TopicPath(t.json(), "/consultations"),
                                        Meeting("referred", ""), User("secretary"));
  ASSERT_EQ(referred.status, 201) << referred.body;
  EXPECT_EQ(referred.json()["status"], "referred");
  EXPECT_TRUE(referred.json()["decision_id"].is_null());
  HttpResponse list = Client().Get("/api/v1/topics?status=referred", User("township"));
  ASSERT_EQ(list.status, 200);
  Json items = list.json()["items"];
  bool found = false;
  for (const auto& x : items) found = found || x["id"] == t.json()["id"];
  EXPECT_TRUE(found);
  EXPECT_EQ(Client()
                .Post("/api/v1/topics",
                      Json{{"org_code", kSiblingVillage}, {"title", "x"}, {"description", "y"}},
                      User("secretary"))
                .json()["code"],
            "autonomy.org.not_found");
}

TEST_F(DeliberationApiTest, PublicTopicsAreRateLimited) {
  std::string path = std::string("/api/v1/public/villages/") + kSiblingVillage + "/topics";
  Json body = {{"title", "t"}, {"description", "d"}};
  EXPECT_EQ(Client().Post(std::string("/api/v1/public/villages/330681109/topics"), body).status,
            404);
  int created = 0, limited = 0;
  for (int i = 0; i < 8; ++i) {
    HttpResponse r = Client().Post(path, body);
    if (r.status == 201) ++created;
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(r.json()["code"], "autonomy.public.rate_limited");
    }
  }
  // The first test's topic and the 404 above used two of the five.
  EXPECT_EQ(created, 3);
  EXPECT_EQ(limited, 5);
}

}  // namespace
}  // namespace jiceng::testing
