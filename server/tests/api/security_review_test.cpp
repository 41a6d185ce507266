// Security review of 2026-12 (issue 12), findings 8 and 9, through the HTTP API: caps on what an
// upload or a boundary may hold, login failures that all look alike, rate limits on password
// changes and on the import's ID-number probe, the session token kept out of cookie logins'
// bodies, /metrics closed to the network, no internals in error answers, and private uploads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/text/id_number.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace security_review {

// The resident import's header row (docs/api-people.md).
const std::vector<std::string> kImportHeader = {"姓名",       "性别",     "出生日期", "证件号码",
                                                "联系电话",   "网格编码", "民族",     "户号",
                                                "与户主关系", "房屋地址", "备注"};

std::string CsvOf(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  return out;
}

class SecurityReviewApi : public SharedAppTest {
 protected:
  static HttpResponse UploadCsv(const std::string& user, const std::string& bytes,
                                const std::string& mode = "dry_run") {
    RequestOptions o = User(user);
    o.content_type = "text/csv";
    return Client().Post("/api/v1/imports/residents?mode=" + mode + "&filename=r.csv", bytes, o);
  }
};

// Finding 9a: a header row of 201 columns, or a cell of 64 KB + 1, is refused at upload with a
// stable code, before any job runs.
TEST_F(SecurityReviewApi, ImportRefusesTooManyColumnsAndHugeCells) {
  std::vector<std::string> wide = kImportHeader;
  while (wide.size() <= 200) wide.push_back("备用" + std::to_string(wide.size()));
  HttpResponse columns = UploadCsv("village", CsvOf({wide}));
  EXPECT_EQ(columns.status, 422) << columns.body;
  EXPECT_EQ(columns.json().value("code", ""), "import.file.too_many_columns") << columns.body;
  EXPECT_EQ(columns.json().value("field", ""), "file");

  std::vector<std::string> huge = kImportHeader;
  huge.back() = std::string(64 * 1024 + 1, 'x');
  HttpResponse cell = UploadCsv("village", CsvOf({huge}));
  EXPECT_EQ(cell.status, 422) << cell.body.substr(0, 300);
  EXPECT_EQ(cell.json().value("code", ""), "import.file.field_too_large");
  EXPECT_NE(cell.json().value("title", "").find("64 KB"), std::string::npos);
}

// Finding 9a: a grid boundary of more than 10,000 vertices in a ring is refused (422) before
// the geometry engine works on it.
TEST_F(SecurityReviewApi, GridBoundaryVerticesAreCapped) {
  Json ring = Json::array();
  const int n = 10'001;
  for (int i = 0; i + 1 < n; ++i) {
    double a = 2 * 3.14159265358979 * i / (n - 1);
    ring.push_back({120.2 + 0.001 * std::cos(a), 29.7 + 0.001 * std::sin(a)});
  }
  ring.push_back(ring[0]);
  Json input = {{"village_code", kVillage},
                {"name", "超大边界"},
                {"kind", "comprehensive"},
                {"geometry", {{"type", "Polygon"}, {"coordinates", Json::array({ring})}}},
                {"household_capacity", 100},
                {"population_capacity", 300},
                {"hotline", "0575-87001234"},
                {"worker_ids", Json::array()}};
  HttpResponse r = Client().Post("/api/v1/grids", input, User("township"));
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_EQ(r.json().value("code", ""), "org.grid.geometry_too_large");
  EXPECT_EQ(r.json().value("field", ""), "geometry");
}

