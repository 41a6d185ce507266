// The separation of the three administrators as a client meets it (MLPS level 3): an admin
// role stands alone, only the security administrator grants or revokes one, nobody changes
// their own roles or unlocks or resets themselves, admins see no governed data, and a password
// an administrator set must be changed before anything else.
#include <gtest/gtest.h>

#include "tests/test_app.hpp"

namespace jiceng::testing {
namespace {

class AdminRolesApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { app_ = new TestApp(); }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(app_->ok()) << app_->error(); }

  static std::string Token(const std::string& username) { return app_->Token(username); }
  static HttpClient Client() { return app_->client(); }
  static std::int64_t UserId(const std::string& username) {
    HttpResponse r = Client().Get("/api/v1/users?q=" + username, As(Token("admin")));
    const Json listed = r.json();
    for (const auto& u : listed["items"])
      if (u["username"] == username) return u["id"];
    return 0;
  }
  static HttpResponse Patch(const std::string& target, const Json& body, const std::string& as) {
    return Client().Send("PATCH", target, body.dump(), As(as));
  }
  static std::string Code(const HttpResponse& r) { return r.json().value("code", ""); }

  static TestApp* app_;
};

TestApp* AdminRolesApi::app_ = nullptr;

TEST_F(AdminRolesApi, TheSystemAdminCannotGiveItselfABusinessRole) {
  // The attack of the review: the system admin adds township_staff to its own roles.
  const std::string admin = Token("admin");
  const std::int64_t self = UserId("admin");
  HttpResponse r =
      Patch("/api/v1/users/" + std::to_string(self), {{"roles", {"township_staff"}}}, admin);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Code(r), "user.roles.self");
  // Nor can it put an admin role next to a business role on someone else...
  const std::string township = "/api/v1/users/" + std::to_string(UserId("township"));
  r = Patch(township, {{"roles", {"township_staff", "system_admin"}}}, admin);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Code(r), "user.roles.admin_exclusive");
  // ...or grant an admin role at all: that is the security administrator's act.
  r = Patch(township, {{"roles", {"audit_admin"}}}, admin);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Code(r), "user.roles.admin_grant");
  r = Client().Post("/api/v1/users",
                    Json{{"username", "new.admin"},
                         {"display_name", "新管理员"},
                         {"org_code", "330681"},
                         {"password", "Strong-pass9"},
                         {"roles", {"security_admin"}}},
                    As(admin));
  EXPECT_EQ(r.status, 403) << r.body;
  // Its own roles stayed as they were.
  HttpResponse me = Client().Get("/api/v1/auth/me", As(admin));
  EXPECT_EQ(me.json()["user"]["roles"], Json::array({"system_admin"}));
}

TEST_F(AdminRolesApi, AdministratorsSeeNoGovernedData) {
  for (const char* name : {"admin", "security", "auditor"}) {
    HttpResponse r = Client().Get("/api/v1/residents", As(Token(name)));
    EXPECT_EQ(r.status, 403) << name << " " << r.body;
    r = Client().Get("/api/v1/cases", As(Token(name)));
    EXPECT_EQ(r.status, 403) << name << " " << r.body;
  }
  // What they manage they still see everywhere: accounts and the org tree.
  HttpResponse users = Client().Get("/api/v1/users?limit=100", As(Token("admin")));
  EXPECT_EQ(users.status, 200);
  EXPECT_GE(users.json()["items"].size(), 10u);
  EXPECT_EQ(Client().Get("/api/v1/orgs/roots", As(Token("admin"))).status, 200);
}

TEST_F(AdminRolesApi, OnlyTheSecurityAdministratorGrantsAndRevokesAdminRoles) {
  HttpResponse made = Client().Post("/api/v1/users",
                                    Json{{"username", "li.audit"},
                                         {"display_name", "李审"},
                                         {"org_code", "330681"},
                                         {"password", "Strong-pass9"},
                                         {"roles", {"county_staff"}}},
                                    As(Token("admin")));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/users/" + std::to_string(made.json()["id"].get<int>());
  // The system admin has no such permission.
  EXPECT_EQ(
      Client().Put(path + "/admin-role", {{"role", "audit_admin"}}, As(Token("admin"))).status,
      403);
  // The security admin grants: the business role goes, the admin role stands alone.
  HttpResponse granted =
      Client().Put(path + "/admin-role", {{"role", "audit_admin"}}, As(Token("security")));
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(granted.json()["roles"], Json::array({"audit_admin"}));
  // Now an admin account: the system admin cannot take the role away by editing roles.
  HttpResponse r = Patch(path, {{"roles", {"county_staff"}}}, Token("admin"));
  EXPECT_EQ(r.status, 403) << r.body;
  // The security admin revokes: no roles left until the system admin gives business ones.
  HttpResponse revoked =
      Client().Put(path + "/admin-role", {{"role", nullptr}}, As(Token("security")));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["roles"], Json::array());
  EXPECT_EQ(Patch(path, {{"roles", {"county_staff"}}}, Token("admin")).status, 200);
  // Only admin roles go through this door.
  r = Client().Put(path + "/admin-role", {{"role", "county_staff"}}, As(Token("security")));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(Code(r), "user.admin_role.invalid");
  // Every grant and revoke is in the audit trail.
  HttpResponse audit =
      Client().Get("/api/v1/audit?action=user.admin_role.grant", As(Token("auditor")));
  EXPECT_NE(audit.body.find("li.audit"), std::string::npos) << audit.body;
}

TEST_F(AdminRolesApi, NobodyActsOnTheirOwnAccount) {
  const std::string security = Token("security");
  const std::string self = "/api/v1/users/" + std::to_string(UserId("security"));
  HttpResponse r = Client().Put(self + "/admin-role", {{"role", "system_admin"}}, As(security));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "security.self");
  r = Client().Post(self + "/unlock", Json::object(), As(security));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "security.self");
  r = Client().Post(self + "/password", Json{{"password", "Other-pass77"}}, As(security));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "security.self");
  r = Client().Post(self + "/totp/reset", Json::object(), As(security));
  EXPECT_EQ(r.status, 403);
}

TEST_F(AdminRolesApi, APasswordSetByAnAdministratorMustBeChangedFirst) {
  const std::string path = "/api/v1/users/" + std::to_string(UserId("village"));
  ASSERT_EQ(Client()
                .Post(path + "/password", Json{{"password", "Temp-pass-42"}}, As(Token("security")))
                .status,
            204);
  HttpResponse login = app_->Login("village", "Temp-pass-42");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json()["pending"], "password_change");
  const std::string token = login.json()["token"];
  HttpResponse r = Client().Get("/api/v1/residents", As(token));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "auth.pending.password_change");
  EXPECT_EQ(Client().Get("/api/v1/auth/me", As(token)).json()["pending"], "password_change");
  r = Client().Post("/api/v1/auth/password",
                    Json{{"old_password", "Temp-pass-42"}, {"new_password", "Mine-pass-2027"}},
                    As(token));
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(Client().Get("/api/v1/residents", As(token)).status, 200);
  EXPECT_EQ(Client().Get("/api/v1/auth/me", As(token)).json()["pending"], "");
}

}  // namespace
}  // namespace jiceng::testing
