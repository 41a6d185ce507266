// Migrations on both drivers: idempotence, dialect-specific files, and all-or-nothing failure.
#include "core/db/migrator.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace jiceng::core::db {
namespace {

std::unique_ptr<Database> OpenEmpty() {
  auto db = Open(jiceng::testing::FreshDatabaseUrl());
  EXPECT_TRUE(db.ok()) << db.error().detail;
  return db.ok() ? std::move(*db) : nullptr;
}

// True when `sql` runs (used to probe whether a table exists on either driver).
bool Runs(Database& db, const std::string& sql) { return db.Query(sql).ok(); }

std::int64_t CountOf(Database& db, const std::string& sql) {
  auto rows = db.Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.error().detail;
  return rows.ok() ? (*rows)[0].Int(0) : -1;
}

Migration M(std::string module, int number, std::string name, std::string dialect,
            std::string sql) {
  return Migration{std::move(module), number, std::move(name), std::move(dialect), std::move(sql)};
}

TEST(MigratorTest, EmbeddedMigrationsApplyOnAnEmptyDatabaseAndAgainAsNoOp) {
  auto db = OpenEmpty();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Migrate(*db, EmbeddedMigrations()).ok());
  const std::int64_t applied = CountOf(*db, "SELECT COUNT(*) FROM core_migrations");
  EXPECT_GT(applied, 0);
  auto first = db->Query("SELECT module, number, applied_at FROM core_migrations ORDER BY 1, 2");
  ASSERT_TRUE(first.ok());

  Result<void> again = Migrate(*db, EmbeddedMigrations());
  ASSERT_TRUE(again.ok()) << again.error().message << " " << again.error().detail;
  auto second = db->Query("SELECT module, number, applied_at FROM core_migrations ORDER BY 1, 2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->data, first->data);  // nothing re-applied, nothing re-recorded
  for (const char* table : {"org_nodes", "org_grids", "core_audit", "core_users"}) {
    EXPECT_TRUE(Runs(*db, std::string("SELECT COUNT(*) FROM ") + table)) << table;
  }
}

TEST(MigratorTest, OnlyNewMigrationsRunOnALaterStart) {
  auto db = jiceng::testing::OpenTestDatabase();
  ASSERT_NE(db, nullptr);
  std::vector<Migration> v1 = {
      M("t_mod", 1, "create", "", "CREATE TABLE t_mig (id {{id}}, note TEXT NOT NULL);")};
  ASSERT_TRUE(Migrate(*db, v1).ok());
  ASSERT_TRUE(db->Write([](Session& s) -> Result<void> {
                  JC_TRY(s.Exec("INSERT INTO t_mig (note) VALUES ('kept')"));
                  return {};
                }).ok());
  // Re-running 0001 would fail (table exists) or lose the row; only 0002 may run.
  std::vector<Migration> v2 = v1;
  v2.push_back(M("t_mod", 2, "add_column", "", "ALTER TABLE t_mig ADD COLUMN extra TEXT;"));
  Result<void> r = Migrate(*db, v2);
  ASSERT_TRUE(r.ok()) << r.error().message << " " << r.error().detail;
  EXPECT_EQ(CountOf(*db, "SELECT COUNT(*) FROM t_mig WHERE note = 'kept' AND extra IS NULL"), 1);
  EXPECT_EQ(CountOf(*db, "SELECT COUNT(*) FROM core_migrations WHERE module = 't_mod'"), 2);
  auto named = db->Query("SELECT name FROM core_migrations WHERE module = 't_mod' AND number = 2");
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].Text(0), "add_column");
}

TEST(MigratorTest, DialectSpecificMigrationRunsOnlyOnItsDialect) {
  auto db = jiceng::testing::OpenTestDatabase();
  ASSERT_NE(db, nullptr);
  const bool pg = db->dialect() == Dialect::kPostgres;
  std::vector<Migration> ms = {
      M("t_dia", 1, "both", "", "CREATE TABLE t_both (x INTEGER);"),
      // Same number, one file per dialect, as 0002_protect.{sqlite,pg}.sql do.
      M("t_dia", 2, "only", "sqlite",
        "CREATE TABLE t_lite (x INTEGER); CREATE TRIGGER t_lite_trg BEFORE DELETE ON t_lite "
        "BEGIN SELECT RAISE(ABORT, 'no'); END;"),
      M("t_dia", 2, "only", "pg",
        "CREATE TABLE t_pg (x INTEGER); CREATE FUNCTION t_pg_fn() RETURNS integer "
        "LANGUAGE sql AS $$ SELECT 1 $$;"),
  };
  Result<void> r = Migrate(*db, ms);
  ASSERT_TRUE(r.ok()) << r.error().message << " " << r.error().detail;
  EXPECT_TRUE(Runs(*db, "SELECT COUNT(*) FROM t_both"));
  EXPECT_EQ(Runs(*db, "SELECT COUNT(*) FROM t_lite"), !pg);
  EXPECT_EQ(Runs(*db, "SELECT COUNT(*) FROM t_pg"), pg);
  EXPECT_EQ(CountOf(*db, "SELECT COUNT(*) FROM core_migrations WHERE module = 't_dia'"), 2);
  // Still a no-op the second time.
  EXPECT_TRUE(Migrate(*db, ms).ok());
}

