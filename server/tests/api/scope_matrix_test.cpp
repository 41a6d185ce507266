// Data scope and permissions as a client sees them: every demo account logs in over HTTP and
// reads the org tree, searches and locates; answers must follow the code-prefix rule exactly.
// Also: every protected route refuses a request without a (valid) login.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/http/router.hpp"
#include "tests/demo_codes.hpp"
#include "tests/grid_points.hpp"
#include "tests/route_paths.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

bool HasPrefix(const std::string& code, const std::vector<std::string>& scope) {
  return std::any_of(scope.begin(), scope.end(),
                     [&](const std::string& p) { return code.rfind(p, 0) == 0; });
}

class ApiScopeMatrix : public DemoGridsTest {
 protected:
  // The prefixes each account with org.read may see (empty string = everything).
  static std::map<std::string, std::vector<std::string>> Scopes() {
    return {{"admin", {""}},
            {"county", {kCounty}},
            {"township", {kTownship}},
            {"village", {kVillage}},
            {"grid1", {grid1_}},
            {"grid2", {grid2_}},
            {"chengguan", {kCityManagement}}};
  }
};

TEST_F(ApiScopeMatrix, EveryDemoAccountCanLogIn) {
  for (const char* user : {"admin", "security", "auditor", "county", "township", "village", "grid1",
                           "grid2", "chengguan"}) {
    EXPECT_FALSE(Token(user).empty()) << user;
  }
}

TEST_F(ApiScopeMatrix, RootsAreExactlyTheTopOfEachAccountsScope) {
  const std::map<std::string, std::string> expected = {
      {"admin", "33"},  // the admins' scope is everything: the province is the top
      {"county", kCounty}, {"township", kTownship}, {"village", kVillage},
      {"grid1", grid1_},   {"grid2", grid2_},       {"chengguan", kCityManagement},
  };
  for (const auto& [user, root] : expected) {
    SCOPED_TRACE(user);
    HttpResponse r = Client().Get("/api/v1/orgs/roots", As(Token(user)));
    ASSERT_EQ(r.status, 200) << r.body;
    Json items = r.json()["items"];
    ASSERT_EQ(items.size(), 1u) << r.body;
    EXPECT_EQ(items[0]["code"], root);
  }
}

TEST_F(ApiScopeMatrix, NodeReadsAnswer200InsideAndIndistinguishable404Outside) {
  const std::vector<std::string> nodes = {"33",
                                          "3306",
                                          kCounty,
                                          kSiblingTownship,
                                          kOtherTownshipVillage,
                                          kTownship,
                                          kSiblingVillage,
                                          kVillage,
                                          grid1_,
                                          grid2_,
                                          kCityManagement,
                                          kTownshipDepartment};
  for (const auto& [user, scope] : Scopes()) {
    const std::string token = Token(user);
    for (const auto& code : nodes) {
      SCOPED_TRACE(user + " reads " + code);
      HttpResponse r = Client().Get("/api/v1/orgs/" + code, As(token));
      if (HasPrefix(code, scope)) {
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json()["code"], code);
      } else {
        ASSERT_EQ(r.status, 404) << r.body;
        EXPECT_EQ(r.json()["code"], "org.not_found");
        EXPECT_EQ(r.Header("content-type").rfind("application/problem+json", 0), 0u);
      }
    }
    // A code that does not exist at all answers exactly like one outside the scope.
    HttpResponse absent = Client().Get("/api/v1/orgs/330681109999", As(token));
    EXPECT_EQ(absent.status, 404) << user;
    EXPECT_EQ(absent.json()["code"], "org.not_found") << user;
  }
}

