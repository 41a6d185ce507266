// The authorization matrix: every route the router knows × every role template's demo account
// → the answer it must get. The table below is the contract; the test enumerates the router, so
// a route added without its row, or a row whose route went away, fails the build's tests. Each
// cell is one letter, in the order of kAccounts:
//   A  allowed: the handler runs (any answer but 401 and 403 auth.forbidden; the sample
//      parameters name nothing, so most answers are 404 or 422)
//   F  forbidden: 403 auth.forbidden before the handler runs
// A public route has no letters: it must answer without a login. Without a login every other
// route answers 401 (scope_matrix_test.cpp). Data scope (404 outside it) is checked for every
// GET route with an org code in its path, and per entity in each module's scope tests.
// To print the table as the server stands (review every changed letter before pasting it):
//   JICENG_PRINT_MATRIX=1 jiceng_tests --gtest_filter='ApiAuthorizationMatrix.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/http/router.hpp"
#include "tests/route_paths.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/sse_client.hpp"

namespace jiceng::testing {
namespace {

// One demo account per role template, in the order of a row's letters.
const std::vector<std::pair<std::string, std::string>> kAccounts = {
    {"admin", "system_admin"},        {"security", "security_admin"},
    {"auditor", "audit_admin"},       {"county", "county_staff"},
    {"township", "township_staff"},   {"village", "village_staff"},
    {"grid1", "grid_worker"},         {"chengguan", "department_handler"},
    {"hotline", "hotline_operator"},  {"organizer", "party_organizer"},
    {"secretary", "party_secretary"}, {"supervisor", "supervisor"},
};

struct MatrixRow {
  const char* route;       // "GET /api/v1/orgs/{code}"
  const char* permission;  // as the route declares it; "" = any login, "public" = no login
  const char* answers;     // one letter per account of kAccounts; "" for public routes
};

// clang-format off
//                                                                        admin security auditor
//                                                                        county township village
//                                                                        grid1 chengguan hotline
//                                                                        organizer secretary
//                                                                        supervisor
const MatrixRow kMatrix[] = {
#include "tests/api/authorization_matrix.inc"
};
// clang-format on

std::string RouteKey(const core::http::RouteSpec& r) { return r.method + " " + r.pattern; }

// Parameters that name nothing, so a request that passes authorization changes nothing.
std::string PathNamingNothing(const std::string& pattern) {
  return FillPath(pattern, {{"{code}", "330681109290"}, {"{username}", "nobody-here"}}, "999999");
}

// Logging out ends the session every other row uses, and an administrator's next login needs a
// new one-time code: that row goes last.
std::vector<core::http::RouteSpec> LogoutLast(std::vector<core::http::RouteSpec> routes) {
  std::stable_partition(routes.begin(), routes.end(),
                        [](const auto& r) { return r.pattern != "/api/v1/auth/logout"; });
  return routes;
}

class ApiAuthorizationMatrix : public SharedAppTest {
 protected:
  static std::map<std::string, MatrixRow> Table() {
    std::map<std::string, MatrixRow> rows;
    for (const MatrixRow& row : kMatrix) rows.emplace(row.route, row);
    return rows;
  }

