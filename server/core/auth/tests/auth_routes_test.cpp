// The HTTP binding of auth and audit, driven through the router the way the server drives it:
// find the route, authenticate unless public, check the permission, call the handler.
#include <gtest/gtest.h>

#include "core/audit/audit_log.hpp"
#include "core/auth/auth_service.hpp"
#include "core/auth/permissions.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::auth {
namespace {

using http::Json;

class AuthRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    audit_ = std::make_unique<audit::AuditLog>(*db_, clock_);
    // The admins' second factor has its own tests (second_factor_api_test.cpp).
    auth_ = std::make_unique<AuthService>(*db_, *audit_, clock_,
                                          app::AuthConfig{.admin_second_factor = false});
    auth_->RegisterRoutes(router_);
    audit_->RegisterRoutes(router_);
    for (auto [name, role] :
         {std::pair{"sys.admin", "system_admin"}, std::pair{"sec.admin", "security_admin"},
          std::pair{"aud.admin", "audit_admin"}, std::pair{"grid.one", "grid_worker"}}) {
      NewUser u{name, "测试", "330681001001", "Pass-word1", {role}, "13812345678"};
      u.temporary_password = false;
      ASSERT_TRUE(auth_->CreateUser(AuthService::SystemActor(), u, {}).ok());
    }
  }

  http::Response Call(const std::string& method, const std::string& path, const Json& body = {},
                      const std::string& token = {}) {
    http::Request req;
    req.method = method;
    req.target = path;
    req.path = path.substr(0, path.find('?'));
    if (path.find('?') != std::string::npos)
      req.query = http::ParseQuery(path.substr(path.find('?') + 1));
    req.body = body.is_null() ? "" : body.dump();
    req.remote_address = "10.0.0.9";
    req.request_id = "req-test";
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    auto match = router_.Find(method, req.path);
    EXPECT_NE(match.route, nullptr) << method << " " << path;
    if (!match.route) return http::Response::Problem(404, "http.not_found", "", req);
    req.params = match.params;
    if (match.route->access != http::Access::kPublic) {
      auto who = auth_->Authenticate(req);
      if (!who.ok()) return http::Response::Problem(who.error(), req);
      if (!match.route->permission.empty() && !who->Has(match.route->permission)) {
        return http::Response::Problem(403, "auth.forbidden", "没有权限", req);
      }
      req.principal = who.value();
    }
    return match.route->handler(req);
  }

  std::string Login(const std::string& username) {
    auto res = Call("POST", "/api/v1/auth/login",
                    {{"username", username}, {"password", "Pass-word1"}, {"bearer", true}});
    EXPECT_EQ(res.status, 200) << res.body;
    return Json::parse(res.body).value("token", "");
  }

  static Json Body(const http::Response& res) { return Json::parse(res.body); }

  time::ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<AuthService> auth_;
  http::Router router_;
};

TEST_F(AuthRoutesTest, EveryContractRouteIsRegistered) {
  const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
      {"POST", "/api/v1/auth/login", ""},
      {"POST", "/api/v1/auth/logout", ""},
      {"GET", "/api/v1/auth/me", ""},
      {"POST", "/api/v1/auth/password", ""},
      {"GET", "/api/v1/users", "user.read"},
      {"POST", "/api/v1/users", "user.write"},
      {"GET", "/api/v1/users/{id}", "user.read"},
      {"PATCH", "/api/v1/users/{id}", "user.write"},
      {"POST", "/api/v1/users/{id}/password", "security.password.reset"},
      {"POST", "/api/v1/users/{id}/unlock", "security.unlock"},
      {"GET", "/api/v1/roles", "user.read"},
      {"GET", "/api/v1/permissions", "user.read"},
      {"GET", "/api/v1/auth/logins", "audit.read"},
      {"GET", "/api/v1/audit", "audit.read"},
      {"POST", "/api/v1/audit/verify", "audit.read"},
  };
  for (const auto& [method, pattern, permission] : expected) {
    auto it = std::find_if(router_.routes().begin(), router_.routes().end(), [&](const auto& r) {
      return r.method == method && r.pattern == pattern;
    });
    ASSERT_NE(it, router_.routes().end()) << method << " " << pattern;
    EXPECT_EQ(it->permission, permission) << pattern;
    EXPECT_EQ(it->access == http::Access::kPublic, pattern == "/api/v1/auth/login") << pattern;
  }
}

