#include "core/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "core/auth/permissions.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::auth {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr const char* kPassword = "Grid-work1";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    audit_ = std::make_unique<audit::AuditLog>(*db_, clock_);
    auth_ = MakeService(config_);
  }

  std::unique_ptr<AuthService> MakeService(const app::AuthConfig& config) {
    return std::make_unique<AuthService>(*db_, *audit_, clock_, config);
  }

  UserRecord Create(const std::string& username, std::vector<std::string> roles,
                    const std::string& org_code = "330681001001") {
    NewUser u{username, "测试用户", org_code, kPassword, std::move(roles), "13812345678"};
    u.temporary_password = false;  // the first-login change has its own tests
    auto r = auth_->CreateUser(AuthService::SystemActor(), u, {"req-1", "127.0.0.1"});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code + " " + r.error().detail);
    return r.ok() ? r.value() : UserRecord{};
  }

  static http::Request Bearer(const std::string& token, const std::string& method = "GET") {
    http::Request req;
    req.method = method;
    req.headers["authorization"] = "Bearer " + token;
    return req;
  }

  static http::Request WithCookie(const std::string& token, const std::string& method,
                                  const std::string& csrf = {}) {
    http::Request req;
    req.method = method;
    req.headers["cookie"] = "theme=dark; jiceng_session=" + token + "; jiceng_csrf=" + csrf;
    if (!csrf.empty()) req.headers["x-csrf-token"] = csrf;
    return req;
  }

  std::int64_t Count(const std::string& sql) {
    auto rows = db_->Query(sql);
    EXPECT_TRUE(rows.ok());
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  time::ManualClock clock_{1'780'000'000'000};
  // The admins' second factor has its own tests (second_factor_api_test.cpp).
  app::AuthConfig config_{.admin_second_factor = false};
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, LoginIssuesAHashedSessionAndLogsTheAttempt) {
  UserRecord u = Create("wang.wu", {"grid_worker"});
  auto login = auth_->Login("Wang.Wu", kPassword, "10.0.0.7", "req-2");
  ASSERT_TRUE(login.ok()) << login.error().code;
  EXPECT_EQ(login->user.id, u.id);
  EXPECT_EQ(login->token.size(), 43u);
  EXPECT_EQ(login->expires_at, clock_.NowMs() + 12 * 60 * kMinute);
  // Only a hash of the token is stored.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_sessions WHERE id = '" + login->token + "'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_sessions"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_login_log WHERE outcome = 'success' AND "
                  "source = '10.0.0.7'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'auth.login'"), 1);

  auto p = auth_->Authenticate(Bearer(login->token));
  ASSERT_TRUE(p.ok()) << p.error().code;
  EXPECT_EQ(p->user_id, u.id);
  EXPECT_EQ(p->username, "wang.wu");
  EXPECT_TRUE(p->Has("org.read"));
  EXPECT_FALSE(p->Has("user.read"));
  EXPECT_FALSE(p->via_cookie);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Create("li.si", {"village_staff"});
  auto wrong = auth_->Login("li.si", "Wrong-pass1", "10.0.0.1", "r");
  auto unknown = auth_->Login("nobody", "Wrong-pass1", "10.0.0.1", "r");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, "auth.bad_credentials");
  EXPECT_EQ(unknown.error().code, "auth.bad_credentials");
  EXPECT_EQ(wrong.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_login_log WHERE outcome = 'failure'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'auth.login_failed'"), 2);
  // The password is in neither log.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE summary LIKE '%Wrong-pass1%'"), 0);
}