TEST_F(ApiScopeMatrix, ChildrenOfANodeOutsideScopeAre404) {
  EXPECT_EQ(Client()
                .Get(std::string("/api/v1/orgs/") + kCounty + "/children", As(Token("township")))
                .status,
            404);
  EXPECT_EQ(
      Client()
          .Get(std::string("/api/v1/orgs/") + kSiblingTownship + "/children", As(Token("township")))
          .status,
      404);
  HttpResponse own = Client().Get(std::string("/api/v1/orgs/") + kTownship + "/children?limit=500",
                                  As(Token("township")));
  ASSERT_EQ(own.status, 200) << own.body;
  const Json children = own.json();
  ASSERT_FALSE(children.value("items", Json::array()).empty());
  for (const auto& item : children.value("items", Json::array())) {
    EXPECT_EQ(item["code"].get<std::string>().rfind(kTownship, 0), 0u) << item;
  }
}

TEST_F(ApiScopeMatrix, VillageBoundaryOutsideScopeIs404) {
  const std::string village = Token("village");
  HttpResponse own =
      Client().Get(std::string("/api/v1/orgs/") + kVillage + "/boundary", As(village));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["geometry"]["type"], "Polygon");
  HttpResponse other =
      Client().Get(std::string("/api/v1/orgs/") + kSiblingVillage + "/boundary", As(village));
  EXPECT_EQ(other.status, 404) << other.body;
}

TEST_F(ApiScopeMatrix, GridsOfAVillageSeeOnlyGridsInScope) {
  HttpResponse r =
      Client().Get(std::string("/api/v1/orgs/") + kVillage + "/grids", As(Token("grid1")));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json features = r.json().value("features", Json::array());
  ASSERT_EQ(features.size(), 1u) << r.body;
  EXPECT_EQ(features[0]["id"], grid1_);
}

TEST_F(ApiScopeMatrix, GridsOfAVillageOutsideScopeAre404) {
  HttpResponse r =
      Client().Get(std::string("/api/v1/orgs/") + kSiblingVillage + "/grids", As(Token("village")));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "org.not_found");
}

TEST_F(ApiScopeMatrix, NameSearchNeverReturnsANodeOutsideScope) {
  const std::set<std::string> must_find = {"admin",   "county", "township",
                                           "village", "grid1",  "grid2"};
  for (const auto& [user, scope] : Scopes()) {
    SCOPED_TRACE(user);
    HttpResponse r = Client().Get("/api/v1/orgs?q=%E6%9D%91&limit=500", As(Token(user)));  // 村
    ASSERT_EQ(r.status, 200) << r.body;
    Json items = r.json()["items"];
    if (must_find.count(user)) {
      EXPECT_FALSE(items.empty());
    }
    for (const auto& item : items) {
      std::string code = item["code"];
      EXPECT_TRUE(HasPrefix(code, scope)) << code;
      EXPECT_NE(item["name"].get<std::string>().find("村"), std::string::npos) << item;
    }
  }
}

