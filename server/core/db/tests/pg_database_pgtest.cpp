// Tests of the PostgreSQL driver against a real server. They need JICENG_TEST_PG, e.g.
//   scripts/with-postgres.sh ./pg_tests
// and are skipped without it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/db/database.hpp"
#include "core/db/postgres/pg_database.hpp"

namespace jiceng::core::db {
namespace {

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("JICENG_TEST_PG");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "JICENG_TEST_PG is not set";
    // A schema and a connection name of this process: the suite may run as several gtest
    // shards at once against one server (ctest -j), and they must not drop each other's tables
    // or count each other's connections.
    const std::string own = "pgt_" + std::to_string(::getpid());
    {
      url_ = url;
      auto admin = OpenOrDie();
      ASSERT_NE(admin, nullptr);
      ASSERT_TRUE(admin
                      ->Write([&](Session& s) {
                        return s.ExecScript("CREATE SCHEMA IF NOT EXISTS " + own);
                      })
                      .ok());
      admin->Close();
    }
    url_ = std::string(url) + (std::string(url).find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + own + "&application_name=" + own;
    application_name_ = own;
    db_ = OpenOrDie();
    // Every test starts from empty tables of its own.
    ASSERT_TRUE(db_->WriteExclusive([](Session& s) {
                     return s.ExecScript(R"sql(
      DROP TABLE IF EXISTS pgt_child, pgt_parent, pgt_values, pgt_items;
      CREATE TABLE pgt_values (
        id bigserial PRIMARY KEY, i8 bigint, i4 integer, i2 smallint, f8 double precision,
        f4 real, num numeric, flag boolean, txt text, data bytea, ts timestamptz);
      CREATE TABLE pgt_items (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, n bigint);
      CREATE TABLE pgt_parent (id bigint PRIMARY KEY);
      CREATE TABLE pgt_child (id bigint PRIMARY KEY,
        parent_id bigint NOT NULL CONSTRAINT pgt_child_parent_fk REFERENCES pgt_parent(id));
    )sql");
                   })
                    .ok());
  }