TEST_F(AuthServiceTest, LocksExactlyAtTheFifthFailureForFifteenMinutes) {
  UserRecord u = Create("zhao.liu", {"grid_worker"});
  for (int i = 1; i <= 4; ++i) {
    auto r = auth_->Login("zhao.liu", "Wrong-pass1", "10.0.0.1", "r");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.bad_credentials") << "attempt " << i;
  }
  auto fifth = auth_->Login("zhao.liu", "Wrong-pass1", "10.0.0.2", "r");
  ASSERT_FALSE(fifth.ok());
  // The lock is not announced: the answer is the one every failed login gets.
  EXPECT_EQ(fifth.error().code, "auth.bad_credentials");
  EXPECT_EQ(fifth.error().kind, ErrorKind::kUnauthenticated);
  auto stored_locked = auth_->GetUser(Scope::All(), u.id);
  ASSERT_TRUE(stored_locked.ok());
  EXPECT_TRUE(stored_locked->locked_until.has_value());

  // Even the right password is refused while locked, with the same answer.
  auto right = auth_->Login("zhao.liu", kPassword, "10.0.0.3", "r");
  ASSERT_FALSE(right.ok());
  EXPECT_EQ(right.error().code, "auth.bad_credentials");
  EXPECT_EQ(right.error().message, fifth.error().message);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_login_log WHERE reason = 'locked'"), 1);

  clock_.Advance(15 * kMinute - 1000);
  auto still = auth_->Login("zhao.liu", kPassword, "10.0.0.4", "r");
  ASSERT_FALSE(still.ok());
  EXPECT_EQ(still.error().code, "auth.bad_credentials");

  clock_.Advance(1000);
  auto after = auth_->Login("zhao.liu", kPassword, "10.0.0.5", "r");
  EXPECT_TRUE(after.ok()) << after.error().code;
  auto stored = auth_->GetUser(Scope::All(), u.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->failed_count, 0);
  EXPECT_FALSE(stored->locked_until.has_value());
}

TEST_F(AuthServiceTest, SuccessResetsTheFailureCount) {
  Create("qian.qi", {"grid_worker"});
  for (int i = 0; i < 4; ++i) (void)auth_->Login("qian.qi", "Wrong-pass1", "10.0.0.1", "r");
  ASSERT_TRUE(auth_->Login("qian.qi", kPassword, "10.0.0.1", "r").ok());
  for (int i = 0; i < 4; ++i) {
    auto r = auth_->Login("qian.qi", "Wrong-pass1", "10.0.0.1", "r");
    EXPECT_EQ(r.error().code, "auth.bad_credentials");
  }
}

TEST_F(AuthServiceTest, SecurityAdminUnlocks) {
  UserRecord u = Create("sun.ba", {"grid_worker"});
  UserRecord sec = Create("sec.admin", {"security_admin"}, "330681");
  for (int i = 0; i < 5; ++i) (void)auth_->Login("sun.ba", "Wrong-pass1", "10.0.0.1", "r");
  ASSERT_EQ(auth_->Login("sun.ba", kPassword, "10.0.0.1", "r").error().code,
            "auth.bad_credentials");

  // The system admin holds no security.unlock.
  Principal sys = auth_->PrincipalFor(Create("sys.admin", {"system_admin"}, "330681"));
  EXPECT_EQ(auth_->Unlock(sys, u.id, {}).error().code, "auth.forbidden");

  ASSERT_TRUE(auth_->Unlock(auth_->PrincipalFor(sec), u.id, {"req-9", "10.1.1.1"}).ok());
  EXPECT_TRUE(auth_->Login("sun.ba", kPassword, "10.0.0.1", "r").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'user.unlock' AND "
                  "actor = 'sec.admin' AND request_id = 'req-9'"),
            1);
}

TEST_F(AuthServiceTest, RateLimitPerSourceAddress) {
  app::AuthConfig config = config_;
  config.login_rate_per_minute = 3;
  auto auth = MakeService(config);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(auth->Login("ghost", "x", "10.9.9.9", "r").error().code, "auth.bad_credentials");
  }
  auto limited = auth->Login("ghost", "x", "10.9.9.9", "r");
  EXPECT_EQ(limited.error().code, "auth.rate_limited");
  EXPECT_EQ(limited.error().kind, ErrorKind::kRateLimited);
  (void)auth->Login("ghost", "x", "10.9.9.9", "r");
  // Another address is not affected; the first address recovers after a minute.
  EXPECT_EQ(auth->Login("ghost", "x", "10.9.9.8", "r").error().code, "auth.bad_credentials");
  clock_.Advance(kMinute);
  EXPECT_EQ(auth->Login("ghost", "x", "10.9.9.9", "r").error().code, "auth.bad_credentials");
  // Only the first refusal of the burst is written down.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_login_log WHERE reason = 'rate_limited'"), 1);
}

