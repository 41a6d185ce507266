// Shared by the party module's API tests: one demo app per suite, residents registered over HTTP
// by the village staff (people module), and party calls as the demo party accounts (organizer:
// 枫桥镇 party_organizer; secretary: 枫源村 party_secretary).
#pragma once
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "core/text/id_number.hpp"
#include "core/time/civil.hpp"
#include "core/time/clock.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::party::test {

using jiceng::testing::As;
using jiceng::testing::HttpResponse;
using jiceng::testing::Json;

class PartyApiTest : public jiceng::testing::DemoGridsTest {
 protected:
  static HttpResponse Get(const std::string& user, const std::string& target) {
    return app_->client().Get(target, As(Token(user)));
  }
  static HttpResponse Post(const std::string& user, const std::string& target, const Json& body) {
    return app_->client().Post(target, body, As(Token(user)));
  }
  static HttpResponse Patch(const std::string& user, const std::string& target, const Json& body) {
    return app_->client().Send("PATCH", target, body.dump(), As(Token(user)));
  }
  static HttpResponse Delete(const std::string& user, const std::string& target) {
    return app_->client().Delete(target, As(Token(user)));
  }

  // Today in Asia/Shanghai, shifted by days.
  static std::string Day(std::int64_t shift = 0) {
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    std::string today = core::time::FormatShanghai(now).substr(0, 10);
    return core::time::FormatDate(*core::time::ParseDate(today) + shift);
  }

  // A resident registered by the village staff in a grid of 枫源村; returns its id.
  static std::int64_t NewResident(const std::string& grid, const std::string& name) {
    static std::atomic<int> seq{300};
    std::string body17 = "330681197203" + std::to_string(10 + seq % 18) +
                         std::to_string(1000 + ++seq % 1000).substr(1);
    Json body = {{"org_code", grid},
                 {"name", name},
                 {"id_number", body17 + core::text::IdCheckChar(body17)}};
    HttpResponse r = Post("village", "/api/v1/residents", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }

  // A party organization set up by the township organizer; returns its answer.
  static Json NewOrg(const Json& body, const std::string& user = "organizer") {
    HttpResponse r = Post(user, "/api/v1/party/orgs", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static std::int64_t NewMember(std::int64_t org_id, const std::string& name,
                                const std::string& status = "formal",
                                const std::string& post = "") {
    std::int64_t resident = NewResident(grid1_, name);
    Json body = {{"resident_id", resident},
                 {"party_org_id", org_id},
                 {"status", status},
                 {"joined_on", "2001-07-01"}};
    if (!post.empty()) body["committee_post"] = post;
    HttpResponse r = Post("secretary", "/api/v1/party/members", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }

  static void ExpectProblem(const HttpResponse& r, int status, const std::string& code,
                            const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body.substr(0, 300);
    EXPECT_EQ(r.json().value("code", ""), code) << r.body.substr(0, 300);
    if (!field.empty()) {
      EXPECT_EQ(r.json().value("field", ""), field);
    }
  }

  static bool HasWarning(const Json& org, const std::string& code) {
    Json warnings = org.value("warnings", Json::array());
    for (const auto& w : warnings)
      if (w["code"] == code) return true;
    return false;
  }

  static Json Items(const HttpResponse& r) {
    Json j = r.json();
    return j.is_object() && j.contains("items") ? j["items"] : Json::array();
  }

  static bool Lists(const HttpResponse& r, std::int64_t id) {
    for (const auto& item : Items(r))
      if (item.contains("id") && item["id"] == id) return true;
    return false;
  }
};

}  // namespace jiceng::party::test
