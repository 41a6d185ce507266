// Keyset paging and versioned updates on both drivers (JICENG_TEST_DRIVER=sqlite|postgres).
#include "core/db/keyset.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/db/versioned_update.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::db {
namespace {

using Key = std::pair<std::string, std::int64_t>;

class KeysetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    auto r = db_->WriteExclusive([&](Session& s) -> Result<void> {
      JC_TRY(s.ExecScript(
          "CREATE TABLE t_paged (id BIGINT PRIMARY KEY, org TEXT NOT NULL, name TEXT NOT NULL, "
          "version BIGINT NOT NULL)"));
      // Ids interleave across groups so that group order and id order differ.
      for (std::int64_t id = 1; id <= 7; ++id) {
        std::string org = id % 2 == 0 ? "330681001" : "330681002";
        JC_TRY(s.Exec("INSERT INTO t_paged (id, org, name, version) VALUES ($1, $2, $3, 1)",
                      {id, org, "n" + std::to_string(id)}));
      }
      return {};
    });
    ASSERT_TRUE(r.ok()) << r.error().detail;
  }

  // Every page of the list in order, and the cursors that led to them.
  std::vector<std::vector<Key>> Pages(const KeysetColumns& columns, int limit) {
    std::vector<std::vector<Key>> pages;
    std::string cursor;
    for (int guard = 0; guard < 20; ++guard) {
      auto page = KeysetPage::Of(columns, cursor, limit);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) break;
      Params params;
      std::string sql =
          "SELECT org, id FROM t_paged WHERE " + page->After(params) + page->OrderLimit(params);
      auto rows = db_->Query(sql, params);
      EXPECT_TRUE(rows.ok()) << rows.error().detail;
      if (!rows.ok()) break;
      std::vector<Key> keys;
      for (std::size_t i = 0; i < rows->size(); ++i)
        keys.emplace_back((*rows)[i].Text(0), (*rows)[i].Int(1));
      auto next = page->Cut(keys, [](const Key& k) { return k; });
      pages.push_back(keys);
      if (!next) break;
      cursor = *next;
    }
    return pages;
  }

  std::unique_ptr<Database> db_;
};

TEST_F(KeysetTest, GroupedAscendingPagesVisitEveryRowOnceInGroupThenIdOrder) {
  KeysetColumns columns{"org", "id", false};
  auto pages = Pages(columns, 3);
  ASSERT_EQ(pages.size(), 3u);
  std::vector<Key> all;
  for (const auto& p : pages) all.insert(all.end(), p.begin(), p.end());
  std::vector<Key> expected = {{"330681001", 2}, {"330681001", 4}, {"330681001", 6},
                               {"330681002", 1}, {"330681002", 3}, {"330681002", 5},
                               {"330681002", 7}};
  EXPECT_EQ(all, expected);
  EXPECT_EQ(pages[2].size(), 1u);
}

TEST_F(KeysetTest, IdDescendingPagesRunNewestFirstAndStopAtAnExactlyFullLastPage) {
  auto pages = Pages(KeysetColumns{"", "id", true}, 7);
  ASSERT_EQ(pages.size(), 1u);  // 7 rows, limit 7: no cursor to an empty page
  ASSERT_EQ(pages[0].size(), 7u);
  EXPECT_EQ(pages[0].front().second, 7);
  EXPECT_EQ(pages[0].back().second, 1);

  auto two = Pages(KeysetColumns{"", "id", true}, 4);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].front().second, 3);
}

TEST_F(KeysetTest, CursorTextMatchesTheColumns) {
  EXPECT_EQ(KeysetCursorText({"org", "id", false}, "330681001", 4), "330681001:4");
  EXPECT_EQ(KeysetCursorText({"", "id", false}, "", 4), "4");
  auto c = ParseKeysetCursor({"org", "id", false}, "330681001:4");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->first);
  EXPECT_EQ(c->group, "330681001");
  EXPECT_EQ(c->id, 4);
}

TEST_F(KeysetTest, MalformedCursorsAreBadCursor) {
  for (const char* bad : {"x", "4:", ":4", "33a:4", "1:-2", "1:2x", "12"}) {
    auto c = ParseKeysetCursor({"org", "id", false}, bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().code, "http.bad_cursor");
    EXPECT_EQ(c.error().kind, ErrorKind::kInvalid);
  }
  for (const char* bad : {"x", "1:2", " 3", "-1", "3 "}) {
    EXPECT_FALSE(ParseKeysetCursor({"", "id", false}, bad).ok()) << bad;
  }
}

TEST_F(KeysetTest, PageSizeIsClampedToOneThroughFiveHundred) {
  EXPECT_EQ(KeysetPage::Of({"", "id", false}, "", 0)->limit(), 1);
  EXPECT_EQ(KeysetPage::Of({"", "id", false}, "", 10000)->limit(), 500);
}

class VersionedUpdateTest : public KeysetTest {
 protected:
  Result<std::int64_t> Rename(std::int64_t id, std::int64_t version, const std::string& name) {
    Result<std::int64_t> out = std::int64_t{0};
    auto r = db_->Write([&](Session& s) -> Result<void> {
      out = UpdateVersioned(s, "t_paged", "name = $1", {name}, id, version, Conflict());
      return {};
    });
    EXPECT_TRUE(r.ok());
    return out;
  }
  static DomainError Conflict() {
    return DomainError::Conflict("t.conflict", "conflict", "version");
  }
  std::string Name(std::int64_t id) {
    auto rows = db_->Query("SELECT name, version FROM t_paged WHERE id = $1", {id});
    return (*rows)[0].Text(0) + "@" + (*rows)[0].Text(1);
  }
};

TEST_F(VersionedUpdateTest, SavesOverTheVersionItWasMadeFromAndBumpsIt) {
  auto v = Rename(3, 1, "new");
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_EQ(*v, 2);
  EXPECT_EQ(Name(3), "new@2");
  EXPECT_EQ(Name(4), "n4@1");  // only the one row
}

TEST_F(VersionedUpdateTest, AStaleOrMissingRowIsTheGivenConflictAndChangesNothing) {
  ASSERT_TRUE(Rename(3, 1, "first").ok());
  auto stale = Rename(3, 1, "second");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "t.conflict");
  EXPECT_EQ(stale.error().field, "version");
  EXPECT_EQ(Name(3), "first@2");
  auto missing = Rename(99, 1, "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "t.conflict");
}

TEST_F(VersionedUpdateTest, DriverErrorsPassThrough) {
  Result<std::int64_t> out = std::int64_t{0};
  auto r = db_->Write([&](Session& s) -> Result<void> {
    out = UpdateVersioned(s, "t_missing_table", "name = $1", {std::string("x")}, 1, 1, Conflict());
    if (!out.ok()) return out.error();
    return {};
  });
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "db.error");
}

}  // namespace
}  // namespace jiceng::core::db