TEST_F(AuthServiceTest, IdleTimeoutAtThirtyMinutes) {
  Create("zhou.jiu", {"grid_worker"});
  auto login = auth_->Login("zhou.jiu", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  clock_.Advance(29 * kMinute);
  EXPECT_TRUE(auth_->Authenticate(Bearer(login->token)).ok());
  clock_.Advance(29 * kMinute);  // used 29 minutes ago: alive, and the timer restarts
  EXPECT_TRUE(auth_->Authenticate(Bearer(login->token)).ok());
  clock_.Advance(31 * kMinute);
  auto expired = auth_->Authenticate(Bearer(login->token));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, "auth.session_expired");
  EXPECT_EQ(expired.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_sessions"), 0);
}

TEST_F(AuthServiceTest, IdleTimeoutSeenByAnotherProcess) {
  // A second service on the same database has no cache: it decides from last_seen_at.
  Create("wu.shi", {"grid_worker"});
  auto login = auth_->Login("wu.shi", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  clock_.Advance(29 * kMinute);
  EXPECT_TRUE(MakeService(config_)->Authenticate(Bearer(login->token)).ok());
  clock_.Advance(31 * kMinute);
  EXPECT_EQ(MakeService(config_)->Authenticate(Bearer(login->token)).error().code,
            "auth.session_expired");
}

TEST_F(AuthServiceTest, SessionEndsAtItsMaximumLifetime) {
  Create("zheng.yi", {"grid_worker"});
  auto login = auth_->Login("zheng.yi", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 12 * 60 / 20 - 1; ++i) {
    clock_.Advance(20 * kMinute);
    ASSERT_TRUE(auth_->Authenticate(Bearer(login->token)).ok()) << i;
  }
  clock_.Advance(20 * kMinute);
  EXPECT_EQ(auth_->Authenticate(Bearer(login->token)).error().code, "auth.session_expired");
}

TEST_F(AuthServiceTest, CookieNeedsCsrfOnUnsafeMethodsBearerDoesNot) {
  Create("feng.er", {"village_staff"});
  auto login = auth_->Login("feng.er", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  const std::string& token = login->token;
  const std::string& csrf = login->csrf_token;

  auto get = auth_->Authenticate(WithCookie(token, "GET"));
  ASSERT_TRUE(get.ok());
  EXPECT_TRUE(get->via_cookie);

  auto missing = auth_->Authenticate(WithCookie(token, "POST"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "auth.csrf");
  EXPECT_EQ(missing.error().kind, ErrorKind::kForbidden);

  auto wrong = auth_->Authenticate(WithCookie(token, "PATCH", csrf + "x"));
  EXPECT_EQ(wrong.error().code, "auth.csrf");
  // The cookie value alone is not proof: a cross-site form cannot read jiceng_csrf.
  http::Request forged = WithCookie(token, "POST");
  forged.headers["x-csrf-token"] = "";
  EXPECT_EQ(auth_->Authenticate(forged).error().code, "auth.csrf");

  EXPECT_TRUE(auth_->Authenticate(WithCookie(token, "POST", csrf)).ok());
  EXPECT_TRUE(auth_->Authenticate(WithCookie(token, "DELETE", csrf)).ok());
  // Same checks when the session is not cached (another process).
  EXPECT_EQ(MakeService(config_)->Authenticate(WithCookie(token, "POST")).error().code,
            "auth.csrf");
  EXPECT_TRUE(MakeService(config_)->Authenticate(WithCookie(token, "POST", csrf)).ok());

  auto bearer = auth_->Authenticate(Bearer(token, "POST"));
  ASSERT_TRUE(bearer.ok());
  EXPECT_FALSE(bearer->via_cookie);
}

TEST_F(AuthServiceTest, MissingOrUnknownTokens) {
  http::Request none;
  none.method = "GET";
  EXPECT_EQ(auth_->Authenticate(none).error().code, "auth.required");
  EXPECT_EQ(auth_->Authenticate(Bearer("not-a-token")).error().code, "auth.session_expired");
}

TEST_F(AuthServiceTest, LogoutTakesEffectImmediately) {
  Create("chen.san", {"grid_worker"});
  auto login = auth_->Login("chen.san", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  auto p = auth_->Authenticate(Bearer(login->token));  // now cached
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(auth_->Logout(*p, {"r", "10.0.0.1"}).ok());
  EXPECT_EQ(auth_->Authenticate(Bearer(login->token)).error().code, "auth.session_expired");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'auth.logout'"), 1);
}

TEST_F(AuthServiceTest, DisabledUsersCannotLogInAndLoseTheirSessions) {
  UserRecord u = Create("chu.si", {"grid_worker"});
  auto login = auth_->Login("chu.si", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth_->Authenticate(Bearer(login->token)).ok());
  Principal sys = auth_->PrincipalFor(Create("sys.admin", {"system_admin"}, "330681"));
  UserPatch patch;
  patch.disabled = true;
  ASSERT_TRUE(auth_->UpdateUser(sys, u.id, patch, {}).ok());
  EXPECT_EQ(auth_->Authenticate(Bearer(login->token)).error().code, "auth.session_expired");
  // With or without the right password a disabled account looks like any other failure; the
  // login log keeps the reason.
  EXPECT_EQ(auth_->Login("chu.si", kPassword, "10.0.0.1", "r").error().code,
            "auth.bad_credentials");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_login_log WHERE reason = 'disabled'"), 1);
  EXPECT_EQ(auth_->Login("chu.si", "Wrong-pass1", "10.0.0.1", "r").error().code,
            "auth.bad_credentials");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'user.disable'"), 1);
}

TEST_F(AuthServiceTest, CreateUserValidates) {
  Principal sys = AuthService::SystemActor();
  NewUser base{"han.mei", "韩梅", "330681001", kPassword, {"township_staff"}, ""};
  auto expect_code = [&](NewUser u, const std::string& code) {
    auto r = auth_->CreateUser(sys, u, {});
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code, code);
  };
  NewUser u = base;
  u.username = "Han";
  expect_code(u, "user.username.invalid");
  u = base;
  u.username = "ab";
  expect_code(u, "user.username.invalid");
  u = base;
  u.password = "abcdefg1";
  expect_code(u, "auth.password.too_weak");
  u = base;
  u.password = "Han.mei-2024";
  expect_code(u, "auth.password.contains_username");
  u = base;
  u.roles = {"mayor"};
  expect_code(u, "auth.role.unknown");
  u = base;
  u.roles = {};
  expect_code(u, "user.roles.empty");
  u = base;
  u.roles = {"system_admin", "audit_admin"};
  expect_code(u, "user.roles.admin_exclusive");
  u = base;
  u.roles = {"system_admin", "township_staff"};  // an admin role never sits with a business one
  expect_code(u, "user.roles.admin_exclusive");
  u = base;
  u.org_code = "33068";
  expect_code(u, "org.not_found");

  ASSERT_TRUE(auth_->CreateUser(sys, base, {}).ok());
  auto taken = auth_->CreateUser(sys, base, {});
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, "user.username_taken");
  EXPECT_EQ(taken.error().kind, ErrorKind::kConflict);
  // The audit record was written with the user, and holds no password.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'user.create'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE summary LIKE '%" + std::string(kPassword) +
                  "%'"),
            0);
}

TEST_F(AuthServiceTest, UserManagementStaysInsideTheActorsScope) {
  UserRecord mine = Create("in.scope", {"village_staff"}, "330681001001");
  UserRecord other = Create("out.scope", {"village_staff"}, "330681002001");
  Principal township;
  township.user_id = 999;
  township.username = "township.manager";
  township.permissions = {"user.read", "user.write"};
  township.scope = Scope::Of({"330681001"});

  auto page = auth_->ListUsers(township.scope, "", "", 50, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, mine.id);
  EXPECT_EQ(auth_->GetUser(township.scope, other.id).error().code, "user.not_found");

  UserPatch rename;
  rename.display_name = "新名字";
  EXPECT_TRUE(auth_->UpdateUser(township, mine.id, rename, {}).ok());
  EXPECT_EQ(auth_->UpdateUser(township, other.id, rename, {}).error().code, "user.not_found");
  UserPatch move;
  move.org_code = "330681002";
  EXPECT_EQ(auth_->UpdateUser(township, mine.id, move, {}).error().code, "org.not_found");
  NewUser outside{"new.one", "新人", "330681002001", kPassword, {"grid_worker"}, ""};
  EXPECT_EQ(auth_->CreateUser(township, outside, {}).error().code, "org.not_found");
}

TEST_F(AuthServiceTest, ListUsersPagesAndFilters) {
  for (int i = 0; i < 5; ++i) Create("user." + std::to_string(i), {"grid_worker"});
  Create("other.person", {"grid_worker"}, "330681002001");
  auto first = auth_->ListUsers(Scope::All(), "user", "", 3, "");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 3u);
  ASSERT_TRUE(first->next_cursor.has_value());
  auto second = auth_->ListUsers(Scope::All(), "user", "", 3, *first->next_cursor);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->items.size(), 2u);
  EXPECT_FALSE(second->next_cursor.has_value());
  auto by_org = auth_->ListUsers(Scope::All(), "", "330681002", 50, "");
  ASSERT_TRUE(by_org.ok());
  ASSERT_EQ(by_org->items.size(), 1u);
  EXPECT_EQ(by_org->items[0].username, "other.person");
  EXPECT_EQ(auth_->ListUsers(Scope::All(), "", "", 50, "abc").error().code, "http.bad_cursor");
}

