#include "core/audit/audit_log.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <thread>

#include "core/crypto/crypto.hpp"
#include "core/db/migrator.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::audit {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    log_ = std::make_unique<AuditLog>(*db_, clock_);
  }

  void AppendN(int n, const std::string& org_code = "330681001") {
    for (int i = 0; i < n; ++i) {
      AuditEntry e;
      e.actor_id = 7;
      e.actor = "li.si";
      e.action = i % 2 ? "user.update" : "case.dispatch";
      e.target_type = "user";
      e.target_id = std::to_string(i);
      e.org_code = org_code;
      e.summary = R"({"after":{"display_name":"名字)" + std::to_string(i) + R"("}})";
      e.request_id = "req-" + std::to_string(i);
      e.source = "10.0.0.1";
      ASSERT_TRUE(log_->AppendAlone(e).ok());
      clock_.Advance(1000);
    }
  }

  // What someone with direct database access and the rights to drop triggers (the tables'
  // owner) could do: every protection of the audit tables is removed first.
  void RawTamper(const std::string& sql) {
    const bool pg = db_->dialect() == db::Dialect::kPostgres;
    auto r = db_->Write([&](db::Session& s) -> Result<void> {
      if (pg) {
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
      JC_TRY(s.ExecScript(sql));
      return {};
    });
    ASSERT_TRUE(r.ok()) << r.error().detail;
  }

  AuditTip SealNow() {
    auto tip = log_->Seal();
    EXPECT_TRUE(tip.ok()) << tip.error().code << " " << tip.error().detail;
    return tip.ok() ? tip.value() : AuditTip{};
  }

  VerifyReport VerifyNow(std::int64_t page_size = 10000, const std::string& anchors = "") {
    VerifyOptions options;
    options.page_size = page_size;
    options.anchor_file = anchors;
    auto r = AuditLog::Verify(*db_, log_->key(), options);
    EXPECT_TRUE(r.ok()) << r.error().code;
    return r.ok() ? r.value() : VerifyReport{};
  }

  // Verification must fail, first at row `seq`; answers the report for further checks.
  VerifyReport ExpectBrokenAt(std::int64_t seq, std::int64_t page_size = 10000,
                              const std::string& anchors = "") {
    VerifyReport r = VerifyNow(page_size, anchors);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_seq, seq) << r.reason;
    return r;
  }

  // The attacker's re-chaining: every row's hash recomputed by `row_hash`, the links replaced
  // by links whose root and mac come from `link_mac`, the seal row moved to the last of them.
  void Rechain(const std::function<std::string(std::int64_t, const AuditEntry&)>& row_hash,
               const std::function<std::string(const std::string&)>& link_mac) {
    auto rows = db_->Query(
        "SELECT seq, at, actor_id, actor, action, target_type, target_id, org_code, summary, "
        "request_id, source, outcome FROM core_audit ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::string sql;
    std::vector<std::string> leaves;
    std::int64_t last = 0;
    for (std::size_t i = 0; i < rows->size(); ++i) {
      std::int64_t seq = 0;
      AuditEntry e;
      (*rows)[i].Into(seq, e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id,
                      e.org_code, e.summary, e.request_id, e.source, e.outcome);
      std::string h = row_hash(seq, e);
      leaves.push_back(h);
      last = seq;
      sql += "UPDATE core_audit SET hash = '" + h + "' WHERE seq = " + std::to_string(seq) + ";";
    }
    const std::string root = MerkleRootHex(leaves);
    const std::string mac =
        link_mac("1;1;" + std::to_string(last) + ";" + root + ";" + std::string(kGenesisHash));
    sql += "DELETE FROM core_audit_links;";
    sql +=
        "INSERT INTO core_audit_links (id, first_seq, last_seq, row_count, root, prev_mac, "
        "mac, sealed_at) VALUES (1, 1, " +
        std::to_string(last) + ", " + std::to_string(leaves.size()) + ", '" + root + "', '" +
        kGenesisHash + "', '" + mac + "', 0);";
    sql += "UPDATE core_audit_seal SET link_id = 1, last_seq = " + std::to_string(last) +
           ", mac = '" + mac + "' WHERE id = 1;";
    RawTamper(sql);
  }

  time::ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, EmptyLogVerifies) {
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 0);
  EXPECT_EQ(SealNow().link_id, 0);  // nothing to seal: no empty link
}

