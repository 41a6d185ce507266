#include "core/audit/audit_log.hpp"

#include <gtest/gtest.h>

#include <thread>

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

  // What someone with direct database access (and the rights to drop triggers) could do.
  void RawTamper(const std::string& sql) {
    const bool pg = db_->dialect() == db::Dialect::kPostgres;
    auto r = db_->Write([&](db::Session& s) -> Result<void> {
      JC_TRY(s.ExecScript(pg ? "ALTER TABLE core_audit DISABLE TRIGGER core_audit_protect"
                             : "DROP TRIGGER core_audit_no_update; "
                               "DROP TRIGGER core_audit_no_delete"));
      JC_TRY(s.Exec(sql));
      return {};
    });
    ASSERT_TRUE(r.ok()) << r.error().detail;
  }

  VerifyReport VerifyNow(std::int64_t page_size = 10000) {
    auto r = AuditLog::Verify(*db_, page_size);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : VerifyReport{};
  }

  // Verification must fail, first at row `seq`; answers the report for further checks.
  VerifyReport ExpectBrokenAt(std::int64_t seq, std::int64_t page_size = 10000) {
    VerifyReport r = VerifyNow(page_size);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_seq, seq);
    return r;
  }

  time::ManualClock clock_{1'780'000'000'000};
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, EmptyLogVerifies) {
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 0);
}

TEST_F(AuditLogTest, ChainVerifiesAcrossPages) {
  AppendN(7);
  for (std::int64_t page : {10000, 3, 1}) {
    VerifyReport r = VerifyNow(page);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.checked, 7);
    EXPECT_FALSE(r.first_bad_seq.has_value());
  }
  auto rows = db_->Query("SELECT seq, prev_hash, hash FROM core_audit ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), kGenesisHash);
  EXPECT_EQ((*rows)[1].Text(1), (*rows)[0].Text(2));
  EXPECT_EQ((*rows)[0].Text(2).size(), 64u);
}

TEST_F(AuditLogTest, DatabaseRefusesUpdateAndDelete) {
  AppendN(3);
  auto update = db_->Write([](db::Session& s) -> Result<void> {
    JC_TRY(s.Exec("UPDATE core_audit SET summary = '{}' WHERE seq = 2"));
    return {};
  });
  EXPECT_FALSE(update.ok());
  auto del = db_->Write([](db::Session& s) -> Result<void> {
    JC_TRY(s.Exec("DELETE FROM core_audit WHERE seq = 3"));
    return {};
  });
  EXPECT_FALSE(del.ok());
  auto rewind = db_->Write([](db::Session& s) -> Result<void> {
    JC_TRY(s.Exec("UPDATE core_audit_head SET seq = 2 WHERE id = 1"));
    return {};
  });
  EXPECT_FALSE(rewind.ok());
  auto forged = db_->Write([](db::Session& s) -> Result<void> {
    JC_TRY(
        s.Exec("INSERT INTO core_audit (seq, at, action, prev_hash, hash) "
               "VALUES (9, 0, 'x', 'y', 'z')"));
    return {};
  });
  EXPECT_FALSE(forged.ok());
  EXPECT_TRUE(VerifyNow().ok);
  EXPECT_EQ(VerifyNow().checked, 3);
}

TEST_F(AuditLogTest, TamperedRowIsTheFirstBad) {
  AppendN(5);
  RawTamper("UPDATE core_audit SET summary = '{\"after\":{}}' WHERE seq = 3");
  VerifyReport r = ExpectBrokenAt(3);
  EXPECT_EQ(r.reason, "hash_mismatch");
  EXPECT_EQ(r.checked, 3);
}

TEST_F(AuditLogTest, RecomputedHashStillBreaksTheChain) {
  AppendN(5);
  // The tamperer rewrites row 3 and its hash; row 4 still points at the old hash.
  RawTamper("UPDATE core_audit SET hash = '" + std::string(64, 'a') + "' WHERE seq = 3");
  ExpectBrokenAt(3);
}

TEST_F(AuditLogTest, DeletedMiddleRowIsAGap) {
  AppendN(5);
  RawTamper("DELETE FROM core_audit WHERE seq = 3");
  EXPECT_EQ(ExpectBrokenAt(3, /*page_size=*/2).reason, "seq_gap");
}

TEST_F(AuditLogTest, DeletedLastRowsMismatchTheHead) {
  AppendN(5);
  RawTamper("DELETE FROM core_audit WHERE seq >= 4");
  EXPECT_EQ(ExpectBrokenAt(4).reason, "head_mismatch");
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
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 2);
}

TEST_F(AuditLogTest, ConcurrentAppendsDoNotForkTheChain) {
  std::vector<std::thread> threads;
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
  VerifyReport r = VerifyNow();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_seq.value_or(-1);
  EXPECT_EQ(r.checked, 40);
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
