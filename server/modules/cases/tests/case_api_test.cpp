// One case walked through every stage by different accounts over the HTTP API, and the rules
// around it: permissions per action, illegal transitions, required notes, versions, scope,
// extensions, suspension, rework and follow-up.
#include <gtest/gtest.h>

#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

class CaseApi : public SharedAppTest {
 protected:
  static Json Report(const std::string& user, Json body = Json::object()) {
    Json input = {{"category_code", "E0102"},
                  {"description", "村口垃圾桶满溢，垃圾散落路边"},
                  {"org_code", kGrid1},
                  {"address", "枫源村村口"}};
    for (auto& [k, v] : body.items()) input[k] = v;
    HttpResponse r = Client().Post("/api/v1/cases", input, User(user));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static HttpResponse Act(const std::string& user, const Json& c, const std::string& action,
                          Json body = Json::object()) {
    body["version"] = c["version"];
    return Client().Post(
        "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()) + "/actions/" + action, body,
        User(user));
  }
  // Acts and expects success; returns the updated case.
  static Json Step(const std::string& user, const Json& c, const std::string& action,
                   Json body = Json::object()) {
    HttpResponse r = Act(user, c, action, body);
    EXPECT_EQ(r.status, 200) << action << " by " << user << ": " << r.body;
    return r.json();
  }
  static Json Detail(const std::string& user, const Json& c) {
    return Client()
        .Get("/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()), User(user))
        .json();
  }
};

TEST_F(CaseApi, OneCaseWalksThroughEveryStageWithDifferentAccounts) {
  Json c = Report("grid1");
  EXPECT_EQ(c["status"], "reported");
  EXPECT_EQ(c["channel"], "grid_worker");
  EXPECT_EQ(c["org_code"], kGrid1);
  EXPECT_FALSE(c.contains("tracking_code"));  // the reporter's credential, not for staff
  EXPECT_FALSE(c["stage_due_at"].is_null());  // filing and dispatch deadline
  // The department cannot see it before it is dispatched to them.
  EXPECT_EQ(
      Client()
          .Get("/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()), User("chengguan"))
          .status,
      404);

  c = Step("township", c, "file");
  EXPECT_EQ(c["status"], "filed");
  EXPECT_FALSE(c["first_receiver_id"].is_null());
  c = Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  EXPECT_EQ(c["status"], "dispatched");
  EXPECT_EQ(c["department_code"], kCityManagement);
  EXPECT_FALSE(c["handling_due_at"].is_null());
  c = Step("chengguan", c, "accept");
  c = Step("chengguan", c, "start");
  EXPECT_EQ(c["status"], "handling");
  c = Step("chengguan", c, "resolve", {{"note", "已清运，垃圾桶已更换"}});
  EXPECT_EQ(c["status"], "resolved");
  c = Step("grid1", c, "verify");
  EXPECT_EQ(c["status"], "verified");
  c = Step("township", c, "close");
  EXPECT_EQ(c["status"], "closed");
  EXPECT_FALSE(c["closed_at"].is_null());
  EXPECT_TRUE(c["stage_due_at"].is_null());
  c = Step("county", c, "follow_up", {{"resolved", true}, {"satisfaction", "satisfied"}});

  Json detail = Detail("township", c);
  std::vector<std::string> actions;
  for (const auto& e : detail["timeline"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"report", "file", "dispatch", "accept", "start",
                                               "resolve", "verify", "close", "follow_up"}));
  EXPECT_EQ(detail["timeline"][5]["note"], "已清运，垃圾桶已更换");
  EXPECT_EQ(detail["timeline"][2]["data"]["department_code"], kCityManagement);
  EXPECT_EQ(detail["timeline"][8]["data"]["satisfaction"], "satisfied");
  // Every transition is in the audit log.
  HttpResponse audit = Client().Get("/api/v1/audit?action=cases.case.", User("auditor"));
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("cases.case.dispatch"), std::string::npos);
}

TEST_F(CaseApi, OnlyPermittedRolesActAndIllegalStepsAre409) {
  Json c = Report("grid1");
  HttpResponse forbidden = Act("grid1", c, "file");
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.json()["code"], "auth.forbidden");
  HttpResponse early = Act("township", c, "close");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["code"], "cases.transition.illegal");
  HttpResponse reject = Act("township", c, "reject");
  EXPECT_EQ(reject.status, 422);
  EXPECT_EQ(reject.json()["code"], "cases.note.required");
  HttpResponse unknown = Act("township", c, "teleport");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json()["code"], "cases.action.unknown");
  HttpResponse no_department =
      Act("township", Step("township", c, "file"), "dispatch", {{"department_code", kGrid1}});
  EXPECT_EQ(no_department.json()["code"], "cases.action.department_code");
  // A stale version loses: the case was filed since `c` was read.
  HttpResponse stale = Act("township", c, "file");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["code"], "cases.version_conflict");
  // The UI's buttons: what the caller may do now.
  Json detail = Detail("township", c);
  std::set<std::string> allowed;
  for (const auto& a : detail["allowed_actions"]) allowed.insert(a["action"]);
  EXPECT_TRUE(allowed.count("dispatch"));
  EXPECT_FALSE(allowed.count("accept"));
}