TEST_F(AuditLogTest, RowsCarryKeyedMacsAndSealIntoOneLink) {
  AppendN(7);
  VerifyReport before = VerifyNow();
  EXPECT_TRUE(before.ok) << before.reason;
  EXPECT_EQ(before.unsealed, 7);
  EXPECT_EQ(before.links, 0);

  AuditTip tip = SealNow();
  EXPECT_EQ(tip.link_id, 1);
  EXPECT_EQ(tip.last_seq, 7);
  EXPECT_EQ(SealNow().link_id, 1);  // nothing new: no new link
  for (std::int64_t page : {10000, 3, 1}) {
    VerifyReport r = VerifyNow(page);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.checked, 7);
    EXPECT_EQ(r.links, 1);
    EXPECT_EQ(r.unsealed, 0);
    EXPECT_FALSE(r.first_bad_seq.has_value());
  }
  auto rows = db_->Query("SELECT seq, prev_hash, hash FROM core_audit ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), "");  // rows no longer point at each other
  EXPECT_EQ((*rows)[0].Text(2).size(), 64u);
  // The stored hash is the keyed MAC, not the plain SM3 a database writer could recompute.
  auto full = log_->Search(auth::Scope::All(), {}, 500, "");
  ASSERT_TRUE(full.ok());
  const AuditRecord& first = full->items.back();
  EXPECT_EQ(first.hash, AuditLog::RowMac(log_->key(), 1, first.entry));
  EXPECT_NE(first.hash, crypto::Sm3Hex(AuditLog::Canonical(1, first.entry)));

  AppendN(2);
  EXPECT_EQ(SealNow().link_id, 2);
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.links, 2);
  EXPECT_EQ(r.checked, 9);
}

TEST_F(AuditLogTest, DatabaseRefusesUpdateAndDelete) {
  AppendN(3);
  SealNow();
  auto refused = [&](const char* sql) {
    auto r = db_->Write([&](db::Session& s) -> Result<void> {
      JC_TRY(s.Exec(sql));
      return {};
    });
    return !r.ok();
  };
  EXPECT_TRUE(refused("UPDATE core_audit SET summary = '{}' WHERE seq = 2"));
  EXPECT_TRUE(refused("DELETE FROM core_audit WHERE seq = 3"));
  EXPECT_TRUE(refused("UPDATE core_audit_head SET seq = 2 WHERE id = 1"));
  EXPECT_TRUE(refused("UPDATE core_audit_links SET row_count = 2"));
  EXPECT_TRUE(refused("DELETE FROM core_audit_links"));
  EXPECT_TRUE(refused("UPDATE core_audit_seal SET link_id = 0, last_seq = 0"));
  EXPECT_TRUE(refused("DELETE FROM core_audit_seal"));
  // A row inside the sealed range, and a link that does not continue the newest one.
  EXPECT_TRUE(
      refused("INSERT INTO core_audit (seq, at, action, prev_hash, hash) "
              "VALUES (0, 0, 'x', '', 'z')"));
  EXPECT_TRUE(
      refused("INSERT INTO core_audit_links (id, first_seq, last_seq, row_count, root, "
              "prev_mac, mac, sealed_at) VALUES (2, 1, 9, 1, 'r', 'p', 'm', 0)"));
  EXPECT_TRUE(VerifyNow().ok);
  EXPECT_EQ(VerifyNow().checked, 3);

  // A new row is accepted by the database, but a forged one carries no valid MAC.
  EXPECT_FALSE(
      refused("INSERT INTO core_audit (seq, at, action, prev_hash, hash) "
              "VALUES (9, 0, 'x', '', 'z')"));
  EXPECT_EQ(ExpectBrokenAt(9).reason, "hash_mismatch");
}

TEST_F(AuditLogTest, TamperedRowIsTheFirstBad) {
  AppendN(5);
  SealNow();
  AppendN(2);  // rows 6 and 7 stay unsealed
  RawTamper("UPDATE core_audit SET summary = '{\"after\":{}}' WHERE seq = 3");
  VerifyReport r = ExpectBrokenAt(3);
  EXPECT_EQ(r.reason, "hash_mismatch");
  EXPECT_EQ(r.first_bad_link, 1);
  EXPECT_EQ(r.checked, 3);
}