  // The letter an account gets today: what the server answers, read as A or F.
  static char Observe(const core::http::RouteSpec& route, const std::string& user) {
    // An event stream stays open: its status line is the answer (403 comes before the handler).
    if (route.pattern.ends_with("/stream")) {
      SseClient stream(app_->port(), PathNamingNothing(route.pattern),
                       {"Authorization: Bearer " + Token(user)});
      const int status = stream.ReadStatus();
      return status == 403 ? 'F' : status == 401 || status == 0 ? '?' : 'A';
    }
    const std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";
    HttpResponse r =
        Client().Send(route.method, PathNamingNothing(route.pattern), body, User(user));
    if (route.pattern == "/api/v1/auth/logout") app_->ForgetToken(user);  // that session ended
    if (r.status == 403 && r.json().value("code", "") == "auth.forbidden") return 'F';
    if (r.status == 401) return '?';
    return 'A';
  }
};

TEST_F(ApiAuthorizationMatrix, EveryRouteHasItsRowAndEveryRowItsRoute) {
  std::map<std::string, MatrixRow> rows = Table();
  std::set<std::string> registered;
  for (const auto& route : app_->app().router().routes()) {
    const std::string key = RouteKey(route);
    registered.insert(key);
    auto it = rows.find(key);
    if (it == rows.end()) {
      ADD_FAILURE() << key << " has no row in authorization_matrix.inc";
      continue;
    }
    const bool is_public = route.access == core::http::Access::kPublic;
    EXPECT_EQ(it->second.permission, is_public ? std::string("public") : route.permission) << key;
    EXPECT_EQ(std::string(it->second.answers).size(), is_public ? 0u : kAccounts.size()) << key;
  }
  for (const auto& [key, row] : rows) {
    EXPECT_TRUE(registered.count(key)) << key << " has a row but no route";
  }
  EXPECT_EQ(rows.size(), std::size(kMatrix)) << "a route has two rows";
}

TEST_F(ApiAuthorizationMatrix, EveryAccountGetsTheAnswerItsRowNames) {
  std::map<std::string, MatrixRow> rows = Table();
  const bool print = std::getenv("JICENG_PRINT_MATRIX") != nullptr;
  for (const core::http::RouteSpec& route : LogoutLast(app_->app().router().routes())) {
    const std::string key = RouteKey(route);
    if (route.access == core::http::Access::kPublic) {
      if (print) std::cout << "    {\"" << key << "\", \"public\", \"\"},\n";
      continue;
    }
    std::string observed;
    for (const auto& [user, role] : kAccounts) observed += Observe(route, user);
    if (print) {
      std::cout << "    {\"" << key << "\", \"" << route.permission << "\", \"" << observed
                << "\"},\n";
    }
    auto it = rows.find(key);
    if (it == rows.end()) continue;  // reported by the test above
    const std::string expected = it->second.answers;
    for (std::size_t i = 0; i < kAccounts.size() && i < expected.size(); ++i) {
      EXPECT_EQ(observed[i], expected[i])
          << key << " as " << kAccounts[i].first << " (" << kAccounts[i].second << ")";
    }
  }
}

// The table is not vacuous: each administrator reaches only its own work, and no business role
// reaches an administrator's.
TEST_F(ApiAuthorizationMatrix, AdministratorsAndStaffReachOnlyTheirOwnRoutes) {
  std::map<std::string, MatrixRow> rows = Table();
  auto answers = [&](const char* route) { return std::string(rows.at(route).answers); };
  EXPECT_EQ(answers("GET /api/v1/audit"), "FFAFFFFFFFFF");
  EXPECT_EQ(answers("POST /api/v1/users"), "AFFFFFFFFFFF");
  EXPECT_EQ(answers("PUT /api/v1/users/{id}/admin-role"), "FAFFFFFFFFFF");
  std::size_t admin_data_routes = 0;
  for (const auto& [key, row] : rows) {
    const std::string a = row.answers;
    if (a.empty()) continue;
    // The deadline sweep is the timer's job, which the system administrator may start: it
    // answers counts only.
    if (key == "POST /api/v1/cases/deadline-sweep") continue;
    bool business = false;
    for (const char* data : {"/residents", "/households", "/cases", "/party/", "/decisions",
                             "/disclosures", "/topics", "/conventions", "/committee"}) {
      business = business || key.find(data) != std::string::npos;
    }
    if (business && (a[0] == 'A' || a[1] == 'A' || a[2] == 'A')) {
      ADD_FAILURE() << key << " is open to an administrator: " << a;
      ++admin_data_routes;
    }
  }
  EXPECT_EQ(admin_data_routes, 0u);
}

// Outside its scope an account learns nothing of an org node: every GET route with an org code
// in its path answers the township account 404 (or 403) for a sibling township's code.
TEST_F(ApiAuthorizationMatrix, OrgCodeRoutesAnswerNothingOutsideTheScope) {
  std::size_t checked = 0;
  for (const auto& route : app_->app().router().routes()) {
    if (route.method != "GET" || route.access == core::http::Access::kPublic) continue;
    if (route.pattern.find("{code}") == std::string::npos) continue;
    std::string target = route.pattern;
    target.replace(target.find("{code}"), 6, kSiblingTownship);
    target = PathNamingNothing(target);
    SCOPED_TRACE(target);
    HttpResponse r = Client().Get(target, User("township"));
    EXPECT_TRUE(r.status == 404 || r.status == 403) << r.status << " " << r.body.substr(0, 200);
    ++checked;
  }
  EXPECT_GE(checked, 5u);
}

}  // namespace
}  // namespace jiceng::testing
