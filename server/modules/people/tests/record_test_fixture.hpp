// Shared by the house, household, unit and visit API tests: one demo app per test suite, the
// two grids of the demo village (grid1 = 王丽's, grid2 = 赵强's) and small helpers to register
// residents and houses over HTTP.
#pragma once
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "tests/test_app.hpp"

namespace jiceng::people::test {

using jiceng::testing::As;
using jiceng::testing::HttpResponse;
using jiceng::testing::Json;
using jiceng::testing::TestApp;

inline constexpr const char* kVillage = "330681109290";  // 枫源村

// A valid 18-digit resident ID number of 诸暨市 (330681) with its GB 11643 check character.
inline std::string MakeIdNumber(const std::string& birth_yyyymmdd, int seq) {
  std::string serial = std::to_string(1000 + seq % 1000).substr(1);  // 3 digits
  std::string body = "330681" + birth_yyyymmdd + serial;
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

class RecordApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new TestApp();
    if (!app_->ok()) return;
    HttpResponse grids = app_->client().Get(std::string("/api/v1/orgs/") + kVillage + "/grids",
                                            As(Token("village")));
    Json j = grids.json();
    if (grids.status != 200 || !j.contains("features")) return;
    for (const auto& f : j["features"]) {
      for (const auto& w : f["properties"]["workers"]) {
        if (w["name"] == "王丽") {
          grid1_ = f["id"];
          grid1_geometry_ = f["geometry"];
        }
        if (w["name"] == "赵强") grid2_ = f["id"];
      }
    }
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(app_->ok()) << app_->error();
    ASSERT_EQ(grid1_.size(), 15u) << "grid of grid1 not found";
    ASSERT_EQ(grid2_.size(), 15u) << "grid of grid2 not found";
  }

  static std::string Token(const std::string& user) { return app_->Token(user); }
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

  // Each suite deriving from this one sets up its own app (suites run one after another).
  inline static TestApp* app_ = nullptr;
  inline static std::string grid1_;
  inline static std::string grid2_;
  inline static Json grid1_geometry_;
};

}  // namespace jiceng::people::test