  std::unique_ptr<Database> OpenOrDie(OpenOptions options = {}) {
    auto opened = OpenPostgres(url_, options);
    if (!opened.ok()) ADD_FAILURE() << opened.error().detail;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  std::int64_t Count(Database& db, const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(db.Read([&](Session& s) -> Result<void> {
                    JC_ASSIGN_OR_RETURN(Rows rows, s.Query("SELECT count(*) FROM " + table));
                    n = rows[0].Int(0);
                    return {};
                  }).ok());
    return n;
  }

  Result<std::int64_t> Insert(Session& s, const std::string& name, std::int64_t n = 0) {
    return s.Exec("INSERT INTO pgt_items (name, n) VALUES ($1, $2)", {name, n});
  }  // One item written in a transaction of its own.
  Result<void> WriteItem(const std::string& name) {
    return db_->Write([&](Session& s) -> Result<void> {
      JC_TRY(Insert(s, name));
      return {};
    });
  }

  std::string url_;
  std::string application_name_;
  std::unique_ptr<Database> db_;
};

TEST_F(PgDatabaseTest, RoundTripsEveryValueType) {
  const std::string bytes("\0\x01\xff\0zero\0", 9);
  const std::string text = "中文 'quoted' \"double\" \\ back";
  const double real = 0.1 + 0.2;  // needs all 17 digits to round-trip
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();

  ASSERT_TRUE(
      db_->Write([&](Session& s) -> Result<void> {
           JC_TRY(
               s.Exec("INSERT INTO pgt_values (id, i8, i4, i2, f8, f4, num, flag, txt, data, ts) "
                      "VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                      {big, std::int64_t{-7}, std::int64_t{12}, real, 1.5, 2.25, std::int64_t{1},
                       text, Blob{bytes}, std::string("2026-10-01 08:00:00+08")}));
           JC_TRY(s.Exec("INSERT INTO pgt_values (id, i8, txt, data) VALUES (2, $1, $2, $3)",
                         {small, std::string(), Blob{}}));
           // Null for every column.
           JC_TRY(
               s.Exec("INSERT INTO pgt_values (id, i8, i4, i2, f8, f4, num, flag, txt, data, ts) "
                      "VALUES (3, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                      Params(10, Null{})));
           return {};
         })
          .ok());

  Rows rows;
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(rows, s.Query("SELECT i8, i4, i2, f8, f4, num, flag, txt, "
                                                     "data, ts FROM pgt_values ORDER BY id"));
                   return {};
                 })
                  .ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"i8", "i4", "i2", "f8", "f4", "num", "flag",
                                                    "txt", "data", "ts"}));
  const std::vector<Value>& r = rows.data[0];
  EXPECT_EQ(r[0], Value(big));
  EXPECT_EQ(r[1], Value(std::int64_t{-7}));
  EXPECT_EQ(r[2], Value(std::int64_t{12}));
  EXPECT_EQ(r[3], Value(real));
  EXPECT_EQ(r[4], Value(1.5));
  EXPECT_EQ(r[5], Value(2.25));
  EXPECT_EQ(r[6], Value(std::int64_t{1}));
  EXPECT_TRUE(rows[0].Bool(6));
  EXPECT_EQ(r[7], Value(text));
  EXPECT_EQ(r[8], Value(Blob{bytes}));
  ASSERT_EQ(std::get<Blob>(r[8]).bytes.size(), 9u);
  EXPECT_EQ(r[9], Value(std::string("2026-10-01 00:00:00+00")));  // sessions run in UTC

  EXPECT_EQ(rows.data[1][0], Value(small));
  EXPECT_EQ(rows.data[1][7], Value(std::string()));  // empty text is not NULL
  EXPECT_EQ(rows.data[1][8], Value(Blob{}));         // nor is an empty blob

  for (std::size_t c = 0; c < rows.columns.size(); ++c) {
    EXPECT_TRUE(rows[2].IsNull(c)) << rows.columns[c];
  }
}

TEST_F(PgDatabaseTest, UntypedParametersAndSpecialDoubles) {
  Rows rows;
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(
                       rows, s.Query("SELECT $1::bigint + 1 AS a, $2::float8 AS b, $3::float8 AS c,"
                                     " $4::float8 AS d, $5 = 'x' AS e, $6::bytea AS f",
                                     {std::int64_t{41}, std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::quiet_NaN(), std::string("x"),
                                      Blob{std::string("\0", 1)}}));
                   return {};
                 })
                  .ok());
  EXPECT_EQ(rows[0].Int(0), 42);
  EXPECT_EQ(rows[0].Real(1), std::numeric_limits<double>::infinity());
  EXPECT_EQ(rows[0].Real(2), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(rows[0].Real(3)));
  EXPECT_TRUE(rows[0].Bool(4));
  EXPECT_EQ(rows.data[0][5], Value(Blob{std::string("\0", 1)}));
}

TEST_F(PgDatabaseTest, UniqueViolationIsConflict) {
  ASSERT_TRUE(WriteItem("a").ok());
  Result<void> r = db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(Insert(s, "a"));
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().code, "db.conflict");
  EXPECT_EQ(r.error().message, "数据冲突：记录已存在或仍被引用");
  EXPECT_EQ(r.error().detail, "pgt_items_name_key");
  EXPECT_EQ(Count(*db_, "pgt_items"), 1);
}

TEST_F(PgDatabaseTest, ForeignKeyViolationIsConflict) {
  Result<void> r = db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(s.Exec("INSERT INTO pgt_child (id, parent_id) VALUES (1, 99)"));
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().code, "db.conflict");
  EXPECT_EQ(r.error().detail, "pgt_child_parent_fk");
}