// Finding 9b: an unknown name, a wrong password, a locked account and a disabled one get the
// same status, code and message; the lock still holds and the login log keeps the reason.
TEST_F(SecurityReviewApi, EveryFailedLoginLooksTheSame) {
  const std::string admin = Token("admin");
  ASSERT_FALSE(admin.empty());
  const std::string password = "Sr-Test-2026x";
  std::int64_t disabled_id = 0;
  for (const char* name : {"sr.locked", "sr.disabled"}) {
    HttpResponse created = Client().Post("/api/v1/users",
                                         Json{{"username", name},
                                              {"display_name", "测试"},
                                              {"org_code", kVillage},
                                              {"password", password},
                                              {"roles", Json::array({"village_staff"})}},
                                         As(admin));
    ASSERT_EQ(created.status, 201) << created.body;
    if (std::string(name) == "sr.disabled") disabled_id = created.json()["id"].get<std::int64_t>();
  }
  auto login = [&](const std::string& user, const std::string& pw) {
    return Client().Post("/api/v1/auth/login", Json{{"username", user}, {"password", pw}});
  };
  std::vector<HttpResponse> answers;
  answers.push_back(login("sr.nobody", password));        // unknown
  answers.push_back(login("sr.locked", "Wrong-pass-1"));  // wrong password
  for (int i = 0; i < 4; ++i) ASSERT_EQ(login("sr.locked", "Wrong-pass-1").status, 401);
  answers.push_back(login("sr.locked", password));  // locked: the right password is refused
  HttpResponse disabled = Client().Send("PATCH", "/api/v1/users/" + std::to_string(disabled_id),
                                        Json{{"disabled", true}}.dump(), As(admin));
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  answers.push_back(login("sr.disabled", password));  // disabled
  for (const HttpResponse& r : answers) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.json().value("code", ""), "auth.bad_credentials") << r.body;
    EXPECT_EQ(r.json().value("title", ""), answers[0].json().value("title", "")) << r.body;
    EXPECT_FALSE(r.json().contains("detail")) << r.body;  // no "locked until"
  }
  // The reasons are kept where the security administrator looks.
  auto reasons = app_->app().context().db.Query(
      "SELECT reason FROM core_login_log WHERE username LIKE 'sr.%' AND outcome = 'failure'");
  ASSERT_TRUE(reasons.ok());
  std::multiset<std::string> seen;
  for (std::size_t i = 0; i < reasons->size(); ++i) seen.insert((*reasons)[i].Text(0));
  EXPECT_EQ(seen.count("unknown_user"), 1u);
  EXPECT_EQ(seen.count("bad_password"), 5u);
  EXPECT_EQ(seen.count("locked"), 1u);
  EXPECT_EQ(seen.count("disabled"), 1u);
}

// Finding 9c: POST /api/v1/auth/password tries the old password; from one session it is not an
// oracle: after 10 attempts in an hour the account gets 429, even with the right password.
TEST_F(SecurityReviewApi, PasswordChangesAreRateLimited) {
  const std::string admin = Token("admin");
  const std::string password = "Sr-Pass-2026y";
  HttpResponse created = Client().Post("/api/v1/users",
                                       Json{{"username", "sr.pw"},
                                            {"display_name", "测试"},
                                            {"org_code", kVillage},
                                            {"password", password},
                                            {"roles", Json::array({"village_staff"})}},
                                       As(admin));
  ASSERT_EQ(created.status, 201) << created.body;
  HttpResponse login = app_->Login("sr.pw", password);
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = login.json().value("token", "");
  ASSERT_FALSE(token.empty());
  for (int i = 0; i < 10; ++i) {
    HttpResponse wrong = Client().Post(
        "/api/v1/auth/password",
        Json{{"old_password", "Wrong-pass-1"}, {"new_password", "Sr-New-2026z"}}, As(token));
    ASSERT_EQ(wrong.status, 422) << i << " " << wrong.body;
    EXPECT_EQ(wrong.json().value("code", ""), "auth.password.wrong_old");
  }
  HttpResponse limited =
      Client().Post("/api/v1/auth/password",
                    Json{{"old_password", password}, {"new_password", "Sr-New-2026z"}}, As(token));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.json().value("code", ""), "auth.password.rate_limited");
  // The password did not change.
  EXPECT_EQ(app_->Login("sr.pw", password).status, 200);
}