TEST_F(CaseApi, ReworkExtensionAndSuspensionMoveTheDeadlines) {
  Json c = Report("grid1", {{"category_code", "E0101"}, {"description", "院内私自搭建彩钢棚"}});
  c = Step("township", c, "file");
  c = Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  c = Step("chengguan", c, "accept");
  std::string due = c["handling_due_at"];
  HttpResponse no_days = Act("chengguan", c, "request_extension", {{"note", "需协调产权人"}});
  EXPECT_EQ(no_days.json()["code"], "cases.action.days");
  c = Step("chengguan", c, "request_extension", {{"note", "需协调产权人"}, {"days", 5}});
  EXPECT_EQ(
      Act("chengguan", c, "request_extension", {{"note", "再次"}, {"days", 3}}).json()["code"],
      "cases.extension.pending");
  EXPECT_EQ(Act("chengguan", c, "approve_extension").status,
            403);  // departments do not approve their own
  c = Step("township", c, "approve_extension");
  EXPECT_GT(c["handling_due_at"].get<std::string>(), due);  // ISO UTC strings order like times
  EXPECT_EQ(Act("township", c, "approve_extension").json()["code"], "cases.extension.none");

  c = Step("township", c, "suspend", {{"note", "当事人住院，暂缓处置"}});
  EXPECT_EQ(c["status"], "suspended");
  EXPECT_FALSE(c["overdue"].get<bool>());
  c = Step("township", c, "resume");
  EXPECT_EQ(c["status"], "accepted");

  c = Step("chengguan", c, "resolve", {{"note", "已拆除"}});
  c = Step("grid1", c, "rework", {{"note", "仅拆除一半"}});
  EXPECT_EQ(c["status"], "handling");
  c = Step("township", c, "supervise", {{"note", "请加快处置"}});
  EXPECT_TRUE(c["supervised"].get<bool>());
}

TEST_F(CaseApi, IntakeChecksItsInputAndTheCallersScope) {
  auto post = [&](const Json& body, const std::string& user = "grid1") {
    return Client().Post("/api/v1/cases", body, User(user));
  };
  EXPECT_EQ(post({{"description", "x"}, {"org_code", kGrid1}}).json()["code"],
            "cases.category.required");
  EXPECT_EQ(post({{"category_code", "E0102"}, {"org_code", kGrid1}}).json()["code"],
            "cases.description.required");
  EXPECT_EQ(
      post({{"category_code", "X0000"}, {"description", "x"}, {"org_code", kGrid1}}).json()["code"],
      "cases.category.not_found");
  EXPECT_EQ(post({{"category_code", "E0102"}, {"description", "x"}}).json()["code"],
            "cases.location.required");
  EXPECT_EQ(post({{"category_code", "E0102"}, {"description", "x"}, {"lng", 0.0}, {"lat", 0.0}})
                .json()["code"],
            "cases.location.invalid");
  EXPECT_EQ(post({{"category_code", "E0102"},
                  {"description", "x"},
                  {"org_code", kGrid1},
                  {"urgency", "now"}})
                .json()["code"],
            "cases.urgency");
  EXPECT_EQ(post({{"category_code", "E0102"},
                  {"description", "x"},
                  {"org_code", kGrid1},
                  {"colour", "red"}})
                .json()["code"],
            "cases.field.unknown");
  // grid2's worker does not cover grid1.
  HttpResponse other =
      post({{"category_code", "E0102"}, {"description", "x"}, {"org_code", kGrid1}}, "grid2");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.json()["code"], "cases.grid.not_found");
  // The department handler has no report permission.
  EXPECT_EQ(
      post({{"category_code", "E0102"}, {"description", "x"}, {"org_code", kGrid1}}, "chengguan")
          .status,
      403);
  // The reporter's phone is stored encrypted and answered masked.
  Json c = Report("township", {{"reporter_name", "张三"}, {"reporter_phone", "13812345678"}});
  EXPECT_EQ(c["reporter_phone"], "138****5678");
  EXPECT_EQ(c["channel"], "api");
}

TEST_F(CaseApi, ListsPageFilterAndStayInScope) {
  for (int i = 0; i < 3; ++i) Report("grid1", {{"description", "列表测试 " + std::to_string(i)}});
  HttpResponse page = Client().Get("/api/v1/cases?limit=2&status=reported", User("township"));
  ASSERT_EQ(page.status, 200) << page.body;
  Json first = page.json();
  EXPECT_EQ(first["items"].size(), 2u);
  ASSERT_FALSE(first["next_cursor"].is_null());
  Json second = Client()
                    .Get("/api/v1/cases?limit=2&status=reported&cursor=" +
                             first["next_cursor"].get<std::string>(),
                         User("township"))
                    .json();
  EXPECT_LT(second["items"][0]["id"].get<std::int64_t>(),
            first["items"][1]["id"].get<std::int64_t>());
  // The department sees none of the undispatched cases.
  Json dept = Client().Get("/api/v1/cases?status=reported", User("chengguan")).json();
  EXPECT_EQ(dept["items"].size(), 0u);
  EXPECT_EQ(Client().Get("/api/v1/cases?cursor=abc", User("township")).json()["code"],
            "http.bad_cursor");
}

}  // namespace
}  // namespace jiceng::testing