TEST_F(PgDatabaseTest, OtherErrorsAreInternalWithServerMessage) {
  Result<void> r = db_->Read([&](Session& s) -> Result<void> {
    JC_TRY(s.Query("SELECT * FROM pgt_missing WHERE id = $1", {std::int64_t{1}}));
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInternal);
  EXPECT_EQ(r.error().code, "db.error");
  EXPECT_EQ(r.error().message, "数据库错误");
  EXPECT_EQ(r.error().detail, "relation \"pgt_missing\" does not exist");
}

TEST_F(PgDatabaseTest, ReadIsReadOnly) {
  Result<void> r = db_->Read([&](Session& s) -> Result<void> {
    JC_TRY(Insert(s, "x"));
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.error");
  EXPECT_EQ(Count(*db_, "pgt_items"), 0);
}

TEST_F(PgDatabaseTest, ErrorInWriteRollsBack) {
  Result<void> r = db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(Insert(s, "a"));
    JC_TRY(Insert(s, "b"));
    return DomainError::Invalid("test.fail", "失败");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "test.fail");
  EXPECT_EQ(Count(*db_, "pgt_items"), 0);
  // The connection is clean for the next writer.
  ASSERT_TRUE(WriteItem("a").ok());
  EXPECT_EQ(Count(*db_, "pgt_items"), 1);
}

TEST_F(PgDatabaseTest, ExceptionInWriteRollsBackAndPropagates) {
  EXPECT_THROW((void)db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(Insert(s, "a"));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(Count(*db_, "pgt_items"), 0);
  // With a pool of kWriteConnections, leaked transactions would show up after a few rounds.
  for (int i = 0; i < 10; ++i) {
    EXPECT_THROW((void)db_->Write([&](Session& s) -> Result<void> {
      JC_TRY(Insert(s, "t" + std::to_string(i)));
      throw std::logic_error("again");
    }),
                 std::logic_error);
  }
  ASSERT_TRUE(WriteItem("b").ok());
  EXPECT_EQ(Count(*db_, "pgt_items"), 1);
}

TEST_F(PgDatabaseTest, IgnoredStatementErrorStillFailsTheWrite) {
  ASSERT_TRUE(WriteItem("a").ok());
  // PostgreSQL aborts the transaction on the failed insert; COMMIT would silently roll back.
  Result<void> r = db_->Write([&](Session& s) -> Result<void> {
    JC_TRY(Insert(s, "b"));
    (void)Insert(s, "a");  // conflict, ignored
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.conflict");
  EXPECT_EQ(Count(*db_, "pgt_items"), 1);
}

TEST_F(PgDatabaseTest, ConcurrentWritesAllLand) {
  auto db = OpenOrDie({.read_connections = 2});
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 16;
  constexpr int kWrites = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        Result<void> r = db->Write([&](Session& s) -> Result<void> {
          JC_TRY(Insert(s, std::to_string(t) + "-" + std::to_string(i), t));
          return {};
        });
        if (!r.ok()) ++failures;
        if (i % 10 == 0) (void)Count(*db, "pgt_items");  // reads interleave with writes
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count(*db, "pgt_items"), kThreads * kWrites);
  DatabaseStats stats = db->stats();
  EXPECT_EQ(stats.write_requests, kThreads * kWrites);
  EXPECT_EQ(stats.write_batches, kThreads * kWrites);
  EXPECT_EQ(stats.write_queue_depth, 0);
  EXPECT_EQ(stats.read_connections, 2);
}

TEST_F(PgDatabaseTest, CallersWaitForAFreeConnection) {
  auto db = OpenOrDie({.read_connections = 1});
  ASSERT_NE(db, nullptr);
  // 6 writers that each hold a connection for 200 ms share the 4 write connections: 2 of them
  // must wait (queue depth) and the whole takes two rounds instead of opening more connections.
  const auto start = std::chrono::steady_clock::now();
  std::atomic<bool> done{false};
  std::int64_t max_depth = 0;
  std::thread observer([&] {
    while (!done) {
      max_depth = std::max(max_depth, db->stats().write_queue_depth);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&] {
      EXPECT_TRUE(db->Write([](Session& s) -> Result<void> {
                      JC_TRY(s.Query("SELECT pg_sleep(0.2)"));
                      return {};
                    }).ok());
    });
  }
  for (auto& th : writers) th.join();
  done = true;
  observer.join();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(390));
  EXPECT_GE(max_depth, 1);
  EXPECT_EQ(db->stats().write_queue_depth, 0);
  ASSERT_TRUE(db->Read([&](Session& s) -> Result<void> {
                  JC_ASSIGN_OR_RETURN(Rows rows, s.Query("SELECT count(*) FROM pg_stat_activity "
                                                         "WHERE application_name = $1",
                                                         {application_name_}));
                  EXPECT_EQ(rows[0].Int(0), (1 + 4) + (4 + 4));  // db and the fixture's db_
                  return {};
                }).ok());
}

TEST_F(PgDatabaseTest, ConcurrentCountersDoNotLoseUpdates) {
  ASSERT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                   JC_TRY(Insert(s, "counter", 0));
                   return {};
                 })
                  .ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        EXPECT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                         JC_TRY(s.Exec("UPDATE pgt_items SET n = n + 1 WHERE name = $1",
                                       {std::string("counter")}));
                         return {};
                       })
                        .ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(Rows rows, s.Query("SELECT n FROM pgt_items"));
                   EXPECT_EQ(rows[0].Int(0), 200);
                   return {};
                 })
                  .ok());
}