TEST_F(AuditLogTest, TamperedUnsealedRowIsCaughtByItsMac) {
  AppendN(5);
  SealNow();
  AppendN(2);
  RawTamper("UPDATE core_audit SET outcome = 'failure' WHERE seq = 7");
  EXPECT_EQ(ExpectBrokenAt(7).reason, "hash_mismatch");
}

// Finding 7 of security issue 12: someone who can write the database drops the triggers, edits
// a row and re-chains everything with plain SM3, as the old unkeyed chain allowed.
TEST_F(AuditLogTest, RechainedWithPlainSm3Fails) {
  AppendN(5);
  SealNow();
  RawTamper("UPDATE core_audit SET actor = 'someone.else' WHERE seq = 3");
  Rechain([](std::int64_t seq,
             const AuditEntry& e) { return crypto::Sm3Hex(AuditLog::Canonical(seq, e)); },
          [](const std::string& link) { return crypto::Sm3Hex(link); });
  VerifyReport r = ExpectBrokenAt(1);
  EXPECT_EQ(r.reason, "link_mismatch");
}

// The same with a MAC under a key of the attacker's own: rows and links re-made with the real
// code, only the key differs.
TEST_F(AuditLogTest, RechainedWithAnotherKeyFails) {
  AppendN(5);
  SealNow();
  auto wrong = AuditKey::Random();
  RawTamper("UPDATE core_audit SET actor = 'someone.else' WHERE seq = 3");
  Rechain([&](std::int64_t seq, const AuditEntry& e) { return AuditLog::RowMac(*wrong, seq, e); },
          [](const std::string& link) { return crypto::Sm3Hex(link); });
  // Re-seal properly with the wrong key: the links are then well-formed, only the key differs.
  RawTamper(
      "DELETE FROM core_audit_links; UPDATE core_audit_seal SET link_id = 0, last_seq = 0, "
      "mac = '" +
      std::string(kGenesisHash) + "'");
  ASSERT_TRUE(AuditLog::Seal(*db_, *wrong, clock_).ok());
  VerifyReport r = ExpectBrokenAt(1);
  EXPECT_EQ(r.reason, "link_mismatch");
  // Even with the links left alone the rows give it away.
  RawTamper(
      "DELETE FROM core_audit_links; UPDATE core_audit_seal SET link_id = 0, last_seq = 0, "
      "mac = '" +
      std::string(kGenesisHash) + "'");
  EXPECT_EQ(ExpectBrokenAt(1).reason, "hash_mismatch");
}

// Someone who has the key too can re-make a consistent log; the anchors written before show it.
TEST_F(AuditLogTest, RechainedWithTheKeyIsCaughtByTheAnchors) {
  AppendN(5);
  const std::string anchors = jiceng::testing::TempDir() + "/anchors-" +
                              std::to_string(reinterpret_cast<std::uintptr_t>(this));
  ASSERT_TRUE(AppendAnchor(anchors, SealNow(), clock_.NowMs()).ok());
  EXPECT_EQ(VerifyNow(10000, anchors).anchors, 1);

  RawTamper("UPDATE core_audit SET actor = 'someone.else' WHERE seq = 3");
  const AuditKey& key = log_->key();
  Rechain([&](std::int64_t seq, const AuditEntry& e) { return AuditLog::RowMac(key, seq, e); },
          [](const std::string& link) { return crypto::Sm3Hex(link); });
  RawTamper(
      "DELETE FROM core_audit_links; UPDATE core_audit_seal SET link_id = 0, last_seq = 0, "
      "mac = '" +
      std::string(kGenesisHash) + "'");
  clock_.Advance(1000);  // a different sealing time, so a different link mac
  ASSERT_TRUE(AuditLog::Seal(*db_, key, clock_).ok());
  EXPECT_TRUE(VerifyNow().ok);                         // consistent in itself...
  VerifyReport r = ExpectBrokenAt(1, 10000, anchors);  // ...but not what was anchored
  EXPECT_EQ(r.reason, "anchor_mismatch");
  std::remove(anchors.c_str());
}

TEST_F(AuditLogTest, DeletedSealedRowChangesTheRoot) {
  AppendN(5);
  SealNow();
  RawTamper("DELETE FROM core_audit WHERE seq = 3");
  VerifyReport r = ExpectBrokenAt(1, /*page_size=*/2);
  EXPECT_EQ(r.reason, "root_mismatch");
  EXPECT_EQ(r.first_bad_link, 1);
}