TEST_F(ApiScopeMatrix, LocateAnswersOnlyWithGridsInsideScope) {
  HttpResponse g2 = Client().Get("/api/v1/grids/" + grid2_, As(Token("village")));
  ASSERT_EQ(g2.status, 200) << g2.body;
  const std::string target = LocateTarget(VertexMean(g2.json()["geometry"]));
  for (const char* user : {"village", "township", "county", "grid2", "admin"}) {
    HttpResponse r = Client().Get(target, As(Token(user)));
    EXPECT_EQ(r.status, 200) << user << " " << r.body;
    EXPECT_EQ(r.json()["id"], grid2_) << user;
  }
  for (const char* user : {"grid1", "chengguan"}) {
    HttpResponse r = Client().Get(target, As(Token(user)));
    EXPECT_EQ(r.status, 404) << user << " " << r.body;
    EXPECT_EQ(r.json()["code"], "org.grid.not_located") << user;
    EXPECT_EQ(r.body.find(grid2_), std::string::npos) << "the grid code must not leak";
  }
  // And grid1 cannot read grid2's grid directly either.
  EXPECT_EQ(Client().Get("/api/v1/grids/" + grid2_, As(Token("grid1"))).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/grids/" + grid1_, As(Token("grid1"))).status, 200);
}

TEST_F(ApiScopeMatrix, ThreeAdminRolesAreSeparated) {
  auto code_of = [](const HttpResponse& r) { return r.json().value("code", ""); };
  for (const char* target :
       {"/api/v1/orgs/roots", "/api/v1/orgs/330681", "/api/v1/orgs?q=%E6%9D%91"}) {
    HttpResponse r = Client().Get(target, As(Token("auditor")));
    EXPECT_EQ(r.status, 403) << target;
    EXPECT_EQ(code_of(r), "auth.forbidden") << target;
    EXPECT_EQ(Client().Get(target, As(Token("security"))).status, 403) << target;
  }
  HttpResponse audit = Client().Get("/api/v1/audit?limit=5", As(Token("auditor")));
  EXPECT_EQ(audit.status, 200) << audit.body;
  EXPECT_TRUE(audit.json()["items"].is_array());

  HttpResponse admin_audit = Client().Get("/api/v1/audit", As(Token("admin")));
  EXPECT_EQ(admin_audit.status, 403);
  EXPECT_EQ(code_of(admin_audit), "auth.forbidden");
  EXPECT_EQ(Client().Get("/api/v1/audit", As(Token("security"))).status, 403);
  EXPECT_EQ(Client().Get("/api/v1/audit", As(Token("county"))).status, 403);

  const Json grid = {{"village_code", kVillage}, {"name", "测试网格"}};
  for (const char* user : {"security", "auditor", "grid1", "chengguan"}) {
    HttpResponse r = Client().Post("/api/v1/grids", grid, As(Token(user)));
    EXPECT_EQ(r.status, 403) << user << " " << r.body;
    EXPECT_EQ(code_of(r), "auth.forbidden") << user;
  }
}

// Every route that is not public, with plausible path parameters.
std::string Substitute(const std::string& pattern) {
  return FillPath(pattern, {{"{code}", "330681109290"}, {"{id}", "1"}, {"{username}", "admin"}},
                  "1");
}

TEST_F(ApiScopeMatrix, EveryProtectedRouteAnswers401WithoutAValidLogin) {
  const auto& routes = app_->app().router().routes();
  std::size_t checked = 0;
  std::set<std::string> patterns;
  for (const auto& route : routes) {
    if (route.access == core::http::Access::kPublic) continue;
    const std::string target = Substitute(route.pattern);
    SCOPED_TRACE(route.method + " " + target);
    const std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";

    HttpResponse anonymous = Client().Send(route.method, target, body);
    ASSERT_EQ(anonymous.status, 401) << anonymous.body;
    EXPECT_EQ(anonymous.Header("content-type").rfind("application/problem+json", 0), 0u);
    EXPECT_EQ(anonymous.json()["code"], "auth.required");

    // A token nobody issued: still 401 (the server calls it an expired session).
    HttpResponse garbage = Client().Send(route.method, target, body, As("not-a-real-token"));
    ASSERT_EQ(garbage.status, 401) << garbage.body;
    EXPECT_EQ(garbage.Header("content-type").rfind("application/problem+json", 0), 0u);
    std::string code = garbage.json().value("code", "");
    EXPECT_TRUE(code == "auth.required" || code == "auth.session_expired") << code;

    // A cookie nobody issued, on an unsafe method without CSRF token: still 401, not 403.
    RequestOptions cookie;
    cookie.cookie = "jiceng_session=not-a-real-token";
    EXPECT_EQ(Client().Send(route.method, target, body, cookie).status, 401);
    ++checked;
    patterns.insert(route.method + " " + route.pattern);
  }
  // The enumeration is not vacuous: the contract's protected routes are among those checked.
  for (const char* must :
       {"GET /api/v1/orgs/roots", "GET /api/v1/orgs/{code}", "POST /api/v1/grids",
        "PUT /api/v1/grids/{code}", "DELETE /api/v1/grids/{code}", "GET /api/v1/audit",
        "PATCH /api/v1/users/{id}", "POST /api/v1/auth/logout"}) {
    EXPECT_TRUE(patterns.count(must)) << must;
  }
  EXPECT_GE(checked, 25u);
}

}  // namespace
}  // namespace jiceng::testing