TEST(MigratorTest, TypeMarkersAreRewrittenForTheDialect) {
  auto db = jiceng::testing::OpenTestDatabase();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Migrate(*db, {M("t_typ", 1, "markers", "",
                              "CREATE TABLE t_typ (id {{id}}, data {{blob}} NOT NULL);")})
                  .ok());
  ASSERT_TRUE(
      db->Write([](Session& s) -> Result<void> {
          JC_TRY(s.Exec("INSERT INTO t_typ (data) VALUES ($1)", {Blob{std::string("\0a", 2)}}));
          JC_TRY(s.Exec("INSERT INTO t_typ (data) VALUES ($1)", {Blob{"b"}}));
          return {};
        }).ok());
  auto rows = db->Query("SELECT id, data FROM t_typ ORDER BY id");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_LT((*rows)[0].Int(0), (*rows)[1].Int(0));
  EXPECT_EQ((*rows)[0].At(1), Value(Blob{std::string("\0a", 2)}));
}

TEST(MigratorTest, FailingMigrationNamesItselfAndLeavesNoPartialSchema) {
  auto db = jiceng::testing::OpenTestDatabase();
  ASSERT_NE(db, nullptr);
  const std::int64_t recorded = CountOf(*db, "SELECT COUNT(*) FROM core_migrations");
  std::vector<Migration> ms = {
      M("t_fail", 1, "good", "", "CREATE TABLE t_good (x INTEGER);"),
      // Its first statement succeeds, its second fails: the whole run must be undone.
      M("t_fail", 2, "broken", "",
        "CREATE TABLE t_half (x INTEGER); CREATE INDEX t_half_x ON t_half (x);"
        "CREATE TABLE t_half (y INTEGER);"),
      M("t_fail", 3, "after", "", "CREATE TABLE t_after (x INTEGER);"),
  };
  Result<void> r = Migrate(*db, ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.migration");
  EXPECT_NE(r.error().message.find("t_fail"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("2_broken"), std::string::npos) << r.error().message;
  EXPECT_FALSE(r.error().detail.empty());  // the driver's reason

  for (const char* table : {"t_good", "t_half", "t_after"}) {
    EXPECT_FALSE(Runs(*db, std::string("SELECT COUNT(*) FROM ") + table)) << table;
  }
  EXPECT_EQ(CountOf(*db, "SELECT COUNT(*) FROM core_migrations"), recorded);
  EXPECT_EQ(CountOf(*db, "SELECT COUNT(*) FROM core_migrations WHERE module = 't_fail'"), 0);

  // Fixed, the same set applies from the start.
  ms[1].sql = "CREATE TABLE t_half (x INTEGER); CREATE INDEX t_half_x ON t_half (x);";
  Result<void> fixed = Migrate(*db, ms);
  ASSERT_TRUE(fixed.ok()) << fixed.error().message << " " << fixed.error().detail;
  for (const char* table : {"t_good", "t_half", "t_after"}) {
    EXPECT_TRUE(Runs(*db, std::string("SELECT COUNT(*) FROM ") + table)) << table;
  }
}

TEST(MigratorTest, FailureOnAnEmptyDatabaseLeavesItEmpty) {
  auto db = OpenEmpty();
  ASSERT_NE(db, nullptr);
  Result<void> r = Migrate(*db, {M("t_empty", 1, "good", "", "CREATE TABLE t_e1 (x INTEGER);"),
                                 M("t_empty", 2, "bad", "", "THIS IS NOT SQL;")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "db.migration");
  EXPECT_FALSE(Runs(*db, "SELECT COUNT(*) FROM t_e1"));
  // Even the bookkeeping table is part of the undone transaction.
  EXPECT_FALSE(Runs(*db, "SELECT COUNT(*) FROM core_migrations"));
}

TEST(MigratorTest, MigrationsOfListsAModuleInNumberOrder) {
  std::vector<Migration> org = MigrationsOf("org");
  ASSERT_FALSE(org.empty());
  for (std::size_t i = 1; i < org.size(); ++i) EXPECT_LE(org[i - 1].number, org[i].number);
  for (const auto& m : org) EXPECT_EQ(m.module, "org");
  std::set<std::string> dialects;
  for (const auto& m : MigrationsOf("core.audit")) dialects.insert(m.dialect);
  EXPECT_EQ(dialects, (std::set<std::string>{"", "sqlite", "pg"}));
  EXPECT_TRUE(MigrationsOf("no_such_module").empty());
}

}  // namespace
}  // namespace jiceng::core::db