TEST_F(AuditLogTest, DeletedLastLinksMismatchTheSealAndTheAnchors) {
  AppendN(3);
  SealNow();
  AppendN(3);
  const std::string anchors = jiceng::testing::TempDir() + "/anchors-last-" +
                              std::to_string(reinterpret_cast<std::uintptr_t>(this));
  ASSERT_TRUE(AppendAnchor(anchors, SealNow(), clock_.NowMs()).ok());
  RawTamper("DELETE FROM core_audit WHERE seq >= 4; DELETE FROM core_audit_links WHERE id = 2");
  EXPECT_EQ(ExpectBrokenAt(4).reason, "seal_mismatch");
  // The seal row rewound as well: only the anchor still knows link 2.
  auto link1 = db_->Query("SELECT mac FROM core_audit_links WHERE id = 1");
  ASSERT_TRUE(link1.ok());
  RawTamper("UPDATE core_audit_seal SET link_id = 1, last_seq = 3, mac = '" + (*link1)[0].Text(0) +
            "'");
  EXPECT_TRUE(VerifyNow().ok);
  EXPECT_EQ(ExpectBrokenAt(4, 10000, anchors).reason, "anchor_mismatch");
  std::remove(anchors.c_str());
}

TEST_F(AuditLogTest, AppendCommitsAndRollsBackWithTheChange) {
  AppendN(1);
  auto failed = db_->Write([&](db::Session& tx) -> Result<void> {
    AuditEntry e;
    e.action = "user.create";
    JC_TRY(log_->Append(tx, e));
    return DomainError::Invalid("test.fail", "use case failed after auditing");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(db_->Query("SELECT COUNT(*) FROM core_audit")->operator[](0).Int(0), 1);
  AppendN(1);
  SealNow();
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 2);  // on PostgreSQL the rolled-back number is a gap the link covers
}

TEST_F(AuditLogTest, ConcurrentAppendsAndSealsVerify) {
  std::vector<std::thread> threads;
  std::atomic<bool> done{false};
  std::thread sealer([&] {
    while (!done) {
      auto tip = log_->Seal();
      EXPECT_TRUE(tip.ok() || tip.error().code == "audit.seal_busy") << tip.error().detail;
    }
  });
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        AuditEntry e;
        e.actor = "thread" + std::to_string(t);
        e.action = "test.concurrent";
        EXPECT_TRUE(log_->AppendAlone(e).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  done = true;
  sealer.join();
  SealNow();
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_seq.value_or(-1);
  EXPECT_EQ(r.checked, 40);
  EXPECT_EQ(r.unsealed, 0);
  EXPECT_GE(r.links, 1);
}

// PostgreSQL: a transaction that appended a row and stays open (a bulk seed) keeps the sealer
// out; the sealer gives up at once instead of queueing every later appender behind itself.
TEST_F(AuditLogTest, SealerDefersToAnOpenAppenderAndDoesNotBlockOthers) {
  if (db_->dialect() != db::Dialect::kPostgres) GTEST_SKIP() << "SQLite has one writer";
  std::promise<void> appended, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    auto r = db_->Write([&](db::Session& tx) -> Result<void> {
      AuditEntry e;
      e.action = "test.long";
      JC_TRY(log_->Append(tx, e));
      appended.set_value();
      released.wait();
      return {};
    });
    EXPECT_TRUE(r.ok());
  });
  appended.get_future().wait();
  auto busy = log_->Seal();
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, "audit.seal_busy");
  AuditEntry other;
  other.action = "test.other";
  EXPECT_TRUE(log_->AppendAlone(other).ok());  // not queued behind the sealer
  release.set_value();
  holder.join();
  SealNow();
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 2);
  EXPECT_EQ(r.unsealed, 0);
}

TEST_F(AuditLogTest, BackgroundSealerSealsAndSealsAgainAtStop) {
  log_->StartSealer(20);
  AppendN(3);
  log_->StopSealer();
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.unsealed, 0);
  EXPECT_EQ(r.checked, 3);
}