TEST_F(AuthServiceTest, PrincipalScopes) {
  Principal aud = auth_->PrincipalFor(Create("aud.admin", {"audit_admin"}, "330681"));
  EXPECT_TRUE(aud.ManagementScope().IsAll());  // the audit log everywhere...
  EXPECT_TRUE(aud.scope.IsEmpty());            // ...and no governed data anywhere
  EXPECT_TRUE(aud.Has("audit.read"));
  EXPECT_FALSE(aud.Has("org.read"));
  Principal sys = auth_->PrincipalFor(Create("sys.admin", {"system_admin"}, "330681"));
  EXPECT_TRUE(sys.ManagementScope().IsAll());
  EXPECT_TRUE(sys.scope.IsEmpty());

  Principal staff = auth_->PrincipalFor(Create("tw.staff", {"township_staff"}, "330681001"));
  EXPECT_EQ(staff.scope.prefixes(), std::vector<std::string>{"330681001"});
  EXPECT_EQ(staff.ManagementScope().prefixes(), std::vector<std::string>{"330681001"});

  UserRecord worker = Create("grid.worker", {"grid_worker"}, "330681001001");
  EXPECT_EQ(auth_->PrincipalFor(worker).scope.prefixes(),
            std::vector<std::string>{"330681001001"});  // no resolver: org_code
  auth_->SetScopeResolver([](const UserRecord& u) {
    return u.username == "grid.worker"
               ? std::vector<std::string>{"330681001001002", "330681001001001"}
               : std::vector<std::string>{};
  });
  EXPECT_EQ(auth_->PrincipalFor(worker).scope.prefixes(),
            (std::vector<std::string>{"330681001001001", "330681001001002"}));
  auto login = auth_->Login("grid.worker", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  auto p = auth_->Authenticate(Bearer(login->token));
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->scope.Covers("330681001001002"));
  EXPECT_FALSE(p->scope.Covers("330681001001003"));
  EXPECT_FALSE(p->scope.Covers("330681001001"));
}