// Finding 9d: a browser's login carries the session only in the HttpOnly cookie; its body has
// no token. A bearer client that asks for one gets it, and no cookie.
TEST_F(SecurityReviewApi, CookieLoginsDoNotEchoTheSessionToken) {
  HttpResponse browser = Client().Post(
      "/api/v1/auth/login", Json{{"username", "grid1"}, {"password", TestApp::kDemoPassword}});
  ASSERT_EQ(browser.status, 200) << browser.body;
  EXPECT_FALSE(browser.json().contains("token")) << browser.body;
  std::string session, csrf;
  for (const std::string& c : browser.Headers("set-cookie")) {
    auto value = [&](const std::string& name) {
      return c.substr(name.size(), c.find(';') - name.size());
    };
    if (c.rfind("jiceng_session=", 0) == 0) session = value("jiceng_session=");
    if (c.rfind("jiceng_csrf=", 0) == 0) csrf = value("jiceng_csrf=");
  }
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(browser.body.find(session), std::string::npos);
  EXPECT_EQ(browser.json().value("csrf_token", ""), csrf);
  // The cookie is the session.
  RequestOptions with_cookie;
  with_cookie.cookie = "jiceng_session=" + session + "; jiceng_csrf=" + csrf;
  HttpResponse me = Client().Get("/api/v1/auth/me", with_cookie);
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["user"].value("username", ""), "grid1");

  HttpResponse api = app_->Login("grid1");  // "bearer": true
  ASSERT_EQ(api.status, 200) << api.body;
  const std::string token = api.json().value("token", "");
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(api.Headers("set-cookie").empty());
  EXPECT_EQ(Client().Get("/api/v1/auth/me", As(token)).status, 200);
}

// Finding 9f: /metrics answers loopback clients and holders of the metrics token; a client a
// trusted proxy forwards from elsewhere gets 404, as does a wrong token.
TEST(SecurityReviewMetrics, OnlyLoopbackOrTheTokenReadsMetrics) {
  TestAppOptions options;
  options.seed_demo = false;
  options.trusted_proxies = {"127.0.0.1"};
  options.configure = [](core::app::Config& c) {
    c.server.metrics_token = "metrics-secret-0123456789";
  };
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  EXPECT_EQ(app.client().Get("/metrics").status, 200);  // loopback, no proxy header

  RequestOptions outsider;
  outsider.headers = {{"X-Forwarded-For", "203.0.113.7"}};
  HttpResponse refused = app.client().Get("/metrics", outsider);
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(refused.json().value("code", ""), "http.not_found");
  EXPECT_EQ(refused.body.find("jiceng_http"), std::string::npos);
  // A forged loopback entry left of the real client changes nothing.
  outsider.headers = {{"X-Forwarded-For", "127.0.0.1, 203.0.113.7"}};
  EXPECT_EQ(app.client().Get("/metrics", outsider).status, 404);

  RequestOptions wrong = outsider;
  wrong.bearer = "metrics-secret-012345678";
  EXPECT_EQ(app.client().Get("/metrics", wrong).status, 404);
  RequestOptions scraper = outsider;
  scraper.bearer = "metrics-secret-0123456789";
  HttpResponse scraped = app.client().Get("/metrics", scraper);
  EXPECT_EQ(scraped.status, 200);
  EXPECT_NE(scraped.body.find("jiceng_http_requests_total"), std::string::npos);
}

TEST(SecurityReviewMetrics, WithoutATokenOnlyLoopbackReadsMetrics) {
  TestAppOptions options;
  options.seed_demo = false;
  options.trusted_proxies = {"127.0.0.1"};
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  RequestOptions outsider;
  outsider.headers = {{"X-Forwarded-For", "198.51.100.4"}};
  outsider.bearer = "anything-at-all-here";
  EXPECT_EQ(app.client().Get("/metrics", outsider).status, 404);
  EXPECT_EQ(app.client().Get("/metrics").status, 200);
}

