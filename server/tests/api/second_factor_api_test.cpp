// The administrators' second factor (MLPS level 3) through the API: an administrator without
// one can only enrol; enrolment shows a QR code and gives recovery codes once; login then needs
// a fresh code (never one used before) or an unused recovery code; the security administrator
// resets a lost one.
#include <gtest/gtest.h>

#include "core/auth/totp.hpp"
#include "tests/test_app.hpp"

namespace jiceng::testing {
namespace {

constexpr std::int64_t kStart = 1'796'000'000'000;  // 2026-11-30, on the manual clock

class SecondFactorApi : public ::testing::Test {
 protected:
  void SetUp() override {
    TestAppOptions options;
    options.manual_clock_ms = kStart;
    app_ = std::make_unique<TestApp>(options);
    ASSERT_TRUE(app_->ok()) << app_->error();
  }
  HttpClient Client() { return app_->client(); }
  std::string Code(const std::string& secret) {
    return core::auth::TotpCode(secret, app_->clock()->NowMs());
  }
  static std::string ErrorCode(const HttpResponse& r) { return r.json().value("code", ""); }
  HttpResponse Login(const std::string& user, const std::string& otp = "") {
    Json body{{"username", user}, {"password", TestApp::kDemoPassword}, {"bearer", true}};
    if (!otp.empty()) body["otp"] = otp;
    return Client().Post("/api/v1/auth/login", body);
  }

  std::unique_ptr<TestApp> app_;
};

TEST_F(SecondFactorApi, EnrolThenLogInWithACodeOrARecoveryCode) {
  HttpResponse first = Login("auditor");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["pending"], "totp_enrol");
  const std::string token = first.json()["token"];
  // Until enrolled, the session reaches nothing else.
  HttpResponse blocked = Client().Get("/api/v1/audit", As(token));
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(ErrorCode(blocked), "auth.pending.totp_enrol");

  HttpResponse begun = Client().Post("/api/v1/auth/totp", Json::object(), As(token));
  ASSERT_EQ(begun.status, 200) << begun.body;
  EXPECT_EQ(begun.json()["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
  EXPECT_EQ(begun.json()["uri"].get<std::string>().rfind("otpauth://totp/Jiceng:auditor?", 0), 0u);
  EXPECT_EQ(begun.Header("cache-control"), "no-store");
  auto secret = core::auth::TotpSecretFromBase32(begun.json()["secret"]);
  ASSERT_TRUE(secret);

  HttpResponse wrong =
      Client().Post("/api/v1/auth/totp/confirm", Json{{"code", "000000"}}, As(token));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(ErrorCode(wrong), "auth.otp.invalid");
  HttpResponse confirmed =
      Client().Post("/api/v1/auth/totp/confirm", Json{{"code", Code(*secret)}}, As(token));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const Json recovery = confirmed.json()["recovery_codes"];
  ASSERT_EQ(recovery.size(), 10u);
  EXPECT_EQ(Client().Get("/api/v1/audit", As(token)).status, 200);  // the same session goes on

  // The next login needs the second factor; the code used at enrolment is spent.
  HttpResponse none = Login("auditor");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(ErrorCode(none), "auth.otp.required");
  HttpResponse replay = Login("auditor", Code(*secret));
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(ErrorCode(replay), "auth.otp.invalid");
  app_->clock()->Advance(30'000);
  HttpResponse fresh = Login("auditor", Code(*secret));
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(fresh.json()["pending"], "");
  // An unused code is refused two steps later (one step of drift is allowed, not two).
  app_->clock()->Advance(30'000);
  const std::string old_code = Code(*secret);
  app_->clock()->Advance(60'000);
  EXPECT_EQ(Login("auditor", old_code).status, 401);

  // A recovery code works once, typed with or without its dash and in either case.
  std::string rc = recovery[0];
  std::string typed;
  for (char c : rc)
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(Login("auditor", typed).status, 200);
  EXPECT_EQ(Login("auditor", rc).status, 401);
}

TEST_F(SecondFactorApi, WrongCodesCountTowardsTheLockout) {
  const std::string token = app_->Token("admin");  // enrols through the API
  ASSERT_FALSE(token.empty());
  for (int i = 0; i < 4; ++i) {
    HttpResponse r = Login("admin", "123456");
    EXPECT_EQ(ErrorCode(r), "auth.otp.invalid") << i;
  }
  HttpResponse fifth = Login("admin", "123456");
  EXPECT_EQ(ErrorCode(fifth), "auth.otp.invalid");
  // Now locked: even the right code is refused, with the answer any failed login gets.
  HttpResponse locked = Login("admin", app_->TotpCode("admin"));
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(ErrorCode(locked), "auth.bad_credentials");
}

TEST_F(SecondFactorApi, TheSecurityAdministratorResetsALostFactor) {
  ASSERT_FALSE(app_->Token("admin").empty());
  HttpResponse users = Client().Get("/api/v1/users?q=admin", As(app_->Token("security")));
  std::int64_t admin_id = 0;
  const Json listed = users.json();
  for (const auto& u : listed["items"]) {
    if (u["username"] == "admin") {
      admin_id = u["id"];
      EXPECT_TRUE(u["totp_enabled"].get<bool>());
    }
  }
  ASSERT_GT(admin_id, 0) << users.body;
  HttpResponse reset = Client().Post("/api/v1/users/" + std::to_string(admin_id) + "/totp/reset",
                                     Json::object(), As(app_->Token("security")));
  ASSERT_EQ(reset.status, 204) << reset.body;
  // Its sessions ended; the next login is back to enrolment.
  EXPECT_EQ(Client().Get("/api/v1/users", As(app_->Token("admin"))).status, 401);
  HttpResponse again = Login("admin");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["pending"], "totp_enrol");
  // Business accounts have no second factor to give.
  HttpResponse staff = Login("county");
  ASSERT_EQ(staff.status, 200);
  EXPECT_EQ(staff.json()["pending"], "");
}

}  // namespace
}  // namespace jiceng::testing
