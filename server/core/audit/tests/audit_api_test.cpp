// The audit chain through the HTTP API and the server's database role: POST /api/v1/audit/verify
// after someone with write access to the database re-chained a changed row (security issue 12,
// finding 7), and on PostgreSQL the server's own role unable to do that in the first place.
#include <gtest/gtest.h>

#include "core/audit/audit_log.hpp"
#include "core/crypto/crypto.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

using core::Result;
namespace db = core::db;
namespace audit = core::audit;

// The database as its owner sees it (the test runner's role; on SQLite the same file).
std::unique_ptr<db::Database> OpenAsOwner(TestApp& app) {
  const auto& c = app.app().config().database;
  auto opened = db::Open(c.owner_url.empty() ? c.url : c.owner_url);
  EXPECT_TRUE(opened.ok()) << opened.error().detail;
  return opened.ok() ? std::move(*opened) : nullptr;
}

// Drops or disables every protection of the audit tables, then runs sql (as the owner).
Result<void> Tamper(db::Database& db, const std::string& sql) {
  return db.Write([&](db::Session& s) -> Result<void> {
    if (db.dialect() == db::Dialect::kPostgres) {
      for (const char* t : {"core_audit", "core_audit_links", "core_audit_seal"}) {
        JC_TRY(s.ExecScript(std::string("ALTER TABLE ") + t + " DISABLE TRIGGER USER"));
      }
    } else {
      JC_ASSIGN_OR_RETURN(db::Rows triggers,
                          s.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                  "tbl_name IN ('core_audit', 'core_audit_links', "
                                  "'core_audit_seal')"));
      for (std::size_t i = 0; i < triggers.size(); ++i) {
        JC_TRY(s.ExecScript("DROP TRIGGER " + triggers[i].Text(0)));
      }
    }
    return s.ExecScript(sql);
  });
}

// Edits the oldest row and re-chains the whole log the way the unkeyed chain allowed: every
// row's hash and the one link recomputed with plain SM3.
void RechainWithPlainSm3(db::Database& db) {
  ASSERT_TRUE(Tamper(db, "UPDATE core_audit SET actor = 'someone.else' WHERE seq = 1").ok());
  auto rows = db.Query(
      "SELECT seq, at, actor_id, actor, action, target_type, target_id, org_code, summary, "
      "request_id, source, outcome FROM core_audit ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  std::string sql;
  std::vector<std::string> leaves;
  std::int64_t last = 0;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    audit::AuditEntry e;
    (*rows)[i].Into(last, e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id,
                    e.org_code, e.summary, e.request_id, e.source, e.outcome);
    std::string h = core::crypto::Sm3Hex(audit::AuditLog::Canonical(last, e));
    leaves.push_back(h);
    sql += "UPDATE core_audit SET hash = '" + h + "' WHERE seq = " + std::to_string(last) + ";";
  }
  const std::string root = audit::MerkleRootHex(leaves);
  const std::string mac = core::crypto::Sm3Hex("1;1;" + std::to_string(last) + ";" + root);
  sql +=
      "DELETE FROM core_audit_links;"
      "INSERT INTO core_audit_links (id, first_seq, last_seq, row_count, root, prev_mac, mac, "
      "sealed_at) VALUES (1, 1, " +
      std::to_string(last) + ", " + std::to_string(leaves.size()) + ", '" + root + "', '" +
      audit::kGenesisHash + "', '" + mac + "', 0);" +
      "UPDATE core_audit_seal SET link_id = 1, last_seq = " + std::to_string(last) + ", mac = '" +
      mac + "' WHERE id = 1;";
  ASSERT_TRUE(Tamper(db, sql).ok());
}

TEST(AuditApi, VerifyFailsAfterTheLogIsReChainedWithPlainSm3) {
  TestApp app;
  ASSERT_TRUE(app.ok()) << app.error();
  const std::string auditor = app.Token("auditor");
  ASSERT_FALSE(auditor.empty());

  HttpResponse first = app.client().Post("/api/v1/audit/verify", std::string(), As(auditor));
  ASSERT_EQ(first.status, 200) << first.body;
  Json report = first.json();
  EXPECT_EQ(report["ok"], true) << first.body;
  EXPECT_GE(report["links"].get<int>(), 1);  // the route seals before it verifies
  EXPECT_EQ(report["unsealed"], 0);
  EXPECT_GT(report["checked"].get<int>(), 5);

  auto owner = OpenAsOwner(app);
  ASSERT_NE(owner, nullptr);
  app.app().audit().StopSealer();  // the log's state as the attacker left it
  RechainWithPlainSm3(*owner);
  owner->Close();

  HttpResponse after = app.client().Post("/api/v1/audit/verify", std::string(), As(auditor));
  ASSERT_EQ(after.status, 200) << after.body;
  report = after.json();
  EXPECT_EQ(report["ok"], false) << after.body;
  EXPECT_EQ(report["reason"], "link_mismatch");
  EXPECT_EQ(report["first_bad_seq"], 1);
  EXPECT_EQ(report["first_bad_link"], 1);

  // The failed verification is itself on record.
  HttpResponse log = app.client().Get("/api/v1/audit?action=audit.verify&limit=1", As(auditor));
  ASSERT_EQ(log.status, 200) << log.body;
  Json items = log.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["outcome"], "failure");
}

// PostgreSQL with a server role (scripts/with-postgres.sh): the server's role may append, but
// not change, remove or un-protect audit records.
TEST(AuditApi, ServerRoleCannotChangeTheAuditTables) {
  TestApp app;
  ASSERT_TRUE(app.ok()) << app.error();
  if (app.app().config().database.owner_url.empty()) {
    GTEST_SKIP() << "needs PostgreSQL with JICENG_TEST_PG_APP (scripts/with-postgres.sh)";
  }
  db::Database& server = app.app().db();
  auto refused = [&](const std::string& sql) {
    auto r = server.Write([&](db::Session& s) { return s.ExecScript(sql); });
    return !r.ok();
  };
  for (const char* sql :
       {"UPDATE core_audit SET actor = 'x'", "DELETE FROM core_audit", "TRUNCATE core_audit",
        "UPDATE core_audit_links SET root = 'x'", "DELETE FROM core_audit_links",
        "DELETE FROM core_audit_seal", "UPDATE core_audit_head SET seq = 0",
        "ALTER TABLE core_audit DISABLE TRIGGER USER",
        "DROP TRIGGER core_audit_protect ON core_audit", "DROP TABLE core_audit_links",
        "INSERT INTO core_migrations (module, number, name, applied_at) "
        "VALUES ('x', 1, 'x', 0)"}) {
    EXPECT_TRUE(refused(sql)) << sql;
  }
  // What it needs still works: append, seal, verify.
  audit::AuditEntry e;
  e.action = "test.role";
  ASSERT_TRUE(app.app().audit().AppendAlone(e).ok());
  auto tip = app.app().audit().Seal();
  ASSERT_TRUE(tip.ok()) << tip.error().detail;
  auto report = app.app().audit().Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  auto role = server.Query("SELECT current_user");
  ASSERT_TRUE(role.ok());
  EXPECT_EQ((*role)[0].Text(0), "jiceng_app");
}

}  // namespace
}  // namespace jiceng::testing