TEST_F(AuthServiceTest, TheLastSecurityAdministratorKeepsTheRole) {
  UserRecord only = Create("sec.only", {"security_admin"}, "330681");
  auto r = auth_->SetAdminRole(AuthService::SystemActor(), only.id, std::nullopt, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "user.admin_role.last_security");
  // A disabled second one does not count; an enabled one does.
  UserRecord second = Create("sec.second", {"security_admin"}, "330681");
  UserPatch off;
  off.disabled = true;
  ASSERT_TRUE(auth_->UpdateUser(AuthService::SystemActor(), second.id, off, {}).ok());
  EXPECT_FALSE(auth_->SetAdminRole(AuthService::SystemActor(), only.id, std::nullopt, {}).ok());
  off.disabled = false;
  ASSERT_TRUE(auth_->UpdateUser(AuthService::SystemActor(), second.id, off, {}).ok());
  auto revoked = auth_->SetAdminRole(AuthService::SystemActor(), only.id, std::nullopt, {});
  ASSERT_TRUE(revoked.ok()) << revoked.error().code;
  EXPECT_TRUE(revoked->roles.empty());
}

TEST_F(AuthServiceTest, RoleChangeReachesCachedSessions) {
  UserRecord u = Create("role.change", {"grid_worker"});
  auto login = auth_->Login("role.change", kPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.ok());
  ASSERT_FALSE(auth_->Authenticate(Bearer(login->token))->Has("org.grid.write"));
  UserPatch patch;
  patch.roles = std::vector<std::string>{"village_staff"};
  ASSERT_TRUE(auth_->UpdateUser(AuthService::SystemActor(), u.id, patch, {}).ok());
  EXPECT_TRUE(auth_->Authenticate(Bearer(login->token))->Has("org.grid.write"));
}

