// Storage interface on both drivers (JICENG_TEST_DRIVER=sqlite|postgres): placeholders, value
// round trips, error mapping, transactions, group commit and scope conditions.
#include "core/db/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/auth/scope.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::db {
namespace {

using core::auth::Scope;

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    // Test tables of our own, created the way migrations are (with the portable markers).
    ASSERT_TRUE(
        Script("CREATE TABLE t_kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL);"
               "CREATE TABLE t_values (id {{id}}, i BIGINT, r DOUBLE PRECISION, s TEXT, "
               "b {{blob}});"
               "CREATE TABLE t_codes (code TEXT PRIMARY KEY);"));
  }

  bool Script(const std::string& sql) {
    auto r = db_->WriteExclusive(
        [&](Session& s) { return s.ExecScript(RewriteTypes(sql, db_->dialect())); });
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().detail;
    return r.ok();
  }

  std::int64_t Count(const std::string& table, const std::string& where = "1=1") {
    auto rows = db_->Query("SELECT COUNT(*) FROM " + table + " WHERE " + where);
    EXPECT_TRUE(rows.ok()) << rows.error().detail;
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  Result<void> Put(const std::string& k, std::int64_t v) {
    return db_->Write([&](Session& s) -> Result<void> {
      JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ($1, $2)", {k, v}));
      return {};
    });
  }

  bool sqlite() const { return db_->dialect() == Dialect::kSqlite; }

  std::unique_ptr<Database> db_;
};

// ---- placeholders ----

TEST_F(DatabaseTest, PlaceholdersBindByNumberIncludingReuseAndOutOfOrder) {
  ASSERT_TRUE(Put("a", 1).ok());
  ASSERT_TRUE(Put("b", 2).ok());
  ASSERT_TRUE(Put("c", 3).ok());
  // $2 appears before $1 and $1 is used twice.
  auto rows =
      db_->Query("SELECT k FROM t_kv WHERE v >= $2 AND (k = $1 OR v = $2 OR k > $1) ORDER BY k",
                 {std::string("b"), std::int64_t{2}});
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Text(0), "b");
  EXPECT_EQ((*rows)[1].Text(0), "c");
}

TEST_F(DatabaseTest, PlaceholderTenIsNotReadAsPlaceholderOneFollowedByZero) {
  Params p;
  std::string in;
  for (int i = 1; i <= 11; ++i) {
    p.emplace_back(std::string("k") + std::to_string(i));
    in += (i > 1 ? ", " : "") + std::string("$") + std::to_string(i);
  }
  ASSERT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                   for (int i = 1; i <= 11; ++i) {
                     JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ($1, $2)",
                                   {"k" + std::to_string(i), std::int64_t{i}}));
                   }
                   return {};
                 })
                  .ok());
  auto rows = db_->Query("SELECT SUM(v) FROM t_kv WHERE k IN (" + in + ") AND k <> $10", p);
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  EXPECT_EQ((*rows)[0].Int(0), 66 - 10);
}

TEST_F(DatabaseTest, DollarOneInsideStringLiteralIsNotRewritten) {
  ASSERT_TRUE(db_->Write([](Session& s) -> Result<void> {
                   JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('price $1 it''s $2', $1)",
                                 {std::int64_t{42}}));
                   return {};
                 })
                  .ok());
  auto rows = db_->Query("SELECT k, v FROM t_kv WHERE k = 'price $1 it''s $2' AND v = $1",
                         {std::int64_t{42}});
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "price $1 it's $2");
  EXPECT_EQ((*rows)[0].Int(1), 42);
}

// ---- values ----