TEST_F(PgDatabaseTest, ReadSeesOneSnapshot) {
  ASSERT_TRUE(WriteItem("a").ok());
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(Rows before, s.Query("SELECT count(*) FROM pgt_items"));
                   EXPECT_EQ(before[0].Int(0), 1);
                   // A write committed by another thread while this snapshot is open.
                   std::thread writer([&] {
                     EXPECT_TRUE(db_->Write([&](Session& w) -> Result<void> {
                                      JC_TRY(Insert(w, "b"));
                                      JC_TRY(w.Exec("DELETE FROM pgt_items WHERE name = 'a'"));
                                      return {};
                                    })
                                     .ok());
                   });
                   writer.join();
                   JC_ASSIGN_OR_RETURN(Rows after,
                                       s.Query("SELECT name FROM pgt_items ORDER BY name"));
                   EXPECT_EQ(after.size(), 1u);
                   if (after.size() == 1) {
                     EXPECT_EQ(after[0].Text(0), "a");
                   }
                   return {};
                 })
                  .ok());
  // A new Read sees the committed write.
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   JC_ASSIGN_OR_RETURN(Rows rows, s.Query("SELECT name FROM pgt_items"));
                   EXPECT_EQ(rows.size(), 1u);
                   if (rows.size() == 1) {
                     EXPECT_EQ(rows[0].Text(0), "b");
                   }
                   return {};
                 })
                  .ok());
}

TEST_F(PgDatabaseTest, AffectedCounts) {
  ASSERT_TRUE(
      db_->Write([&](Session& s) -> Result<void> {
           for (const char* name : {"a", "b", "c"}) {
             JC_ASSIGN_OR_RETURN(std::int64_t n, Insert(s, name));
             EXPECT_EQ(n, 1);
           }
           JC_ASSIGN_OR_RETURN(std::int64_t updated, s.Exec("UPDATE pgt_items SET n = 5"));
           EXPECT_EQ(updated, 3);
           JC_ASSIGN_OR_RETURN(std::int64_t deleted, s.Exec("DELETE FROM pgt_items WHERE name = $1",
                                                            {std::string("nobody")}));
           EXPECT_EQ(deleted, 0);
           JC_ASSIGN_OR_RETURN(
               Rows returned,
               s.Query("UPDATE pgt_items SET n = 6 WHERE name <> $1 RETURNING id, name",
                       {std::string("a")}));
           EXPECT_EQ(returned.affected, 2);
           EXPECT_EQ(returned.size(), 2u);
           JC_ASSIGN_OR_RETURN(std::int64_t ddl, s.Exec("CREATE TEMP TABLE pgt_tmp (x int)"));
           EXPECT_EQ(ddl, 0);
           return {};
         })
          .ok());
}

