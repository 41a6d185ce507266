// A test suite whose tests share one TestApp: starting one (migrations, the demo county) takes
// about 1.5 s, so a suite starts it once. Suites run one after another, so the one app_ serves
// each deriving suite in turn. A suite that needs other options declares its own
// SetUpTestSuite() { StartApp(options); }.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "tests/demo_codes.hpp"
#include "tests/test_app.hpp"

namespace jiceng::testing {

class SharedAppTest : public ::testing::Test {
 protected:
  static void StartApp(const TestAppOptions& options = {}) { app_ = new TestApp(options); }
  static void SetUpTestSuite() { StartApp(); }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(app_->ok()) << app_->error(); }

  static HttpClient Client() { return app_->client(); }
  static std::string Token(const std::string& user) { return app_->Token(user); }
  static RequestOptions User(const std::string& user) { return As(app_->Token(user)); }

  // Announces a 1 MiB JSON body to `target` without sending it: the server must refuse it from
  // the headers alone (413 http.body_too_large) when that is over its limit.
  static void ExpectDeclaredBodyRefused(const std::string& target) {
    HttpConnection conn(app_->port());
    ASSERT_TRUE(conn.connected());
    ASSERT_TRUE(conn.WriteRaw("POST " + target +
                              " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              "Content-Length: 1048576\r\n\r\n"));
    HttpResponse r = conn.ReadResponse();
    EXPECT_EQ(r.status, 413) << r.error;
    EXPECT_EQ(r.json()["code"], "http.body_too_large");
  }

  inline static TestApp* app_ = nullptr;
};

// A SharedAppTest that also knows the two grids of the demo village 枫源村 that have a worker
// (grid1_ = 王丽's, grid2_ = 赵强's), found by worker name in the village's grid map, not through
// the scope rules the tests check.
class DemoGridsTest : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    StartApp();
    grid1_.clear();
    grid2_.clear();
    grid1_geometry_ = nullptr;
    if (!app_->ok()) return;
    HttpResponse grids =
        Client().Get(std::string("/api/v1/orgs/") + kVillage + "/grids", User("village"));
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
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SharedAppTest::SetUp());
    ASSERT_EQ(grid1_.size(), 15u) << "grid of grid1 not found";
    ASSERT_EQ(grid2_.size(), 15u) << "grid of grid2 not found";
    ASSERT_NE(grid1_, grid2_);
  }

  inline static std::string grid1_;
  inline static std::string grid2_;
  inline static Json grid1_geometry_;
};

}  // namespace jiceng::testing
