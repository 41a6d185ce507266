// Shared by the house, household, unit and visit API tests: one demo app per test suite, the
// two grids of the demo village (grid1 = 王丽's, grid2 = 赵强's) and small helpers to register
// residents and houses over HTTP.
#pragma once
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "core/text/id_number.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::people::test {

using jiceng::testing::As;
using jiceng::testing::HttpResponse;
using jiceng::testing::Json;
using jiceng::testing::TestApp;

using jiceng::testing::kVillage;  // 枫源村

// A valid 18-digit resident ID number of 诸暨市 (330681) with its GB 11643 check character.
inline std::string MakeIdNumber(const std::string& birth_yyyymmdd, int seq) {
  std::string serial = std::to_string(1000 + seq % 1000).substr(1);  // 3 digits
  std::string body = "330681" + birth_yyyymmdd + serial;
  return body + core::text::IdCheckChar(body);
}

class RecordApiTest : public jiceng::testing::DemoGridsTest {
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
  static HttpResponse Put(const std::string& user, const std::string& target, const Json& body) {
    return app_->client().Put(target, body, As(Token(user)));
  }
  static HttpResponse Delete(const std::string& user, const std::string& target) {
    return app_->client().Delete(target, As(Token(user)));
  }

  // A resident registered over HTTP (fails the test if refused); returns its JSON.
  static Json NewResident(const std::string& user, const std::string& grid, const std::string& name,
                          const Json& extra = Json::object()) {
    static std::atomic<int> seq{100};
    Json body = {
        {"org_code", grid}, {"name", name}, {"id_number", MakeIdNumber("19560718", ++seq)}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    HttpResponse r = Post(user, "/api/v1/residents", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  // A house registered over HTTP (fails the test if refused); returns its JSON.
  static Json NewHouse(const std::string& user, const std::string& grid,
                       const std::string& building, const Json& extra = Json::object()) {
    Json body = {{"org_code", grid},
                 {"building", building},
                 {"use", "residential"},
                 {"rental_status", "owner_occupied"}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    HttpResponse r = Post(user, "/api/v1/houses", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  // A refusal with this status naming this problem code and field.
  static void ExpectProblem(const HttpResponse& r, int status, const std::string& code,
                            const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body.substr(0, 300);
    EXPECT_EQ(r.json()["code"], code);
    EXPECT_EQ(r.json()["field"], field);
  }

  // A stale edit's 409: the record as it is now, which the answer carries.
  static Json ExpectStale(const HttpResponse& r, int current_version) {
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json()["code"], "people.version_conflict");
    Json current = r.json()["current"];
    EXPECT_EQ(current["version"], current_version);
    return current;
  }

  // The items of a list answer (a value: safe to loop over).
  static Json Items(const HttpResponse& r) {
    Json j = r.json();
    return j.is_object() && j.contains("items") ? j["items"] : Json::array();
  }

  // Whether a list answer holds an item with this id.
  static bool Lists(const HttpResponse& r, std::int64_t id) {
    for (const auto& item : Items(r))
      if (item["id"] == id) return true;
    return false;
  }
};

}  // namespace jiceng::people::test