TEST_F(DatabaseTest, EveryValueTypeRoundTrips) {
  const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  const std::string kBinary("\0\x01\xff\x7f'\"\\ end", 11);
  struct Case {
    Value i, r, s, b;
  };
  std::vector<Case> cases = {
      {std::int64_t{0}, 0.0, std::string(""), Blob{""}},
      {kMax, 0.1, std::string("枫桥经验 ✓ 'quoted' \"dq\" \\"), Blob{kBinary}},
      {kMin, -1.7976931348623157e308, std::string("$1 ?1 :a"), Blob{std::string(3, '\0')}},
      {std::int64_t{-1}, 4.9406564584124654e-324, std::string(1000, 'x'), Blob{"plain"}},
      {Null{}, Null{}, Null{}, Null{}},
  };
  for (std::size_t n = 0; n < cases.size(); ++n) {
    const Case& c = cases[n];
    auto w = db_->Write([&](Session& s) -> Result<void> {
      JC_TRY(s.Exec("INSERT INTO t_values (id, i, r, s, b) VALUES ($1, $2, $3, $4, $5)",
                    {std::int64_t(n + 1), c.i, c.r, c.s, c.b}));
      return {};
    });
    ASSERT_TRUE(w.ok()) << n << ": " << w.error().detail;
  }
  auto rows = db_->Query("SELECT id, i, r, s, b FROM t_values ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  ASSERT_EQ(rows->size(), cases.size());
  for (std::size_t n = 0; n < cases.size(); ++n) {
    SCOPED_TRACE("case " + std::to_string(n));
    Row row = (*rows)[n];
    EXPECT_EQ(row.Int(0), static_cast<std::int64_t>(n + 1));
    EXPECT_EQ(row.At(1), cases[n].i);
    EXPECT_EQ(row.At(2), cases[n].r);
    EXPECT_EQ(row.At(3), cases[n].s);
    EXPECT_EQ(row.At(4), cases[n].b);
  }
  // Lenient accessors read the same on both drivers.
  Row nulls = (*rows)[4];
  EXPECT_TRUE(nulls.IsNull(1));
  EXPECT_FALSE(nulls.OptInt(1).has_value());
  EXPECT_FALSE(nulls.OptText(3).has_value());
  EXPECT_EQ(nulls.Text(3), "");
  EXPECT_EQ((*rows)[1].Text(4), kBinary);
  EXPECT_EQ((*rows)[1].OptInt(1), kMax);
}

TEST_F(DatabaseTest, RowAccessorsConvertBetweenIntegerRealAndText) {
  ASSERT_TRUE(Put("7", 7).ok());
  auto rows = db_->Query("SELECT v, k, v * 1.5 FROM t_kv");
  ASSERT_TRUE(rows.ok());
  Row r = (*rows)[0];
  EXPECT_EQ(r.Text(0), "7");
  EXPECT_EQ(r.Int(1), 7);
  EXPECT_DOUBLE_EQ(r.Real(0), 7.0);
  EXPECT_DOUBLE_EQ(r.Real(2), 10.5);
  EXPECT_TRUE(r.Bool(0));
}

TEST_F(DatabaseTest, BooleanExpressionReadsAsZeroOrOne) {
  ASSERT_TRUE(Put("a", 1).ok());
  auto rows = db_->Query("SELECT v = 1, v = 2 FROM t_kv");
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE((*rows)[0].Bool(0));
  EXPECT_FALSE((*rows)[0].Bool(1));
}

// ---- errors ----

TEST_F(DatabaseTest, UniqueViolationIsConflictWithDbConflictCode) {
  ASSERT_TRUE(Put("dup", 1).ok());
  Result<void> r = Put("dup", 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().code, "db.conflict");
  EXPECT_EQ(Count("t_kv"), 1);
}

TEST_F(DatabaseTest, SyntaxErrorIsDbErrorNotConflict) {
  auto r = db_->Query("SELEKT nonsense");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInternal);
  EXPECT_EQ(r.error().code, "db.error");
}

TEST_F(DatabaseTest, IdMarkerGivesAutoIncrementingKeys) {
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                   for (int i = 0; i < 3; ++i) {
                     JC_ASSIGN_OR_RETURN(
                         Rows rows, s.Query("INSERT INTO t_values (s) VALUES ($1) RETURNING id",
                                            {std::string("row") + std::to_string(i)}));
                     ids.push_back(rows[0].Int(0));
                   }
                   return {};
                 })
                  .ok());
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_GT(ids[0], 0);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
  EXPECT_EQ(RewriteTypes("a {{id}}, b {{blob}}", Dialect::kSqlite),
            "a INTEGER PRIMARY KEY, b BLOB");
  EXPECT_EQ(RewriteTypes("{{blob}}{{blob}}", Dialect::kPostgres), "BYTEABYTEA");
}

TEST_F(DatabaseTest, ExecReturnsRowsAffected) {
  ASSERT_TRUE(Put("a", 1).ok());
  ASSERT_TRUE(Put("b", 1).ok());
  ASSERT_TRUE(Put("c", 2).ok());
  std::int64_t n = -1;
  ASSERT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(
                       n, s.Exec("UPDATE t_kv SET v = 9 WHERE v = $1", {std::int64_t{1}}));
                   return {};
                 })
                  .ok());
  EXPECT_EQ(n, 2);
}

// ---- transactions ----