TEST_F(AuthServiceTest, PasswordChangesAreRateLimitedPerAccountAndPerClient) {
  app::AuthConfig config = config_;
  config.password_change_rate_per_hour = 3;
  config.password_change_client_rate_per_hour = 5;
  auto auth = MakeService(config);
  Principal a = auth->PrincipalFor(Create("rl.one", {"grid_worker"}));
  Principal b = auth->PrincipalFor(Create("rl.two", {"grid_worker"}));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(auth->ChangePassword(a, "Wrong-pass1", "New-pass-22", {"r", "10.0.0.1"}).error().code,
              "auth.password.wrong_old")
        << i;
  }
  // The fourth attempt of the account is refused, even with the right password and from
  // elsewhere; nothing is changed.
  auto limited = auth->ChangePassword(a, kPassword, "New-pass-22", {"r", "10.0.0.9"});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, "auth.password.rate_limited");
  EXPECT_EQ(limited.error().kind, ErrorKind::kRateLimited);
  EXPECT_TRUE(auth->Login("rl.one", kPassword, "10.0.0.1", "r").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'auth.password_change' AND "
                  "outcome = 'denied'"),
            1);
  // From 10.0.0.1 three attempts are counted already: two more of another account pass the
  // client's limit of five, the third does not.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(auth->ChangePassword(b, "Wrong-pass1", "New-pass-22", {"r", "10.0.0.1"}).error().code,
              "auth.password.wrong_old");
  }
  EXPECT_EQ(auth->ChangePassword(b, "Wrong-pass1", "New-pass-22", {"r", "10.0.0.1"}).error().code,
            "auth.password.rate_limited");
  // An hour later the account may try again.
  clock_.Advance(60 * kMinute);
  EXPECT_TRUE(auth->ChangePassword(a, kPassword, "New-pass-22", {"r", "10.0.0.1"}).ok());
}