// A database written before the key: its unkeyed chain is still checked, and the first link
// follows its frozen head.
TEST(AuditUpgradeTest, OldChainIsKeptAndTheFirstLinkFollowsIt) {
  std::string url = jiceng::testing::FreshDatabaseUrl();
  auto opened = db::Open(url);
  ASSERT_TRUE(opened.ok());
  db::Database& db = **opened;
  std::vector<db::Migration> old;
  for (const auto& m : db::EmbeddedMigrations()) {
    if (m.module == "core.audit" && m.number <= 2) old.push_back(m);
  }
  ASSERT_TRUE(db::Migrate(db, old).ok());
  std::string prev = kGenesisHash;
  for (int seq = 1; seq <= 3; ++seq) {
    AuditEntry e;
    e.at = 1'780'000'000'000 + seq;
    e.action = "legacy.row";
    e.summary = "{}";
    std::string hash = AuditLog::HashOf(prev, seq, e);
    auto w = db.Write([&](db::Session& s) -> Result<void> {
      JC_TRY(
          s.Exec("INSERT INTO core_audit (seq, at, action, prev_hash, hash) "
                 "VALUES ($1, $2, $3, $4, $5)",
                 {std::int64_t{seq}, e.at, e.action, prev, hash}));
      JC_TRY(s.Exec("UPDATE core_audit_head SET seq = $1, hash = $2 WHERE id = 1",
                    {std::int64_t{seq}, hash}));
      return {};
    });
    ASSERT_TRUE(w.ok()) << w.error().detail;
    prev = hash;
  }
  ASSERT_TRUE(db::Migrate(db, db::EmbeddedMigrations()).ok());
  time::ManualClock clock{1'780'000'100'000};
  AuditLog log(db, clock);
  AuditEntry e;
  e.action = "new.row";
  ASSERT_TRUE(log.AppendAlone(e).ok());
  auto tip = log.Seal();
  ASSERT_TRUE(tip.ok());
  EXPECT_EQ(tip->link_id, 1);
  EXPECT_EQ(tip->last_seq, 4);
  auto link = db.Query("SELECT first_seq, prev_mac FROM core_audit_links WHERE id = 1");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ((*link)[0].Int(0), 4);
  EXPECT_EQ((*link)[0].Text(1), prev);
  auto r = log.Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->checked, 4);
  // The old head is frozen: rows 1-3 can no longer be re-chained through it.
  auto rewind = db.Write([](db::Session& s) -> Result<void> {
    JC_TRY(s.Exec("UPDATE core_audit_head SET seq = 2 WHERE id = 1"));
    return {};
  });
  EXPECT_FALSE(rewind.ok());
  db.Close();
}

TEST_F(AuditLogTest, SearchFiltersWithinScope) {
  AppendN(4, "330681001001");
  AppendN(2, "330681002001");
  auto all = log_->Search(auth::Scope::All(), {}, 50, "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 6u);
  EXPECT_EQ(all->items[0].seq, 6);  // newest first

  auto township = log_->Search(auth::Scope::Of({"330681001"}), {}, 50, "");
  ASSERT_TRUE(township.ok());
  EXPECT_EQ(township->items.size(), 4u);
  // A filter cannot widen the scope.
  AuditFilter outside;
  outside.org_code_prefix = "330681002";
  EXPECT_TRUE(log_->Search(auth::Scope::Of({"330681001"}), outside, 50, "")->items.empty());
  EXPECT_TRUE(log_->Search(auth::Scope(), {}, 50, "")->items.empty());

  AuditFilter action;
  action.action_prefix = "user.";
  EXPECT_EQ(log_->Search(auth::Scope::All(), action, 50, "")->items.size(), 3u);
  AuditFilter text;
  text.text = "名字3";
  auto found = log_->Search(auth::Scope::All(), text, 50, "");
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].entry.target_id, "3");
  AuditFilter window;
  window.from_ms = 1'780'000'001'000;
  window.to_ms = 1'780'000'003'000;
  EXPECT_EQ(log_->Search(auth::Scope::All(), window, 50, "")->items.size(), 2u);
  AuditFilter actor;
  actor.actor = "nobody";
  EXPECT_TRUE(log_->Search(auth::Scope::All(), actor, 50, "")->items.empty());

  auto page1 = log_->Search(auth::Scope::All(), {}, 4, "");
  ASSERT_TRUE(page1->next_cursor.has_value());
  auto page2 = log_->Search(auth::Scope::All(), {}, 4, *page1->next_cursor);
  ASSERT_EQ(page2->items.size(), 2u);
  EXPECT_EQ(page2->items.back().seq, 1);
  EXPECT_FALSE(page2->next_cursor.has_value());
}

