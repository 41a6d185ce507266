// `jiceng backup` on SQLite while the server serves and writes: the copy must be one consistent
// snapshot that passes SQLite's integrity check and whose audit hash chain verifies.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/audit/audit_log.hpp"
#include "core/db/database.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

TEST(ApiBackup, OnlineBackupDuringGridEditsIsConsistentAndItsAuditChainVerifies) {
  if (TestDriver() == "postgres") GTEST_SKIP() << "PostgreSQL is backed up with pg_dump";
  TestApp app;
  ASSERT_TRUE(app.ok()) << app.error();
  const std::string token = app.Token("township");
  ASSERT_FALSE(token.empty());
  const HttpClient client = app.client();

  HttpResponse grids = client.Get("/api/v1/orgs/330681109297/grids", As(token));
  ASSERT_EQ(grids.status, 200) << grids.body;
  const Json grid = grids.json()["features"][0];
  const std::string code = grid["id"];

  // A client that keeps renaming the grid, each time with the version it got back.
  std::mutex mu;
  std::condition_variable cv;
  int edits = 0;
  std::string failure;
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Json input = {{"village_code", grid["properties"]["village_code"]},
                  {"kind", "comprehensive"},
                  {"geometry", grid["geometry"]},
                  {"hotline", "0575-87009999"},
                  {"version", grid["properties"]["version"]}};
    for (int n = 1; !stop; ++n) {
      input["name"] = "西奕村编辑" + std::to_string(n);
      HttpResponse r = client.Put("/api/v1/grids/" + code, input, As(token));
      std::lock_guard lock(mu);
      if (r.status != 200) {
        failure = std::to_string(r.status) + " " + r.body + r.error;
        cv.notify_all();
        return;
      }
      input["version"] = r.json()["properties"]["version"];
      ++edits;
      cv.notify_all();
    }
  });
  auto wait_for_edits = [&](int n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(30), [&] {
      return edits >= n || !failure.empty();
    }) && failure.empty();
  };

  std::vector<std::string> copies;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(wait_for_edits(3 * (i + 1))) << failure;
    std::string path = TempDir() + "/api-backup-" + std::to_string(i) + ".db";
    auto backed_up = app.app().db().Backup(path);
    ASSERT_TRUE(backed_up.ok()) << backed_up.error().message;
    copies.push_back(path);
  }
  ASSERT_TRUE(wait_for_edits(10)) << failure;  // writes went on during and after the copies
  stop = true;
  writer.join();
  ASSERT_TRUE(failure.empty()) << failure;

  for (const auto& path : copies) {
    SCOPED_TRACE(path);
    auto opened = core::db::Open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message << " " << opened.error().detail;
    core::db::Database& copy = **opened;

    auto integrity = copy.Query("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.ok()) << integrity.error().detail;
    ASSERT_EQ(integrity->size(), 1u);
    EXPECT_EQ((*integrity)[0].Text(0), "ok");

    auto report = core::audit::AuditLog::Verify(copy, app.app().audit().key());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->ok) << report->reason << " at " << report->first_bad_seq.value_or(-1);
    EXPECT_GT(report->checked, 0);

    // One snapshot: the grid row, its history and its audit records agree with each other.
    auto row = copy.Query("SELECT version FROM org_grids WHERE code = $1", {code});
    ASSERT_TRUE(row.ok());
    ASSERT_EQ(row->size(), 1u);
    std::int64_t version = (*row)[0].Int(0);
    EXPECT_GE(version, 4);
    auto history = copy.Query("SELECT MAX(version) FROM org_grid_versions WHERE code = $1", {code});
    ASSERT_TRUE(history.ok());
    EXPECT_EQ((*history)[0].Int(0), version);
    auto audited = copy.Query(
        "SELECT COUNT(*) FROM core_audit WHERE action = 'org.grid.update' AND target_id = $1",
        {code});
    ASSERT_TRUE(audited.ok());
    EXPECT_EQ((*audited)[0].Int(0), version - 1);
    copy.Close();
  }
}

}  // namespace
}  // namespace jiceng::testing
