// Disclosures through the HTTP API: finance lines that must add up, the supervisory
// committee's sign-off (refusal with a reason, revision, approval) before publication.
#include <gtest/gtest.h>

#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

class DisclosureApiTest : public SharedAppTest {
 protected:
  static Json Finance() {
    return Json{
        {"org_code", kVillage},
        {"kind", "finance"},
        {"period", "2025-04"},
        {"title", "枫源村2025年4月财务收支公开"},
        {"body", "本月收支明细如下"},
        {"lines", Json::array({{{"label", "仓库租金"}, {"kind", "income"}, {"amount", 1250000}},
                               {{"label", "上级补助"}, {"kind", "income"}, {"amount", 300050}},
                               {{"label", "道路维修"}, {"kind", "expense"}, {"amount", 820000}}})},
        {"total_income", 1550050},
        {"total_expense", 820000}};
  }
  static std::string Path(const Json& d, const std::string& tail = "") {
    return "/api/v1/disclosures/" + std::to_string(d["id"].get<std::int64_t>()) + tail;
  }
  static HttpResponse Create(const Json& body) {
    return Client().Post("/api/v1/disclosures", body, User("secretary"));
  }
};

TEST_F(DisclosureApiTest, FinanceTotalsMustAddUp) {
  Json body = Finance();
  body["total_income"] = 1550000;
  HttpResponse r = Create(body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["code"], "autonomy.disclosure.totals_mismatch");
  EXPECT_EQ(r.json()["field"], "total_income");
  EXPECT_NE(r.json()["title"].get<std::string>().find("15500.00"), std::string::npos) << r.body;
  EXPECT_NE(r.json()["title"].get<std::string>().find("15500.50"), std::string::npos) << r.body;
  body = Finance();
  body["total_expense"] = 820001;
  EXPECT_EQ(Create(body).json()["field"], "total_expense");
  body = Finance();
  body["lines"][2]["amount"] = -5;
  EXPECT_EQ(Create(body).json()["field"], "lines[2].amount");
  body = Finance();
  body["lines"][1]["amount"] = 12.5;
  EXPECT_EQ(Create(body).json()["code"], "autonomy.disclosure.line.amount.invalid");
  body = Finance();
  body["lines"][0]["kind"] = "gift";
  EXPECT_EQ(Create(body).json()["field"], "lines[0].kind");
  body = Finance();
  body.erase("lines");
  EXPECT_EQ(Create(body).json()["code"], "autonomy.disclosure.lines.required");
  body = Finance();
  body["period"] = "2025-13";
  EXPECT_EQ(Create(body).json()["code"], "autonomy.disclosure.period.invalid");
  body = Finance();
  body["kind"] = "village";
  EXPECT_EQ(Create(body).json()["code"], "autonomy.disclosure.lines.not_finance");

  HttpResponse ok = Create(Finance());
  ASSERT_EQ(ok.status, 201) << ok.body;
  Json d = ok.json();
  EXPECT_EQ(d["status"], "draft");
  EXPECT_EQ(d["total_income_yuan"], "15500.50");
  EXPECT_EQ(d["balance_yuan"], "7300.50");
  EXPECT_EQ(d["lines"].size(), 3u);
}

TEST_F(DisclosureApiTest, FinanceIsPublishedOnlyAfterTheSupervisorSignsOff) {
  Json d = Create(Finance()).json();
  HttpResponse early = Client().Post(Path(d, "/publish"), Json::object(), User("secretary"));
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json()["code"], "autonomy.disclosure.not_signed_off");
  // The village does not review its own disclosure.
  EXPECT_EQ(
      Client().Post(Path(d, "/sign-off"), Json{{"verdict", "approve"}}, User("secretary")).status,
      403);
  HttpResponse no_reason =
      Client().Post(Path(d, "/sign-off"), Json{{"verdict", "refuse"}}, User("supervisor"));
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json()["code"], "autonomy.disclosure.reason.required");
  HttpResponse refused = Client().Post(Path(d, "/sign-off"),
                                       Json{{"verdict", "refuse"}, {"reason", "道路维修缺少发票"}},
                                       User("supervisor"));
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(refused.json()["status"], "refused");
  EXPECT_EQ(Client().Post(Path(d, "/publish"), Json::object(), User("secretary")).status, 409);
  // A refused disclosure is not reviewed again until the village revised it.
  EXPECT_EQ(
      Client().Post(Path(d, "/sign-off"), Json{{"verdict", "approve"}}, User("supervisor")).status,
      409);

  Json revised = Finance();
  revised.erase("org_code");
  revised.erase("kind");
  revised["body"] = "补充道路维修发票";
  revised["version"] = 1;  // stale
  EXPECT_EQ(Client().Put(Path(d), revised, User("secretary")).status, 409);
  revised["version"] = refused.json()["version"];
  HttpResponse put = Client().Put(Path(d), revised, User("secretary"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["status"], "draft");

  HttpResponse approved =
      Client().Post(Path(d, "/sign-off"), Json{{"verdict", "approve"}}, User("supervisor"));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "signed_off");
  HttpResponse published = Client().Post(Path(d, "/publish"), Json::object(), User("secretary"));
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["status"], "published");
  EXPECT_FALSE(published.json()["published_at"].is_null());
  EXPECT_EQ(Client().Post(Path(d, "/publish"), Json::object(), User("secretary")).status, 409);
  EXPECT_EQ(Client().Put(Path(d), revised, User("secretary")).status, 409);

  Json detail = Client().Get(Path(d), User("township")).json();
  Json reviews = detail["reviews"];
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0]["verdict"], "refuse");
  EXPECT_EQ(reviews[0]["reason"], "道路维修缺少发票");
  EXPECT_EQ(reviews[1]["verdict"], "approve");
}

TEST_F(DisclosureApiTest, VillageAffairsArePublishedWithoutSignOff) {
  HttpResponse r = Create(Json{{"org_code", kVillage},
                               {"kind", "village"},
                               {"period", "2025-Q2"},
                               {"title", "第二季度村务公开"},
                               {"body", "低保、危房改造名单"}});
  ASSERT_EQ(r.status, 201) << r.body;
  HttpResponse p = Client().Post(Path(r.json(), "/publish"), Json::object(), User("secretary"));
  EXPECT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json()["status"], "published");
  HttpResponse list =
      Client().Get("/api/v1/disclosures?kind=village&status=published", User("village"));
  ASSERT_EQ(list.status, 200);
  Json items = list.json()["items"];
  bool found = false;
  for (const auto& x : items) found = found || x["id"] == r.json()["id"];
  EXPECT_TRUE(found);
  Json sibling = {{"org_code", kSiblingVillage},
                  {"kind", "party"},
                  {"period", "2025-Q2"},
                  {"title", "t"},
                  {"body", "b"}};
  EXPECT_EQ(Create(sibling).json()["code"], "autonomy.org.not_found");
  EXPECT_EQ(Client().Get("/api/v1/disclosures/999999", User("village")).status, 404);
}

}  // namespace
}  // namespace jiceng::testing