TEST_F(AuthServiceTest, ChangeAndResetPassword) {
  UserRecord u = Create("pw.user", {"grid_worker"});
  auto a = auth_->Login("pw.user", kPassword, "10.0.0.1", "r");
  auto b = auth_->Login("pw.user", kPassword, "10.0.0.2", "r");
  ASSERT_TRUE(a.ok() && b.ok());
  auto pa = auth_->Authenticate(Bearer(a->token));
  ASSERT_TRUE(auth_->Authenticate(Bearer(b->token)).ok());
  ASSERT_TRUE(pa.ok());

  EXPECT_EQ(auth_->ChangePassword(*pa, "Wrong-pass1", "New-pass-22", {}).error().code,
            "auth.password.wrong_old");
  EXPECT_EQ(auth_->ChangePassword(*pa, kPassword, "short", {}).error().code,
            "auth.password.too_short");
  ASSERT_TRUE(auth_->ChangePassword(*pa, kPassword, "New-pass-22", {}).ok());
  EXPECT_TRUE(auth_->Authenticate(Bearer(a->token)).ok());  // this session stays
  EXPECT_EQ(auth_->Authenticate(Bearer(b->token)).error().code, "auth.session_expired");
  EXPECT_EQ(auth_->Login("pw.user", kPassword, "10.0.0.1", "r").error().code,
            "auth.bad_credentials");
  EXPECT_TRUE(auth_->Login("pw.user", "New-pass-22", "10.0.0.1", "r").ok());

  Principal sec = auth_->PrincipalFor(Create("sec.admin", {"security_admin"}, "330681"));
  EXPECT_EQ(auth_->ResetPassword(sec, u.id, "weak", {}).error().code, "auth.password.too_short");
  ASSERT_TRUE(auth_->ResetPassword(sec, u.id, "Reset-pass-33", {}).ok());
  EXPECT_EQ(auth_->Authenticate(Bearer(a->token)).error().code, "auth.session_expired");
  EXPECT_TRUE(auth_->Login("pw.user", "Reset-pass-33", "10.0.0.1", "r").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM core_audit WHERE action = 'user.password_reset'"), 1);
}

TEST_F(AuthServiceTest, LoginLogListIsScoped) {
  Create("log.user", {"grid_worker"}, "330681001001");
  (void)auth_->Login("log.user", kPassword, "10.0.0.1", "r");
  (void)auth_->Login("log.user", "Wrong-pass1", "10.0.0.1", "r");
  (void)auth_->Login("ghost", "Wrong-pass1", "10.0.0.1", "r");
  auto all = auth_->ListLogins(Scope::All(), "", "", 50, "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 3u);
  EXPECT_EQ(all->items[0].username, "ghost");  // newest first
  EXPECT_EQ(all->items[0].reason, "unknown_user");
  auto township = auth_->ListLogins(Scope::Of({"330681001"}), "", "failure", 50, "");
  ASSERT_TRUE(township.ok());
  ASSERT_EQ(township->items.size(), 1u);
  EXPECT_EQ(township->items[0].reason, "bad_password");
}

TEST_F(AuthServiceTest, ExpiredSessionsArePurged) {
  Create("purge.me", {"grid_worker"});
  ASSERT_TRUE(auth_->Login("purge.me", kPassword, "10.0.0.1", "r").ok());
  EXPECT_EQ(auth_->PurgeExpiredSessions().value(), 0);
  clock_.Advance(32 * kMinute);
  EXPECT_EQ(auth_->PurgeExpiredSessions().value(), 1);
}

TEST_F(AuthServiceTest, AuditChainStaysValid) {
  Create("chain.user", {"grid_worker"});
  (void)auth_->Login("chain.user", kPassword, "10.0.0.1", "r");
  (void)auth_->Login("chain.user", "Wrong-pass1", "10.0.0.1", "r");
  auto report = audit_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->checked, 3);
}

}  // namespace
}  // namespace jiceng::core::auth