// Finding 9h: uploads wait in a private folder with the data (mode 0700), each file 0600.
TEST_F(SecurityReviewApi, ImportUploadsWaitInAPrivateFolderWithTheData) {
  std::vector<std::string> row = {"隐私测试", "", "", "", "", kGrid1, "", "", "", "", ""};
  HttpResponse r = UploadCsv("village", CsvOf({kImportHeader, row}));
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string dir = core::app::DataPath(app_->app().context().config, "imports");
  namespace fs = std::filesystem;
  ASSERT_TRUE(fs::is_directory(fs::symlink_status(dir))) << dir;
  EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all) << dir;
  const std::string file =
      (fs::path(dir) / ("import-" + std::to_string(r.json()["id"].get<std::int64_t>()) + ".upload"))
          .string();
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write)
      << file;
}

// A link planted where the folder belongs (another local user's trap) is refused: uploads are
// answered 500 and nothing lands where the link points.
TEST(SecurityReviewUploads, APlantedLinkInsteadOfTheFolderIsRefused) {
  namespace fs = std::filesystem;
  static int n = 0;
  const fs::path base =
      fs::path(TempDir()) / ("planted-" + std::to_string(getpid()) + "-" + std::to_string(++n));
  const fs::path trap = base / "trap";
  fs::create_directories(base / "data");
  fs::create_directories(trap);
  TestAppOptions options;
  options.configure = [&](core::app::Config& c) {
    c.security.key_file = (base / "data" / "data.key").string();  // PostgreSQL: folder beside it
    fs::create_symlink(trap, core::app::DataPath(c, "imports"));
  };
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  RequestOptions o = As(app.Token("village"));
  o.content_type = "text/csv";
  std::vector<std::string> row = {"陷阱测试", "", "", "", "", kGrid1, "", "", "", "", ""};
  HttpResponse r = app.client().Post("/api/v1/imports/residents?mode=dry_run&filename=r.csv",
                                     CsvOf({kImportHeader, row}), o);
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "server.internal");
  EXPECT_TRUE(fs::is_empty(trap)) << "an upload landed in the planted folder";
}

// Export workbooks (personal data) are written in a private folder with the data, not the
// shared /tmp, and removed once answered; a link planted in its place is refused.
TEST_F(SecurityReviewApi, ExportsAreWrittenInAPrivateFolderAndRemoved) {
  HttpResponse r = Client().Get("/api/v1/residents/export.xlsx", User("village"));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string dir = core::app::DataPath(app_->app().context().config, "exports");
  namespace fs = std::filesystem;
  ASSERT_TRUE(fs::is_directory(fs::symlink_status(dir))) << dir;
  EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all) << dir;
  EXPECT_TRUE(fs::is_empty(dir)) << "the workbook stayed on disk";
}

TEST(SecurityReviewExports, APlantedLinkInsteadOfTheFolderIsRefused) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(TempDir()) / ("planted-export-" + std::to_string(getpid()));
  const fs::path trap = base / "trap";
  fs::remove_all(base);
  fs::create_directories(base / "data");
  fs::create_directories(trap);
  TestAppOptions options;
  options.configure = [&](core::app::Config& c) {
    c.security.key_file = (base / "data" / "data.key").string();  // PostgreSQL: folder beside it
    fs::create_symlink(trap, core::app::DataPath(c, "exports"));
  };
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  HttpResponse r = app.client().Get("/api/v1/residents/export.xlsx", As(app.Token("village")));
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "server.internal");
  EXPECT_TRUE(fs::is_empty(trap)) << "a workbook landed in the planted folder";
}

// A valid ID number of 诸暨市 born on yyyymmdd; seq makes it unique.
std::string ValidId(const std::string& yyyymmdd, int seq) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "330681%s%03d", yyyymmdd.c_str(), seq % 1000);
  return std::string(first17) + core::text::IdCheckChar(first17);
}