TEST_F(PgDatabaseTest, ExecScriptRunsSeveralStatements) {
  ASSERT_TRUE(db_->Write([&](Session& s) {
                   return s.ExecScript(
                       "INSERT INTO pgt_items (name) VALUES ('a');"
                       "INSERT INTO pgt_items (name) VALUES ('b');");
                 })
                  .ok());
  EXPECT_EQ(Count(*db_, "pgt_items"), 2);
  Result<void> r = db_->Write([&](Session& s) {
    return s.ExecScript(
        "INSERT INTO pgt_items (name) VALUES ('c');"
        "INSERT INTO pgt_items (name) VALUES ('a');");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.conflict");
  EXPECT_EQ(Count(*db_, "pgt_items"), 2);
}

TEST_F(PgDatabaseTest, SurvivesLostConnections) {
  auto db = OpenOrDie({.read_connections = 1});
  ASSERT_NE(db, nullptr);
  auto backend_pid = [&] {
    std::int64_t pid = 0;
    EXPECT_TRUE(db->Read([&](Session& s) -> Result<void> {
                    JC_ASSIGN_OR_RETURN(Rows rows, s.Query("SELECT pg_backend_pid()"));
                    pid = rows[0].Int(0);
                    return {};
                  }).ok());
    return pid;
  };
  // Killed while idle in the pool: the next Read reconnects and succeeds.
  const std::int64_t first = backend_pid();
  ASSERT_TRUE(db_->Write([&](Session& s) -> Result<void> {
                   JC_TRY(s.Query("SELECT pg_terminate_backend($1::int, 5000)", {first}));
                   return {};
                 })
                  .ok());
  const std::int64_t second = backend_pid();
  EXPECT_NE(second, 0);
  EXPECT_NE(second, first);

  // Killed during fn: that statement and the rest of fn fail, the next Read works.
  Result<std::int64_t> later = 0;
  Result<void> r = db->Read([&](Session& s) -> Result<void> {
    Result<Rows> killed = s.Query("SELECT pg_terminate_backend(pg_backend_pid())");
    EXPECT_FALSE(killed.ok());
    later = s.Exec("SELECT 1");
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.error");
  EXPECT_FALSE(later.ok());
  const std::int64_t third = backend_pid();
  EXPECT_NE(third, 0);
  EXPECT_NE(third, second);
}

TEST_F(PgDatabaseTest, BackupCloseAndDialect) {
  EXPECT_EQ(db_->dialect(), Dialect::kPostgres);
  ASSERT_TRUE(db_->Read([&](Session& s) -> Result<void> {
                   EXPECT_EQ(s.dialect(), Dialect::kPostgres);
                   return {};
                 })
                  .ok());
  Result<void> backup = db_->Backup("/tmp/x.db");
  ASSERT_FALSE(backup.ok());
  EXPECT_EQ(backup.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(backup.error().code, "db.backup.unsupported");
  EXPECT_EQ(backup.error().message, "PostgreSQL 请使用 pg_dump 备份");

  EXPECT_EQ(db_->stats().read_connections, 4);
  db_->Close();
  db_->Close();  // idempotent
  EXPECT_FALSE(db_->Read([](Session&) { return Result<void>(); }).ok());
  EXPECT_FALSE(db_->Write([](Session&) { return Result<void>(); }).ok());
}

TEST(PgDatabaseOpenTest, BadUrlFailsAtOpen) {
  if (std::getenv("JICENG_TEST_PG") == nullptr) GTEST_SKIP() << "JICENG_TEST_PG is not set";
  auto opened = OpenPostgres("postgresql://jiceng@127.0.0.1:1/none", {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, "db.error");
  EXPECT_FALSE(opened.error().detail.empty());
}

}  // namespace
}  // namespace jiceng::core::db