TEST(AuditTimeParam, Formats) {
  EXPECT_EQ(ParseTimeParam("2026-11-26T05:55:20.123Z"), 1795672520123);
  EXPECT_EQ(ParseTimeParam("2026-11-26T13:55:20+08:00"), 1795672520000);
  EXPECT_EQ(ParseTimeParam("2026-11-26T13:55:20"), 1795672520000);  // Beijing time
  EXPECT_EQ(ParseTimeParam("2026-11-26"), 1795651200000 - 8 * 3600 * 1000);
  EXPECT_EQ(ParseTimeParam("1795672520123"), 1795672520123);
  EXPECT_FALSE(ParseTimeParam("yesterday").has_value());
  EXPECT_FALSE(ParseTimeParam("2026-13-01").has_value());
  EXPECT_FALSE(ParseTimeParam("2026-11-26T25:00:00Z").has_value());
}

TEST(AuditKeyTest, FileIsCreatedPrivateAndReusedLater) {
  const std::string path = jiceng::testing::TempDir() + "/audit-key-test.key";
  auto missing = AuditKey::FromFile(path, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "audit.key_file.missing");
  auto created = AuditKey::FromFile(path, true);
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = AuditKey::FromFile(path, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*created)->MacHex("x"), (*again)->MacHex("x"));
  EXPECT_NE((*created)->MacHex("x"), AuditKey::Random()->MacHex("x"));

  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto wide = AuditKey::FromFile(path, false);
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.error().code, "audit.key_file.permissions");
  EXPECT_EQ(wide.error().field, "[audit] key_file");

  std::remove(path.c_str());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "not hex\n", 8), 8);
  ::close(fd);
  auto bad = AuditKey::FromFile(path, true);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "audit.key_file.format");
  std::remove(path.c_str());
}

TEST(AuditKeyTest, HmacSm3MatchesTheStandardConstruction) {
  // HMAC-SM3 with a 32-byte key of 0x0b and "Hi There" (RFC 2104 construction), as computed by
  // `openssl mac -digest SM3 -macopt hexkey:0b0b... HMAC`.
  auto key = AuditKey::FromBytes(std::string(32, '\x0b'));
  EXPECT_EQ(key->MacHex("Hi There"),
            "c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e");
}

TEST(AuditMerkleTest, RootDependsOnEveryLeafAndItsPlace) {
  std::vector<std::string> leaves = {std::string(64, 'a'), std::string(64, 'b'),
                                     std::string(64, 'c')};
  const std::string root = MerkleRootHex(leaves);
  EXPECT_EQ(root.size(), 64u);
  EXPECT_EQ(root, MerkleRootHex(leaves));
  auto swapped = leaves;
  std::swap(swapped[0], swapped[1]);
  EXPECT_NE(root, MerkleRootHex(swapped));
  auto shorter = leaves;
  shorter.pop_back();
  EXPECT_NE(root, MerkleRootHex(shorter));
  EXPECT_NE(MerkleRootHex({leaves[0]}), leaves[0]);
}

TEST(AuditAnchorTest, LinesRoundTripAndABadLineIsNamed) {
  const std::string path = jiceng::testing::TempDir() + "/anchors-roundtrip";
  std::remove(path.c_str());
  EXPECT_TRUE(ReadAnchors(path)->empty());  // no file yet: no anchors
  auto line = AppendAnchor(path, AuditTip{7, 120, std::string(64, 'e')}, 1'780'000'000'000);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(*line, "2026-05-28T20:26:40.000Z link=7 last_seq=120 mac=" + std::string(64, 'e'));
  ASSERT_TRUE(AppendAnchor(path, AuditTip{9, 130, std::string(64, 'f')}, 1'780'000'001'000).ok());
  auto read = ReadAnchors(path);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[1].link_id, 9);
  EXPECT_EQ((*read)[1].last_seq, 130);
  {
    std::ofstream out(path, std::ios::app);
    out << "garbage\n";
  }
  auto bad = ReadAnchors(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "audit.anchor_file.format");
  EXPECT_NE(bad.error().message.find("第 3 行"), std::string::npos);
  std::remove(path.c_str());
}

TEST(AuditCanonical, FieldsCannotRunTogether) {
  AuditEntry a, b;
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(AuditLog::Canonical(1, a), AuditLog::Canonical(1, b));
  EXPECT_NE(AuditLog::HashOf(kGenesisHash, 1, a), AuditLog::HashOf(kGenesisHash, 2, a));
}

}  // namespace
}  // namespace jiceng::core::audit