// Polls an import job until it ends.
Json WaitForImport(const TestApp& app, const std::string& token, std::int64_t id) {
  Json job;
  for (int i = 0; i < 1000; ++i) {
    job = app.client().Get("/api/v1/imports/" + std::to_string(id), As(token)).json();
    if (job.value("status", "") == "done" || job.value("status", "") == "failed") return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "import " << id << " did not end: " << job.dump();
  return job;
}

// Finding 8: a dry run tells "registered elsewhere" for an ID number anywhere in the county.
// Who checked how many numbers is audited (never the numbers), and uploads are limited per
// account ([people] import_uploads_per_hour; 429 import.rate_limited).
TEST(SecurityReviewImportProbe, IdChecksAreAuditedAndRateLimitedPerAccount) {
  TestAppOptions options;
  options.configure = [](core::app::Config& c) { c.people.import_uploads_per_hour = 3; };
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  const std::string village = app.Token("village");
  RequestOptions o = As(village);
  o.content_type = "text/csv";
  const std::vector<std::string> ids = {ValidId("19800101", 11), ValidId("19800102", 13),
                                        ValidId("19800103", 15)};
  std::vector<std::vector<std::string>> rows = {kImportHeader};
  for (const std::string& id : ids)
    rows.push_back({"探查", "", "", id, "", kGrid1, "", "", "", "", ""});
  const std::string target = "/api/v1/imports/residents?mode=dry_run&filename=r.csv";
  // The township registers the first number in another village, outside the village's scope.
  RequestOptions township = As(app.Token("township"));
  township.content_type = "text/csv";
  const std::string other_grid = std::string(kSiblingVillage) + "001";
  HttpResponse registered = app.client().Post(
      "/api/v1/imports/residents?mode=valid_only&filename=r.csv",
      CsvOf({kImportHeader, {"别处", "", "", ids[0], "", other_grid, "", "", "", "", ""}}),
      township);
  ASSERT_EQ(registered.status, 202) << registered.body;
  Json written =
      WaitForImport(app, app.Token("township"), registered.json()["id"].get<std::int64_t>());
  ASSERT_EQ(written.value("inserted_rows", 0), 1) << written.dump();

  HttpResponse first = app.client().Post(target, CsvOf(rows), o);
  ASSERT_EQ(first.status, 202) << first.body;
  Json job = WaitForImport(app, village, first.json()["id"].get<std::int64_t>());
  ASSERT_EQ(job.value("status", ""), "done") << job.dump();

  auto audit = app.app().context().db.Query(
      "SELECT actor, target_id, summary FROM core_audit WHERE action = 'people.import.id_check' "
      "AND actor = 'village'");
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].Text(0), "village");
  EXPECT_EQ((*audit)[0].Text(1), std::to_string(first.json()["id"].get<std::int64_t>()));
  Json summary = Json::parse((*audit)[0].Text(2));
  EXPECT_EQ(summary.value("id_numbers_checked", -1), 3) << summary.dump();
  EXPECT_EQ(summary.value("registered_elsewhere", -1), 1) << summary.dump();
  for (const std::string& id : ids) {
    EXPECT_EQ((*audit)[0].Text(2).find(id), std::string::npos) << "ID number in clear";
  }

  EXPECT_EQ(app.client().Post(target, CsvOf(rows), o).status, 202);
  EXPECT_EQ(app.client().Post(target, CsvOf(rows), o).status, 202);
  HttpResponse limited = app.client().Post(target, CsvOf(rows), o);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.json().value("code", ""), "import.rate_limited");
  EXPECT_EQ(app.client().Post(target, CsvOf(rows), o).status, 429);
  // Only the first refusal is written down; another account is not affected.
  auto denied = app.app().context().db.Query(
      "SELECT COUNT(*) FROM core_audit WHERE action = 'people.import' AND outcome = 'denied' AND "
      "actor = 'village'");
  ASSERT_TRUE(denied.ok());
  EXPECT_EQ((*denied)[0].Int(0), 1);
  EXPECT_EQ(app.client().Post(target, CsvOf(rows), township).status, 202);
}

}  // namespace security_review
}  // namespace jiceng::testing
