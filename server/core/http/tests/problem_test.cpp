// What an error answer may say (security review finding 9g): an exception, a database error or
// a file error is answered 500 server.internal with the request id and nothing of what went
// wrong; the detail of a database conflict (table, column, constraint) is not answered either.
// Through a real server and a real database of the driver under test.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "core/db/database.hpp"
#include "core/http/server.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::http {
namespace problem_test {

using jiceng::testing::HttpClient;
using jiceng::testing::HttpResponse;

RouteSpec PublicGet(std::string pattern, Handler handler) {
  RouteSpec spec;
  spec.method = "GET";
  spec.pattern = std::move(pattern);
  spec.handler = std::move(handler);
  spec.access = Access::kPublic;
  return spec;
}

class ProblemAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    db::Database* db = db_.get();
    ASSERT_TRUE(db->Write([](db::Session& s) -> Result<void> {
                    JC_TRY(s.Exec("CREATE TABLE secret_ledger (id_hash TEXT PRIMARY KEY)"));
                    JC_TRY(s.Exec("INSERT INTO secret_ledger (id_hash) VALUES ('a')"));
                    return {};
                  }).ok());
    router_.Add(PublicGet("/throws", [](Request&) -> Response {
      throw std::runtime_error("cannot open /var/lib/jiceng/jiceng.db: SELECT * FROM core_users");
    }));
    router_.Add(PublicGet("/bad-sql", Answering([db](Request&) -> Result<Json> {
                            JC_TRY(db->Query("SELEC id_hash FROM secret_ledger WHERE x = 1"));
                            return Json::object();
                          })));
    router_.Add(PublicGet("/conflict", Answering([db](Request&) -> Result<Json> {
                            JC_TRY(db->Write([](db::Session& s) -> Result<void> {
                              JC_TRY(s.Exec("INSERT INTO secret_ledger (id_hash) VALUES ('a')"));
                              return {};
                            }));
                            return Json::object();
                          })));
    router_.Add(PublicGet("/file", Answering([](Request&) -> Result<Json> {
                            DomainError e =
                                DomainError::Internal("export.file.create", "无法创建导出文件");
                            e.detail = "/srv/jiceng/var/exports/x.xlsx: Permission denied";
                            return e;
                          })));
    app::ServerConfig config;
    config.port = 0;
    config.io_threads = 1;
    config.worker_threads = 2;
    config.access_log = false;
    server_ = std::make_unique<Server>(config, router_, ServerHooks{});
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    server_.reset();
    if (db_) db_->Close();
  }

  // The answer must not leak: no path, no SQL, no table or column name.
  static void ExpectNothingInternal(const HttpResponse& r) {
    for (const char* leak : {"/var/", "/srv/", "SELEC", "secret_ledger", "id_hash", "core_users",
                             "syntax", "UNIQUE", "Permission denied", "jiceng.db"}) {
      EXPECT_EQ(r.body.find(leak), std::string::npos) << leak << " in " << r.body;
    }
  }

  std::unique_ptr<db::Database> db_;
  Router router_;
  std::unique_ptr<Server> server_;
};

TEST_F(ProblemAnswers, InternalErrorsAnswerServerInternalWithTheRequestIdOnly) {
  HttpClient client(server_->port());
  for (const char* path : {"/throws", "/bad-sql", "/file"}) {
    HttpResponse r = client.Get(path);
    EXPECT_EQ(r.status, 500) << path << " " << r.body;
    Json j = r.json();
    EXPECT_EQ(j.value("code", ""), "server.internal") << path;
    EXPECT_FALSE(j.contains("detail")) << path << " " << r.body;
    const std::string id = r.Header("x-request-id");
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(j.value("request_id", ""), id);
    EXPECT_NE(j.value("title", "").find(id), std::string::npos) << "the title names the id";
    ExpectNothingInternal(r);
  }
  // English titles too.
  jiceng::testing::RequestOptions en;
  en.headers = {{"Accept-Language", "en"}};
  HttpResponse english = client.Get("/bad-sql", en);
  EXPECT_EQ(english.json().value("code", ""), "server.internal");
  ExpectNothingInternal(english);
}

TEST_F(ProblemAnswers, ADatabaseConflictKeepsItsCodeButNotTheDriversDetail) {
  HttpResponse r = HttpClient(server_->port()).Get("/conflict");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "db.conflict");
  EXPECT_FALSE(r.json().contains("detail")) << r.body;
  ExpectNothingInternal(r);
}

}  // namespace problem_test
}  // namespace jiceng::core::http