TEST_F(DatabaseTest, WriteWhoseFnReturnsErrorLeavesNothing) {
  Result<void> r = db_->Write([](Session& s) -> Result<void> {
    JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('x', 1)"));
    JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('y', 2)"));
    return DomainError::Invalid("test.refused", "refused");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "test.refused");
  EXPECT_EQ(Count("t_kv"), 0);
}

TEST_F(DatabaseTest, ExceptionThrownInWriteReachesTheCallerAndRollsBack) {
  EXPECT_THROW((void)db_->Write([](Session& s) -> Result<void> {
    (void)s.Exec("INSERT INTO t_kv (k, v) VALUES ('boom', 1)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("t_kv"), 0);
  // The database keeps working afterwards.
  EXPECT_TRUE(Put("after", 1).ok());
  EXPECT_EQ(Count("t_kv"), 1);
}

TEST_F(DatabaseTest, ReadSeesCommittedData) {
  ASSERT_TRUE(Put("seen", 5).ok());
  std::int64_t v = 0;
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(Rows rows,
                                       s.Query("SELECT v FROM t_kv WHERE k = $1", {"seen"}));
                   if (!rows.empty()) v = rows[0].Int(0);
                   return {};
                 })
                  .ok());
  EXPECT_EQ(v, 5);
}

TEST_F(DatabaseTest, ReadIsOneSnapshotWhileWritesCommit) {
  ASSERT_TRUE(Put("a", 1).ok());
  std::int64_t first = -1, second = -1;
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(Rows r1, s.Query("SELECT COUNT(*) FROM t_kv"));
                   first = r1[0].Int(0);
                   // Committed by another connection while this snapshot is open.
                   EXPECT_TRUE(Put("b", 2).ok());
                   JC_ASSIGN_OR_RETURN(Rows r2, s.Query("SELECT COUNT(*) FROM t_kv"));
                   second = r2[0].Int(0);
                   return {};
                 })
                  .ok());
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1);
  EXPECT_EQ(Count("t_kv"), 2);
}

TEST_F(DatabaseTest, ConcurrentWritesAllLand) {
  constexpr int kThreads = 32;
  constexpr int kPerThread = 20;
  const DatabaseStats before = db_->stats();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!Put("t" + std::to_string(t) + "-" + std::to_string(i), t).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count("t_kv"), kThreads * kPerThread);
  const DatabaseStats after = db_->stats();
  EXPECT_EQ(after.write_requests - before.write_requests, kThreads * kPerThread);
  if (sqlite()) {
    // Group commit: 640 requests from 32 threads cannot each have had their own transaction.
    EXPECT_LT(after.write_batches - before.write_batches,
              after.write_requests - before.write_requests);
  } else {
    EXPECT_EQ(after.write_batches - before.write_batches, kThreads * kPerThread);
  }
}

