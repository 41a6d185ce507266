// The intake channels beyond staff reports, over the HTTP API on a manual clock: the 12345
// hotline desk (request types, class limits of DB11/T 2021-2022, enquiries answered on the
// spot, follow-up once), the resident channel (report without an account, tracking code, public
// progress without personal data, follow-up by code, rate limit), duplicate suggestions with
// merge, and escalation to a county department (吹哨报到).
#include <gtest/gtest.h>

#include "modules/cases/intake/duplicates.hpp"
#include "modules/cases/intake/hotline.hpp"
#include "modules/cases/tests/case_test_fixture.hpp"

namespace jiceng::testing {
namespace {

TEST(HotlineLimits, DispatchAndFeedbackPerClass) {
  const std::int64_t t =
      At("2026-10-01", 22, 0);  // a holiday night: the hotline counts natural time
  EXPECT_EQ(cases::HotlineDispatchDue("emergency", t), t + 1 * kHour);
  EXPECT_EQ(cases::HotlineDispatchDue("utility", t), t + 2 * kHour);
  EXPECT_EQ(cases::HotlineDispatchDue("general", t), t + 24 * kHour);
  EXPECT_EQ(cases::HotlineDispatchDue("complex", t), t + 24 * kHour);
  EXPECT_EQ(cases::HotlineFeedbackDue("emergency", t), t + 2 * kHour);
  EXPECT_EQ(cases::HotlineFeedbackDue("utility", t), t + 24 * kHour);
  EXPECT_EQ(cases::HotlineFeedbackDue("general", t), t + 7 * 24 * kHour);
  EXPECT_EQ(cases::HotlineFeedbackDue("complex", t), t + 15 * 24 * kHour);
  EXPECT_EQ(cases::DefaultHotlineClass("urgent"), "emergency");
  EXPECT_EQ(cases::DefaultHotlineClass("normal"), "general");
  for (const char* type : {"consult", "help", "complaint", "report", "suggestion"})
    EXPECT_TRUE(cases::IsRequestType(type));
  EXPECT_FALSE(cases::IsRequestType("praise"));
}

TEST(Duplicates, NearestWithinDistanceOnly) {
  EXPECT_NEAR(cases::DistanceMetres(120.0, 30.0, 120.0, 30.001), 111.2, 0.5);  // 0.001° of latitude
  cases::Case c;
  c.id = 9;
  c.lng = 120.0;
  c.lat = 30.0;
  std::vector<cases::DuplicateCandidate> near = {{1, 120.0, 30.0004, "g", ""},   // 44 m
                                                 {2, 120.0, 30.0002, "g", ""},   // 22 m: nearest
                                                 {3, 120.0, 30.0010, "g", ""}};  // 111 m: too far
  EXPECT_EQ(cases::NearestDuplicate(c, near, {50, 72}), 2);
  EXPECT_EQ(cases::NearestDuplicate(c, near, {10, 72}), std::nullopt);
  cases::Case by_address;
  by_address.org_code = "g";
  by_address.address = "枫源村村口";
  EXPECT_EQ(cases::NearestDuplicate(by_address,
                                    {{5, std::nullopt, std::nullopt, "g", "枫源村村口"}}, {50, 72}),
            5);
  EXPECT_EQ(cases::NearestDuplicate(by_address,
                                    {{5, std::nullopt, std::nullopt, "h", "枫源村村口"}}, {50, 72}),
            std::nullopt);
}

class IntakeChannels : public CaseApiTest {
 protected:
  void SetUp() override { Start(At("2026-11-20", 9, 0)); }  // a Friday
  HttpResponse Ticket(Json body) {
    Json input = {{"category_code", "E0402"},  {"description", "来电反映小区停水一天"},
                  {"org_code", kTownship},     {"request_type", "help"},
                  {"reporter_name", "刘女士"}, {"reporter_phone", "13900001111"}};
    for (auto& [k, v] : body.items()) input[k] = v;
    return app_->client().Post("/api/v1/hotline/tickets", input, User("hotline"));
  }
  std::string TrackingCodeOf(const Json& c) { return StoredTrackingCode(*app_, c); }
  HttpResponse ResidentReport(Json body) {
    Json input = {{"category_code", "C0108"}, {"description", "路灯不亮了"}, {"grid_code", kGrid1}};
    for (auto& [k, v] : body.items()) input[k] = v;
    return app_->client().Post("/api/v1/public/cases", input);
  }
};

TEST_F(IntakeChannels, HotlineTicketCarriesClassLimitsAndCallerIsCalledBackOnce) {
  const std::int64_t now = At("2026-11-20", 9, 0);
  HttpResponse r = Ticket({{"hotline_class", "utility"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json t = r.json();
  EXPECT_EQ(t["channel"], "hotline");
  EXPECT_EQ(t["request_type"], "help");
  EXPECT_EQ(t["hotline_class"], "utility");
  EXPECT_EQ(t["org_code"], kTownship);  // the caller knew the township; the centre locates the rest
  EXPECT_EQ(Ms(t["stage_due_at"]), now + 2 * kHour);  // dispatch ≤ 2 h for water/power/gas/heat
  EXPECT_EQ(Ms(t["feedback_due_at"]), now + 24 * kHour);  // feedback ≤ 24 h
  EXPECT_EQ(t["reporter_phone"], "139****1111");

  // Default class by urgency; general and complex feedback limits.
  Json emergency = Ticket({{"urgency", "urgent"}, {"request_type", "report"}}).json();
  EXPECT_EQ(emergency["hotline_class"], "emergency");
  EXPECT_EQ(Ms(emergency["stage_due_at"]), now + 1 * kHour);
  EXPECT_EQ(Ms(emergency["feedback_due_at"]), now + 2 * kHour);
  Json general = Ticket({{"request_type", "complaint"}}).json();
  EXPECT_EQ(Ms(general["stage_due_at"]), now + 24 * kHour);
  EXPECT_EQ(Ms(general["feedback_due_at"]), now + 7 * 24 * kHour);
  Json complex = Ticket({{"hotline_class", "complex"}}).json();
  EXPECT_EQ(Ms(complex["feedback_due_at"]), now + 15 * 24 * kHour);

  // Walk the utility ticket to resolved; the hotline calls back once.
  t = Step("county", t, "file");
  t = Step("county", t, "dispatch", {{"department_code", kCityManagement}});
  t = Step("chengguan", t, "accept");
  t = Step("chengguan", t, "resolve", {{"note", "已协调供水公司恢复供水"}});
  Json pending =
      app_->client().Get("/api/v1/cases?channel=hotline&feedback=pending", User("hotline")).json();
  ASSERT_EQ(pending["items"].size(), 1u);
  EXPECT_EQ(pending["items"][0]["id"], t["id"]);
  t = Step("hotline", t, "follow_up", {{"resolved", true}, {"satisfaction", "mostly"}});
  EXPECT_FALSE(t["followed_up_at"].is_null());
  EXPECT_EQ(Act("hotline", t, "follow_up", {{"resolved", true}, {"satisfaction", "satisfied"}})
                .json()["code"],
            "cases.follow_up.done");
  EXPECT_EQ(app_->client()
                .Get("/api/v1/cases?channel=hotline&feedback=pending", User("hotline"))
                .json()["items"]
                .size(),
            0u);
  // Operators take calls and call back; they do not file or dispatch.
  EXPECT_EQ(Act("hotline", general, "file").status, 403);
}

TEST_F(IntakeChannels, HotlineEnquiryAnsweredOnTheSpotClosesAtOnce) {
  HttpResponse r = Ticket({{"request_type", "consult"},
                           {"category_code", "E0102"},
                           {"description", "来电咨询大件垃圾怎么处理"},
                           {"answer", "每周六上午在村委会门口集中收运"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json t = r.json();
  EXPECT_EQ(t["status"], "closed");
  EXPECT_TRUE(t["stage_due_at"].is_null());
  Json detail =
      app_->client()
          .Get("/api/v1/cases/" + std::to_string(t["id"].get<std::int64_t>()), User("hotline"))
          .json();
  ASSERT_EQ(detail["timeline"].size(), 2u);
  EXPECT_EQ(detail["timeline"][1]["action"], "answer");
  EXPECT_EQ(detail["timeline"][1]["note"], "每周六上午在村委会门口集中收运");
  // Only enquiries are answered on the spot; hotline fields belong to the hotline.
  EXPECT_EQ(Ticket({{"request_type", "complaint"}, {"answer", "已答复"}}).json()["code"],
            "cases.answer.not_consult");
  EXPECT_EQ(Ticket({{"request_type", ""}}).json()["code"], "cases.request_type");
  EXPECT_EQ(Ticket({{"request_type", "praise"}}).json()["code"], "cases.request_type");
  EXPECT_EQ(Ticket({{"hotline_class", "vip"}}).json()["code"], "cases.hotline_class");
  HttpResponse staff = app_->client().Post(
      "/api/v1/cases",
      Json{{"category_code", "E0102"}, {"description", "x"}, {"org_code", kGrid1}, {"answer", "y"}},
      User("township"));
  EXPECT_EQ(staff.status, 422);
  EXPECT_EQ(staff.json()["code"], "cases.hotline_only");
  // Grid workers cannot take hotline calls.
  EXPECT_EQ(app_->client()
                .Post("/api/v1/hotline/tickets", Json{{"category_code", "E0102"}}, User("grid1"))
                .status,
            403);
}

TEST_F(IntakeChannels, ResidentReportsTracksAndRatesWithoutAnAccount) {
  HttpResponse r = ResidentReport({{"reporter_name", "张华"}, {"reporter_phone", "13700002222"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json receipt = r.json();
  std::string code = receipt["tracking_code"];
  EXPECT_EQ(code.size(), 10u);
  EXPECT_FALSE(receipt["upload_token"].get<std::string>().empty());
  EXPECT_EQ(receipt["status_label"], "已收到，等待受理");
  EXPECT_NE(receipt["notice"].get<std::string>().find(code), std::string::npos);

  // Staff see it as a resident case in the grid, with the phone masked.
  Json list = app_->client().Get("/api/v1/cases?channel=resident", User("township")).json();
  ASSERT_EQ(list["items"].size(), 1u);
  Json c = list["items"][0];
  EXPECT_EQ(c["org_code"], kGrid1);
  EXPECT_EQ(c["reporter_phone"], "137****2222");

  c = Step("township", c, "file");
  c = Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  c = Step("chengguan", c, "accept");
  c = Step("chengguan", c, "note", {{"note", "内部备注：路灯属电力公司资产"}});
  c = Step("chengguan", c, "resolve", {{"note", "已更换灯泡，恢复照明"}});

  HttpResponse tracked = app_->client().Get("/api/v1/public/cases/" + code);
  ASSERT_EQ(tracked.status, 200);
  Json view = tracked.json();
  EXPECT_EQ(view["status_label"], "已处理，等待核查");
  EXPECT_EQ(view["resolution_note"], "已更换灯泡，恢复照明");
  EXPECT_TRUE(view["can_follow_up"].get<bool>());
  std::vector<std::string> steps;
  for (const auto& s : view["timeline"]) steps.push_back(s["action"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"report", "file", "dispatch", "accept",
                                             "resolve"}));  // no internal note
  // No personal data and no staff names on the public page.
  for (const char* secret : {"张华", "13700002222", "2222", "周敏", "内部备注", "reporter"}) {
    EXPECT_EQ(tracked.body.find(secret), std::string::npos) << secret;
  }

  HttpResponse rated = app_->client().Post("/api/v1/public/cases/" + code + "/follow-up",
                                           Json{{"resolved", true}, {"satisfaction", "satisfied"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json()["follow_up"]["satisfaction"], "satisfied");
  EXPECT_FALSE(rated.json()["can_follow_up"].get<bool>());
  EXPECT_EQ(app_->client()
                .Post("/api/v1/public/cases/" + code + "/follow-up",
                      Json{{"resolved", false}, {"satisfaction", "not"}})
                .json()["code"],
            "cases.follow_up.done");
  // The resident's answer reaches the indicators like a call-back.
  Json indicators = app_->client().Get("/api/v1/case-indicators?org=330681", User("county")).json();
  EXPECT_NE(indicators.dump().find("\"followups\":1"), std::string::npos) << indicators.dump();
}

// Security issue 12, finding 6: a staff member who could read a case's tracking code could rate
// it in the resident's place and block the real call-back. Staff answers never carry the code;
// the public follow-up serves resident-form cases only, and answers any other code exactly as an
// unknown one.
TEST_F(IntakeChannels, StaffNeverSeeTrackingCodesAndOnlyResidentCasesAreRatedByCode) {
  // The resident who reports gets the code once, in the intake answer.
  HttpResponse reported = ResidentReport({});
  ASSERT_EQ(reported.status, 201) << reported.body;
  std::string resident_code = reported.json()["tracking_code"];
  ASSERT_EQ(resident_code.size(), 10u);
  HttpResponse ticket = Ticket({{"hotline_class", "general"}});
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  Json t = ticket.json();
  Json grid = Report("E0102", "grid1");
  // No staff answer carries a code: intake answers, lists, details, actions, the board.
  EXPECT_FALSE(t.contains("tracking_code")) << ticket.body;
  EXPECT_FALSE(grid.contains("tracking_code"));
  std::string hotline_code = TrackingCodeOf(t);
  std::string grid_code = TrackingCodeOf(grid);
  ASSERT_EQ(hotline_code.size(), 10u);
  std::vector<std::string> staff_reads = {"/api/v1/cases?limit=200", CaseUrl(t), CaseUrl(grid),
                                          "/api/v1/cases?channel=hotline&feedback=pending",
                                          "/api/v1/case-board"};
  for (const auto& url : staff_reads) {
    for (const char* user : {"county", "township", "hotline"}) {
      HttpResponse r = app_->client().Get(url, User(user));
      for (const auto& code : {resident_code, hotline_code, grid_code})
        EXPECT_EQ(r.body.find(code), std::string::npos) << user << " " << url;
      EXPECT_EQ(r.body.find("tracking_code"), std::string::npos) << user << " " << url;
    }
  }

  // The hotline ticket, handled: a leaked code neither shows nor rates it, and the answer is the
  // one of a code that does not exist.
  t = Step("county", t, "file");
  t = Step("county", t, "dispatch", {{"department_code", kCityManagement}});
  t = Step("chengguan", t, "accept");
  t = Step("chengguan", t, "resolve", {{"note", "已处理"}});
  HttpResponse unknown = app_->client().Get("/api/v1/public/cases/ABCDEFGHJK");
  ASSERT_EQ(unknown.status, 404);
  for (const auto& code : {hotline_code, grid_code}) {
    HttpResponse tracked = app_->client().Get("/api/v1/public/cases/" + code);
    EXPECT_EQ(tracked.status, 404) << tracked.body;
    EXPECT_EQ(tracked.json()["code"], "cases.tracking.not_found");
    EXPECT_EQ(tracked.json()["title"], unknown.json()["title"]);
    HttpResponse rated =
        app_->client().Post("/api/v1/public/cases/" + code + "/follow-up",
                            Json{{"resolved", true}, {"satisfaction", "satisfied"}});
    EXPECT_EQ(rated.status, 404) << rated.body;
    EXPECT_EQ(rated.json()["code"], "cases.tracking.not_found");
  }
  // So the real call-back is still to be made, and is.
  Json pending =
      app_->client().Get("/api/v1/cases?channel=hotline&feedback=pending", User("hotline")).json();
  ASSERT_EQ(pending["items"].size(), 1u);
  EXPECT_EQ(pending["items"][0]["id"], t["id"]);
  t = Step("hotline", t, "follow_up", {{"resolved", false}, {"satisfaction", "not"}});
  EXPECT_FALSE(t["followed_up_at"].is_null());
  // The resident's own code still works on the tracking page.
  EXPECT_EQ(app_->client().Get("/api/v1/public/cases/" + resident_code).status, 200);
}

TEST_F(IntakeChannels, ResidentInputErrorsUnknownCodesAndRateLimit) {
  EXPECT_EQ(ResidentReport({{"description", ""}}).json()["code"], "cases.description.required");
  EXPECT_EQ(ResidentReport({{"grid_code", nullptr}}).json()["code"], "cases.location.required");
  EXPECT_EQ(ResidentReport({{"grid_code", kTownship}}).json()["code"], "cases.grid.not_found");
  EXPECT_EQ(ResidentReport({{"category_code", "E9999"}}).json()["code"],
            "cases.category.not_found");
  EXPECT_EQ(ResidentReport({{"lng", 0.0}, {"lat", 0.0}}).json()["code"], "cases.location.invalid");
  EXPECT_EQ(ResidentReport({{"reporter_phone", "12"}}).json()["code"], "cases.reporter_phone");
  EXPECT_EQ(app_->client().Get("/api/v1/public/cases/NOSUCHCODE").status, 404);
  EXPECT_EQ(app_->client().Get("/api/v1/public/cases/x'or'1").json()["code"],
            "cases.tracking.not_found");
  Json categories = app_->client().Get("/api/v1/public/case-categories").json();
  EXPECT_GE(categories["items"].size(), 40u);
  EXPECT_FALSE(categories["items"][0].contains("deadlines"));
  // A follow-up before the case is handled.
  std::string code = ResidentReport({}).json()["tracking_code"];
  EXPECT_EQ(app_->client()
                .Post("/api/v1/public/cases/" + code + "/follow-up",
                      Json{{"resolved", true}, {"satisfaction", "satisfied"}})
                .json()["code"],
            "cases.follow_up.too_early");
  // 20 reports an hour per client address (the invalid ones above count too: 7 so far).
  int created = 0, limited = 0;
  for (int i = 0; i < 20; ++i) {
    HttpResponse r = ResidentReport({});
    if (r.status == 201) ++created;
    if (r.status == 429) ++limited;
  }
  EXPECT_EQ(created, 13);
  EXPECT_EQ(limited, 7);
  app_->clock()->Set(At("2026-11-20", 10, 1));  // an hour later the window has passed
  EXPECT_EQ(ResidentReport({}).status, 201);
}

TEST_F(IntakeChannels, LikelyDuplicateIsFlaggedAndCanBeMerged) {
  // A point inside grid 1, then one 22 m north (the demo grids are hundreds of metres wide).
  Json grid = app_->client().Get(std::string("/api/v1/grids/") + kGrid1, User("township")).json();
  double lng = 0, lat = 0;
  int n = 0;
  Json ring = grid["geometry"]["coordinates"][0];
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {  // the last vertex closes the ring
    lng += ring[i][0].get<double>();
    lat += ring[i][1].get<double>();
    ++n;
  }
  ASSERT_GT(n, 2);
  lng /= n, lat /= n;
  auto at = [&](double dlat, const char* category, double dlng = 0) {
    HttpResponse r = app_->client().Post("/api/v1/cases",
                                         Json{{"category_code", category},
                                              {"description", "井盖缺失"},
                                              {"lng", lng + dlng},
                                              {"lat", lat + dlat}},
                                         User("township"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  };
  Json first = at(0, "C0101");
  EXPECT_TRUE(first["likely_duplicate_of"].is_null());
  Json second = at(0.0002, "C0101");
  EXPECT_EQ(second["likely_duplicate_of"], first["id"]);
  EXPECT_TRUE(at(0.0002, "E0102")["likely_duplicate_of"].is_null());  // another category
  EXPECT_TRUE(at(0.0010, "C0101")["likely_duplicate_of"].is_null());  // 111 m away
  // East–west a degree is shorter here (latitude 29.5°): 0.0005° is 48 m, still the same spot;
  // 0.0006° is 58 m, another one.
  EXPECT_EQ(at(0, "C0101", 0.0005)["likely_duplicate_of"], first["id"]);
  EXPECT_TRUE(at(-0.0003, "C0101", -0.0006)["likely_duplicate_of"].is_null());
  // Four days later the same spot is a new problem.
  app_->clock()->Set(At("2026-11-24", 9, 0));
  app_->ForgetTokens();
  EXPECT_TRUE(at(0, "C0101")["likely_duplicate_of"].is_null());

  Json merged = Step("township", second, "merge", {{"duplicate_of", first["id"]}});
  EXPECT_EQ(merged["status"], "closed");
  EXPECT_EQ(merged["duplicate_of"], first["id"]);
}

TEST_F(IntakeChannels, EscalationSummonsACountyDepartmentIntoItsQueue) {
  HttpResponse r = app_->client().Post(
      "/api/v1/cases",
      Json{{"category_code", "E0102"}, {"description", "夜间施工噪声扰民"}, {"org_code", kGrid1}},
      User("township"));
  ASSERT_EQ(r.status, 201);
  Json c = Step("township", r.json(), "file");
  // The county's city-management department has not seen it yet.
  EXPECT_EQ(
      app_->client()
          .Get("/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()), User("chengguan"))
          .status,
      404);
  EXPECT_EQ(Act("township", c, "escalate", {{"note", "需县级部门执法"}}).json()["code"],
            "cases.action.department_code");
  EXPECT_EQ(Act("township", c, "escalate", {{"department_code", kCityManagement}}).json()["code"],
            "cases.note.required");
  c = Step("township", c, "escalate",
           {{"department_code", kCityManagement}, {"note", "需县级部门执法，吹哨报到"}});
  EXPECT_EQ(c["status"], "dispatched");
  EXPECT_TRUE(c["escalated"].get<bool>());
  EXPECT_EQ(c["department_code"], kCityManagement);
  EXPECT_FALSE(c["handling_due_at"].is_null());
  Json queue = app_->client().Get("/api/v1/cases?status=dispatched", User("chengguan")).json();
  bool found = false;
  for (const auto& item : queue["items"]) found = found || item["id"] == c["id"];
  EXPECT_TRUE(found);
  c = Step("chengguan", c, "accept");
  EXPECT_EQ(c["status"], "accepted");
}

}  // namespace
}  // namespace jiceng::testing

namespace jiceng::testing {
namespace {

TEST_F(IntakeChannels, ReporterMeListsOnlyTheCallersOwnReports) {
  auto report = [&](const char* user) {
    HttpResponse r = app_->client().Post(
        "/api/v1/cases",
        Json{{"category_code", "C0108"}, {"description", "路灯不亮"}, {"org_code", kGrid1}},
        User(user));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  };
  Json mine = report("grid1");
  report("township");
  report("township");
  EXPECT_EQ(mine["reporter_user_id"].get<std::int64_t>(), app_->client()
                                                              .Get("/api/v1/auth/me", User("grid1"))
                                                              .json()["user"]["id"]
                                                              .get<std::int64_t>());
  Json list = app_->client().Get("/api/v1/cases?reporter=me", User("grid1")).json();
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["id"], mine["id"]);
  EXPECT_EQ(app_->client().Get("/api/v1/cases?status=open", User("grid1")).json()["items"].size(),
            3u);
  EXPECT_EQ(app_->client().Get("/api/v1/cases?reporter=someone", User("grid1")).json()["code"],
            "http.bad_query");
}

TEST_F(IntakeChannels, SupervisedListsOpenSupervisedCasesOnly) {
  auto report = [&] {
    return app_->client()
        .Post("/api/v1/cases",
              Json{{"category_code", "C0108"}, {"description", "路灯不亮"}, {"org_code", kGrid1}},
              User("township"))
        .json();
  };
  Json watched = report();
  report();
  Step("township", watched, "supervise", {{"note", "群众反映强烈，列入督办"}});
  Json list = app_->client().Get("/api/v1/cases?supervised=1", User("township")).json();
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["id"], watched["id"]);
  EXPECT_EQ(app_->client().Get("/api/v1/cases", User("township")).json()["items"].size(), 2u);
}

TEST_F(IntakeChannels, TimerRecordsALapsedCallBackOnceAndNotAfterTheCallBack) {
  const std::int64_t now = At("2026-11-20", 9, 0);
  Json emergency = Ticket({{"hotline_class", "emergency"}}).json();  // feedback within 2 h
  Json called = Ticket({{"hotline_class", "emergency"}}).json();
  Json utility = Ticket({{"hotline_class", "utility"}}).json();  // within 24 h
  called = Step("county", called, "file");
  called = Step("county", called, "dispatch", {{"department_code", kCityManagement}});
  called = Step("chengguan", called, "accept");
  called = Step("chengguan", called, "resolve", {{"note", "已抢修"}});
  Step("hotline", called, "follow_up", {{"resolved", true}, {"satisfaction", "satisfied"}});
  auto sweep = [&] {
    HttpResponse r =
        app_->client().Post("/api/v1/cases/deadline-sweep", Json::object(), User("county"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  app_->clock()->Set(now + 2 * kHour - 60000);  // a minute before: nothing is late
  app_->ForgetTokens();
  EXPECT_EQ(sweep()["feedback_overdue"], 0);
  app_->clock()->Set(now + 2 * kHour + 60000);
  app_->ForgetTokens();
  EXPECT_EQ(sweep()["feedback_overdue"], 1);  // the emergency ticket, not the one called back
  EXPECT_EQ(sweep()["feedback_overdue"], 0);  // once
  Json detail = app_->client()
                    .Get("/api/v1/cases/" + std::to_string(emergency["id"].get<std::int64_t>()),
                         User("county"))
                    .json();
  const Json& last = detail["timeline"].back();
  EXPECT_EQ(last["action"], "feedback_overdue");
  EXPECT_EQ(last["action_label"], "回访超时");
  EXPECT_EQ(last["data"]["due_at"], emergency["feedback_due_at"]);
  app_->clock()->Set(now + 24 * kHour + 60000);
  app_->ForgetTokens();
  EXPECT_EQ(sweep()["feedback_overdue"], 1);  // the utility ticket's day has passed too
  Json late =
      app_->client()
          .Get("/api/v1/cases/" + std::to_string(utility["id"].get<std::int64_t>()), User("county"))
          .json();
  EXPECT_EQ(late["timeline"].back()["action"], "feedback_overdue");
}

}  // namespace
}  // namespace jiceng::testing
