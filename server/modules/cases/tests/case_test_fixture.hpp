// One fixture for the case API tests that drive cases through their workflow on a manual
// clock: start the app at a Shanghai wall-clock time, report, step through actions, sweep.
#pragma once
#include <gtest/gtest.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/app/application.hpp"
#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "tests/demo_codes.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {

// A case's tracking code as stored, read from the database: no staff answer carries it.
inline std::string StoredTrackingCode(TestApp& app, const Json& c) {
  std::string code;
  auto r = app.app().db().Read([&](core::db::Session& s) -> core::Result<void> {
    JC_ASSIGN_OR_RETURN(auto rows, s.Query("SELECT tracking_code FROM cases_cases WHERE id = $1",
                                           {c["id"].get<std::int64_t>()}));
    if (!rows.empty()) code = rows[0].Text(0);
    return {};
  });
  EXPECT_TRUE(r.ok()) << r.error().message;
  return code;
}

// UTC ms of a Shanghai wall-clock time.
inline std::int64_t At(const char* date, int hour, int minute) {
  return core::time::LocalMidnightUtcMs(date) + (hour * 60 + minute) * 60000LL;
}

// UTC ms of an answer's "2026-10-08T09:30:00.000Z".
inline std::int64_t Ms(const Json& utc_iso) {
  std::string s = utc_iso.get<std::string>();
  std::tm tm{};
  strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

// "2026-10-08T09:30:00.000Z" → "2026-10-08T17:30:00+08:00" for readable assertions.
inline std::string Local(const Json& utc_iso) { return core::time::FormatShanghai(Ms(utc_iso)); }

inline constexpr std::int64_t kHour = 3600000;

class CaseApiTest : public ::testing::Test {
 protected:
  void Start(std::int64_t now) {
    TestAppOptions options;
    options.manual_clock_ms = now;
    app_ = std::make_unique<TestApp>(options);
    ASSERT_TRUE(app_->ok()) << app_->error();
  }
  void SetTime(std::int64_t now) {
    app_->clock()->Set(now);
    app_->ForgetTokens();  // sessions idle out after 30 minutes of (manual) time
  }
  RequestOptions User(const std::string& name) { return As(app_->Token(name)); }
  static std::string CaseUrl(const Json& c) {
    return "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>());
  }
  // A staff report of `category` in `grid` by `user`; expects 201.
  Json Report(const std::string& category, const std::string& user = "township",
              const std::string& grid = kGrid1, const std::string& description = "测试事件") {
    HttpResponse r = app_->client().Post(
        "/api/v1/cases",
        Json{{"category_code", category}, {"description", description}, {"org_code", grid}},
        User(user));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  HttpResponse Act(const std::string& user, const Json& c, const std::string& action,
                   Json body = Json::object()) {
    body["version"] = c["version"];
    return app_->client().Post(CaseUrl(c) + "/actions/" + action, body, User(user));
  }
  // An action that must succeed; answers the case after it.
  Json Step(const std::string& user, const Json& c, const std::string& action,
            Json body = Json::object()) {
    HttpResponse r = Act(user, c, action, std::move(body));
    EXPECT_EQ(r.status, 200) << action << " by " << user << ": " << r.body;
    return r.json();
  }
  // File and dispatch to the county's city management department.
  Json Dispatch(Json c) {
    c = Step("township", c, "file");
    return Step("township", c, "dispatch", {{"department_code", kCityManagement}});
  }
  Json Sweep() {
    HttpResponse r =
        app_->client().Post("/api/v1/cases/deadline-sweep", Json::object(), User("county"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  std::vector<std::string> Timeline(const Json& c) {
    Json detail = app_->client().Get(CaseUrl(c), User("township")).json();
    std::vector<std::string> out;
    for (const auto& e : detail["timeline"]) out.push_back(e["action"]);
    return out;
  }
  std::unique_ptr<TestApp> app_;
};

}  // namespace jiceng::testing