TEST_F(DatabaseTest, ConcurrentWritesWithFailuresKeepTheOthers) {
  constexpr int kThreads = 32;
  constexpr int kPerThread = 20;
  std::atomic<int> unexpected{0};
  std::atomic<int> thrown{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
        const int mode = (t * kPerThread + i) % 10;  // 0: returns error, 1: throws, else ok
        try {
          Result<void> r = db_->Write([&](Session& s) -> Result<void> {
            JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ($1, $2)", {key, std::int64_t{mode}}));
            if (mode == 0) return DomainError::Invalid("test.refused", "refused");
            if (mode == 1) throw std::runtime_error("thrown by " + key);
            return {};
          });
          if (r.ok() != (mode >= 2)) ++unexpected;
        } catch (const std::runtime_error& e) {
          if (mode == 1 && std::string(e.what()) == "thrown by " + key) {
            ++thrown;
          } else {
            ++unexpected;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(thrown.load(), kThreads * kPerThread / 10);
  EXPECT_EQ(Count("t_kv", "v < 2"), 0);
  EXPECT_EQ(Count("t_kv"), kThreads * kPerThread * 8 / 10);
}

// Holds the SQLite writer inside one request until `queued` more requests wait behind it, so
// those are answered by one batch (one transaction) in a known way.
class HeldWriter {
 public:
  HeldWriter(Database& db, int queued) : db_(db), queued_(queued) {
    thread_ = std::thread([this] {
      result_ = db_.Write([this](Session&) -> Result<void> {
        running_ = true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (db_.stats().write_queue_depth < queued_ &&
               std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return {};
      });
    });
    while (!running_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HeldWriter() { Join(); }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  Database& db_;
  int queued_;
  std::atomic<bool> running_{false};
  Result<void> result_;
  std::thread thread_;
};

TEST_F(DatabaseTest, SqliteGroupsQueuedWritesAndAFailingOneDoesNotUndoItsBatch) {
  if (!sqlite()) GTEST_SKIP() << "group commit is SQLite's writer";
  constexpr int kRequests = 12;
  ASSERT_TRUE(Put("pre", -1).ok());
  const DatabaseStats before = db_->stats();
  HeldWriter held(*db_, kRequests);
  std::vector<std::thread> threads;
  std::vector<int> outcome(kRequests, -1);  // 1 ok, 0 error, 2 thrown
  for (int n = 0; n < kRequests; ++n) {
    threads.emplace_back([&, n] {
      try {
        Result<void> r = db_->Write([&](Session& s) -> Result<void> {
          JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ($1, $2)",
                        {"r" + std::to_string(n), std::int64_t{n}}));
          if (n == 5) return DomainError::Invalid("test.refused", "refused");
          if (n == 7) throw std::logic_error("request 7");
          if (n == 9) {  // a statement error the fn passes on
            JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('pre', 0)"));
          }
          return {};
        });
        outcome[n] = r.ok() ? 1 : 0;
      } catch (const std::logic_error&) {
        outcome[n] = 2;
      }
    });
  }
  for (auto& t : threads) t.join();
  held.Join();
  const DatabaseStats after = db_->stats();
  for (int n = 0; n < kRequests; ++n) {
    SCOPED_TRACE("request " + std::to_string(n));
    EXPECT_EQ(outcome[n], n == 5 || n == 9 ? 0 : n == 7 ? 2 : 1);
  }
  EXPECT_EQ(Count("t_kv", "k LIKE 'r%'"), kRequests - 3);
  EXPECT_EQ(Count("t_kv", "k IN ('r5', 'r7', 'r9')"), 0);
  EXPECT_EQ(Count("t_kv", "k = 'pre' AND v = -1"), 1);
  // The held request was one batch, the queued requests one more.
  EXPECT_EQ(after.write_requests - before.write_requests, kRequests + 1);
  EXPECT_EQ(after.write_batches - before.write_batches, 2);
}

TEST_F(DatabaseTest, SqliteExclusiveWriteRunsInItsOwnTransaction) {
  if (!sqlite()) GTEST_SKIP() << "group commit is SQLite's writer";
  const DatabaseStats before = db_->stats();
  {
    HeldWriter held(*db_, 3);
    std::thread a([&] { EXPECT_TRUE(Put("a", 1).ok()); });
    std::thread x([&] {
      EXPECT_TRUE(db_->WriteExclusive([](Session& s) -> Result<void> {
                       JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('x', 2)"));
                       return {};
                     })
                      .ok());
    });
    std::thread b([&] { EXPECT_TRUE(Put("b", 3).ok()); });
    a.join();
    x.join();
    b.join();
  }
  const DatabaseStats after = db_->stats();
  EXPECT_EQ(after.write_requests - before.write_requests, 4);
  // The exclusive request never shares: at least held + exclusive + one for the others.
  EXPECT_GE(after.write_batches - before.write_batches, 3);
  EXPECT_EQ(Count("t_kv"), 3);
}

// A Write issued inside a Write joins the running transaction on both drivers, so the inner
// one cannot commit on its own or wait on the outer one's locks.
TEST_F(DatabaseTest, WriteInsideWriteJoinsTheRunningTransaction) {
  Result<void> r = db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ('outer', 1)"));
    JC_TRY(db_->Write([](Session& inner) -> Result<void> {
      JC_TRY(inner.Exec("INSERT INTO t_kv (k, v) VALUES ('inner', 2)"));
      return {};
    }));
    return DomainError::Invalid("test.refused", "refused");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Count("t_kv"), 0);
}

// A statement that makes SQLite roll back the whole batch transaction (ON CONFLICT ROLLBACK,
// RAISE(ROLLBACK), SQLITE_FULL/IOERR) must not leave later requests running in autocommit:
// every caller is told exactly what is stored.
TEST_F(DatabaseTest, SqliteTransactionEndingFailureLeavesEveryAnswerTruthful) {
  if (!sqlite()) GTEST_SKIP() << "group commit is SQLite's writer";
  ASSERT_TRUE(Put("dup", 0).ok());
  constexpr int kRequests = 3;
  std::vector<int> ok(kRequests, -1);
  {
    HeldWriter held(*db_, kRequests);
    std::vector<std::thread> threads;
    for (int n = 0; n < kRequests; ++n) {
      threads.emplace_back([&, n] {
        // Start in order so that the batch is [r0, rollback, r2].
        std::this_thread::sleep_for(std::chrono::milliseconds(30 * n));
        Result<void> r = db_->Write([&](Session& s) -> Result<void> {
          if (n == 1) {
            JC_TRY(s.Exec("INSERT OR ROLLBACK INTO t_kv (k, v) VALUES ('dup', 1)"));
            return {};
          }
          JC_TRY(s.Exec("INSERT INTO t_kv (k, v) VALUES ($1, 1)", {"r" + std::to_string(n)}));
          return {};
        });
        ok[n] = r.ok() ? 1 : 0;
      });
    }
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(ok[1], 0);
  // What a caller was told must match what is stored.
  for (int n : {0, 2}) {
    SCOPED_TRACE("request " + std::to_string(n));
    EXPECT_EQ(Count("t_kv", "k = 'r" + std::to_string(n) + "'"), ok[n] == 1 ? 1 : 0);
  }
}

// An apostrophe in a comment must not hide later placeholders: SQLite would read "$2" as a
// named parameter and bind by order of appearance, i.e. to the wrong value.
TEST_F(DatabaseTest, SqliteApostropheInCommentDoesNotHideLaterPlaceholders) {
  if (!sqlite()) GTEST_SKIP() << "placeholder rewriting is SQLite's";
  ASSERT_TRUE(Put("a", 1).ok());
  ASSERT_TRUE(Put("b", 2).ok());
  auto rows = db_->Query(
      "SELECT k FROM t_kv -- the caller's key\n"
      "WHERE v = $2 AND k = $1",
      {std::string("b"), std::int64_t{2}});
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "b");
}

// ---- scope conditions ----

class ScopeSqlTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ASSERT_TRUE(db_->Write([](Session& s) -> Result<void> {
                     for (const char* code : {"330681109290001", "330681109", "330681109002",
                                              "330681110001", "33068110", "330681", "33068210",
                                              "3306811099", "330681109:", "330682"}) {
                       JC_TRY(s.Exec("INSERT INTO t_codes (code) VALUES ($1)", {code}));
                     }
                     return {};
                   })
                    .ok());
  }

  std::vector<std::string> Matching(const Scope& scope) {
    Params p{std::string("unused")};  // scope parameters continue after the caller's
    std::string where = scope.Sql("code", p);
    auto rows =
        db_->Query("SELECT code FROM t_codes WHERE code <> $1 AND " + where + " ORDER BY code", p);
    EXPECT_TRUE(rows.ok()) << rows.error().detail << " in " << where;
    std::vector<std::string> out;
    if (rows.ok()) {
      for (std::size_t i = 0; i < rows->size(); ++i) out.push_back((*rows)[i].Text(0));
    }
    return out;
  }
};

TEST_F(ScopeSqlTest, TownshipPrefixMatchesItsSubtreeOnly) {
  Scope s = Scope::Of({"330681109"});
  EXPECT_EQ(Matching(s), (std::vector<std::string>{"330681109", "330681109002", "330681109290001",
                                                   "3306811099"}));
  EXPECT_TRUE(s.Covers("330681109290001"));
  EXPECT_FALSE(s.Covers("330681110001"));
  EXPECT_FALSE(s.Covers("33068110"));
  EXPECT_FALSE(s.Covers("330681"));
}

TEST_F(ScopeSqlTest, AllMatchesEverythingAndEmptyMatchesNothing) {
  EXPECT_EQ(Matching(Scope::All()).size(), 10u);
  EXPECT_TRUE(Scope::All().IsAll());
  EXPECT_TRUE(Scope::All().Covers("99"));
  EXPECT_TRUE(Matching(Scope()).empty());
  EXPECT_TRUE(Scope().IsEmpty());
  EXPECT_FALSE(Scope().Covers("330681"));
  EXPECT_TRUE(Matching(Scope::Of({})).empty());
}

TEST_F(ScopeSqlTest, OverlappingPrefixesCollapseToTheShortest) {
  Scope s = Scope::Of({"330681109290", "330681109", "330682", "330681109002"});
  EXPECT_EQ(s.prefixes(), (std::vector<std::string>{"330681109", "330682"}));
  EXPECT_EQ(Matching(s), (std::vector<std::string>{"330681109", "330681109002", "330681109290001",
                                                   "3306811099", "330682", "33068210"}));
  // Each kept prefix adds two parameters, numbered after the caller's.
  Params p{std::string("x")};
  std::string sql = s.Sql("code", p);
  EXPECT_EQ(p.size(), 5u);
  EXPECT_NE(sql.find("$2"), std::string::npos);
  EXPECT_NE(sql.find("$5"), std::string::npos);
  EXPECT_TRUE(Scope::Of({"330681", ""}).IsAll());
}

}  // namespace
}  // namespace jiceng::core::db