TEST_F(AuthRoutesTest, LoginSetsCookiesAndNeverEchoesThePassword) {
  auto res =
      Call("POST", "/api/v1/auth/login", {{"username", "grid.one"}, {"password", "Pass-word1"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.body.find("Pass-word1"), std::string::npos);
  Json body = Body(res);
  EXPECT_EQ(body["user"]["username"], "grid.one");
  EXPECT_EQ(body["user"]["phone"], "13812345678");  // one's own number is shown
  EXPECT_EQ(body["expires_at"].get<std::string>().back(), 'Z');
  std::vector<std::string> cookies;
  for (const auto& [name, value] : res.headers) {
    if (name == "Set-Cookie") cookies.push_back(value);
  }
  ASSERT_EQ(cookies.size(), 2u);
  const std::string prefix = "jiceng_session=";
  ASSERT_EQ(cookies[0].rfind(prefix, 0), 0u) << cookies[0];
  const std::string session =
      cookies[0].substr(prefix.size(), cookies[0].find(';') - prefix.size());
  EXPECT_EQ(session.size(), 43u) << cookies[0];  // 32 random bytes, base64url
  EXPECT_EQ(cookies[0], prefix + session + "; HttpOnly; SameSite=Strict; Path=/");
  EXPECT_EQ(cookies[1],
            "jiceng_csrf=" + body["csrf_token"].get<std::string>() + "; SameSite=Strict; Path=/");
  // The session token is the HttpOnly cookie's alone: the body a script can read has none.
  EXPECT_FALSE(body.contains("token")) << res.body;
  EXPECT_EQ(res.body.find(session), std::string::npos);

  // A bearer client asks for the token and gets it in the body, without cookies.
  auto api = Call("POST", "/api/v1/auth/login",
                  {{"username", "grid.one"}, {"password", "Pass-word1"}, {"bearer", true}});
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_FALSE(Body(api).value("token", "").empty());
  for (const auto& [name, value] : api.headers) EXPECT_NE(name, "Set-Cookie") << value;
  EXPECT_EQ(Call("POST", "/api/v1/auth/login",
                 {{"username", "grid.one"}, {"password", "Pass-word1"}, {"bearer", "yes"}})
                .status,
            400);

  auto bad = Call("POST", "/api/v1/auth/login", {{"username", "grid.one"}, {"password", "nope"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(Body(bad)["code"], "auth.bad_credentials");
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", {{"username", "grid.one"}}).status, 400);
}

TEST_F(AuthRoutesTest, MeLogoutAndPermissions) {
  std::string token = Login("grid.one");
  auto me = Call("GET", "/api/v1/auth/me", {}, token);
  ASSERT_EQ(me.status, 200);
  // The role's permissions as the process-wide catalogue has them (tests that load modules
  // may run first and add to grid_worker's).
  const std::set<std::string> granted = PermissionsOfRoles({"grid_worker"});
  EXPECT_EQ(Body(me)["user"]["permissions"], Json(granted));
  EXPECT_EQ(granted.count("org.read"), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/users", {}, token).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me").status, 401);

  auto out = Call("POST", "/api/v1/auth/logout", {}, token);
  EXPECT_EQ(out.status, 204);
  bool cleared = false;
  for (const auto& [name, value] : out.headers) {
    if (name == "Set-Cookie" && value.rfind("jiceng_session=;", 0) == 0) {
      cleared = value.find("Max-Age=0") != std::string::npos;
    }
  }
  EXPECT_TRUE(cleared);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {}, token).status, 401);
}

TEST_F(AuthRoutesTest, AdminsDoOnlyTheirOwnJobs) {
  std::string sys = Login("sys.admin"), sec = Login("sec.admin"), aud = Login("aud.admin");
  Json new_user = {{"username", "new.staff"},     {"display_name", "新同事"},
                   {"org_code", "330681001"},     {"password", "Fresh-pass1"},
                   {"roles", {"township_staff"}}, {"phone", "13900001111"}};
  EXPECT_EQ(Call("POST", "/api/v1/users", new_user, sec).status, 403);
  auto created = Call("POST", "/api/v1/users", new_user, sys);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(Body(created)["id"].get<std::int64_t>());
  EXPECT_EQ(Call("POST", "/api/v1/users", new_user, sys).status, 409);

  // The security admin sees a masked phone, the system admin the number.
  EXPECT_EQ(Body(Call("GET", "/api/v1/users/" + id, {}, sec))["phone"], "139****1111");
  EXPECT_EQ(Body(Call("GET", "/api/v1/users/" + id, {}, sys))["phone"], "13900001111");
  EXPECT_EQ(Call("GET", "/api/v1/users/99999", {}, sys).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/users/abc", {}, sys).status, 404);

  auto patched = Call("PATCH", "/api/v1/users/" + id, {{"display_name", "改名"}}, sys);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Body(patched)["display_name"], "改名");

  EXPECT_EQ(
      Call("POST", "/api/v1/users/" + id + "/password", {{"password", "Other-pass2"}}, sys).status,
      403);
  EXPECT_EQ(
      Call("POST", "/api/v1/users/" + id + "/password", {{"password", "Other-pass2"}}, sec).status,
      204);
  EXPECT_EQ(Call("POST", "/api/v1/users/" + id + "/unlock", {}, sec).status, 204);

  EXPECT_EQ(Call("GET", "/api/v1/audit", {}, sys).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/audit", {}, sec).status, 403);
  auto log = Call("GET", "/api/v1/audit?action=user.", {}, aud);
  ASSERT_EQ(log.status, 200);
  auto list = Call("GET", "/api/v1/users", {}, aud);
  EXPECT_EQ(list.status, 403);

  auto verify = Call("POST", "/api/v1/audit/verify", {}, aud);
  ASSERT_EQ(verify.status, 200) << verify.body;
  Json report = Body(verify);
  EXPECT_TRUE(report["ok"].get<bool>());
  EXPECT_TRUE(report["first_bad_seq"].is_null());
  EXPECT_GT(report["checked"].get<int>(), 5);

  auto logins = Call("GET", "/api/v1/auth/logins?limit=2", {}, aud);
  ASSERT_EQ(logins.status, 200);
  EXPECT_EQ(Body(logins)["items"].size(), 2u);
  EXPECT_FALSE(Body(logins)["next_cursor"].is_null());

  auto roles = Call("GET", "/api/v1/roles", {}, sys);
  ASSERT_EQ(roles.status, 200);
  EXPECT_GE(Body(roles).size(), 8u);
  EXPECT_EQ(Call("GET", "/api/v1/permissions", {}, sec).status, 200);
}

TEST_F(AuthRoutesTest, AuditSearchQueryParameters) {
  Login("grid.one");
  std::string aud = Login("aud.admin");
  EXPECT_EQ(Call("GET", "/api/v1/audit?from=yesterday", {}, aud).status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/audit?cursor=x", {}, aud).status, 400);
  auto page = Call("GET", "/api/v1/audit?action=auth.login&limit=1&from=2026-01-01", {}, aud);
  ASSERT_EQ(page.status, 200) << page.body;
  Json body = Body(page);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["action"], "auth.login");
  EXPECT_EQ(body["items"][0]["actor"], "aud.admin");
  EXPECT_TRUE(body["items"][0]["summary"].is_object());
  EXPECT_FALSE(body["next_cursor"].is_null());
}

}  // namespace
}  // namespace jiceng::core::auth
