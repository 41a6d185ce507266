// OrgStore on both drivers over the real divisions of 诸暨市 330681: every query honours the
// caller's Scope; grid rows, versions and worker assignments.
#include "modules/org/org_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "modules/org/divisions.hpp"
#include "modules/org/tests/org_test_fixtures.hpp"
#include "tests/test_support.hpp"

namespace jiceng::org {
namespace {

using core::db::Session;

constexpr std::int64_t kNow = 1'780'000'000'000;
using namespace test;  // the demo codes, Square, OpenCountyDatabase

std::vector<std::string> CodesOf(const std::vector<OrgNode>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) out.push_back(n.code);
  return out;
}

class OrgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(OpenCountyDatabase(db_, kNow)); }

  // Runs fn in a write transaction with a store; returns what fn returned.
  template <typename Fn>
  core::Result<void> WithStore(Fn fn) {
    return db_->Write([&](Session& s) -> core::Result<void> {
      OrgStore store(s);
      return fn(store);
    });
  }
  template <typename Fn>
  core::Result<void> ReadStore(Fn fn) {
    return db_->Read([&](Session& s) -> core::Result<void> {
      OrgStore store(s);
      return fn(store);
    });
  }

  Grid MakeGrid(const std::string& code, double lng0, double lng1) {
    Grid g;
    g.code = code;
    g.village_code = code.substr(0, 12);
    g.name = "网格" + code.substr(12);
    g.kind = "comprehensive";
    g.geometry = Square(lng0, 29.60, lng1, 29.62);
    g.area_m2 = 1000;
    g.version = 1;
    g.updated_at = kNow;
    g.updated_by = "tester";
    return g;
  }

  void InsertGrids() {
    ASSERT_TRUE(WithStore([&](OrgStore& s) -> core::Result<void> {
                  JC_TRY(s.InsertGrid(Scope::All(), MakeGrid("330681109290001", 120.30, 120.31)));
                  JC_TRY(s.InsertGrid(Scope::All(), MakeGrid("330681109290002", 120.31, 120.32)));
                  JC_TRY(s.InsertGrid(Scope::All(), MakeGrid("330681110201001", 120.40, 120.41)));
                  return {};
                }).ok());
  }

  std::int64_t Scalar(const std::string& sql) {
    auto rows = db_->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.error().detail;
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::vector<std::string> GridsOf(std::int64_t user_id) {
    std::vector<std::string> out;
    EXPECT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                  JC_ASSIGN_OR_RETURN(out, s.GridsOfWorker(user_id));
                  return {};
                }).ok());
    return out;
  }

  std::unique_ptr<core::db::Database> db_;
};

TEST_F(OrgStoreTest, GetNodeFindsOnlyInsideTheScope) {
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                const Scope township = Scope::Of({kTownship});
                JC_ASSIGN_OR_RETURN(auto village, s.GetNode(township, kVillage));
                EXPECT_TRUE(village.has_value());
                if (village) {
                  EXPECT_EQ(village->name, "枫源村委会");
                  EXPECT_EQ(village->level, OrgLevel::kVillage);
                  EXPECT_EQ(village->kind, "villagers");
                  EXPECT_EQ(village->parent_code, kTownship);
                }
                JC_ASSIGN_OR_RETURN(auto self, s.GetNode(township, kTownship));
                EXPECT_TRUE(self.has_value());
                if (self) {
                  EXPECT_EQ(self->child_count, 31);
                }
                JC_ASSIGN_OR_RETURN(auto county, s.GetNode(township, "330681"));
                EXPECT_FALSE(county.has_value());  // above the scope
                JC_ASSIGN_OR_RETURN(auto other, s.GetNode(township, "330681110201"));
                EXPECT_FALSE(other.has_value());  // a neighbouring township
                JC_ASSIGN_OR_RETURN(auto none, s.GetNode(Scope(), kVillage));
                EXPECT_FALSE(none.has_value());
                JC_ASSIGN_OR_RETURN(auto all, s.GetNode(Scope::All(), "33"));
                EXPECT_TRUE(all.has_value());
                return {};
              }).ok());
}

TEST_F(OrgStoreTest, ChildrenArePagedInCodeOrderWithinScope) {
  std::vector<std::string> seen;
  std::string after;
  ASSERT_TRUE(
      ReadStore([&](OrgStore& s) -> core::Result<void> {
        while (true) {
          JC_ASSIGN_OR_RETURN(auto page, s.Children(Scope::All(), kTownship, after, 10));
          if (page.empty()) break;
          EXPECT_LE(page.size(), 10u);
          for (const auto& n : page) seen.push_back(n.code);
          after = page.back().code;
        }
        JC_ASSIGN_OR_RETURN(auto scoped, s.Children(Scope::Of({kVillage}), kTownship, "", 100));
        EXPECT_EQ(CodesOf(scoped), std::vector<std::string>{kVillage});
        JC_ASSIGN_OR_RETURN(auto counties, s.Children(Scope::Of({kTownship}), "3306", "", 100));
        EXPECT_TRUE(counties.empty());
        return {};
      }).ok());
  EXPECT_EQ(seen.size(), 31u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.front(), "330681109002");  // 天竺社区: Fengqiao has no 001
}

TEST_F(OrgStoreTest, SearchMatchesNamePartsAndTreatsWildcardsLiterally) {
  ASSERT_TRUE(
      ReadStore([&](OrgStore& s) -> core::Result<void> {
        JC_ASSIGN_OR_RETURN(auto fengqiao, s.Search(Scope::All(), "枫桥", "", 50));
        EXPECT_FALSE(fengqiao.empty());
        bool town = false;
        for (const auto& n : fengqiao) town |= n.code == kTownship;
        EXPECT_TRUE(town);
        JC_ASSIGN_OR_RETURN(auto communities, s.Search(Scope::Of({kTownship}), "社区", "", 100));
        EXPECT_FALSE(communities.empty());
        for (const auto& n : communities) {
          EXPECT_EQ(n.code.rfind(kTownship, 0), 0u) << n.code;
          EXPECT_NE(n.name.find("社区"), std::string::npos);
        }
        for (const char* wildcard : {"%", "_", "\\", "枫%村"}) {
          JC_ASSIGN_OR_RETURN(auto none, s.Search(Scope::All(), wildcard, "", 50));
          EXPECT_TRUE(none.empty()) << wildcard;
        }
        JC_ASSIGN_OR_RETURN(auto outside, s.Search(Scope::Of({kOtherTownship}), "枫源", "", 50));
        EXPECT_TRUE(outside.empty());
        return {};
      }).ok());
}

TEST_F(OrgStoreTest, RootsAreTheScopeNodesAndNamesArePublic) {
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(auto all, s.Roots(Scope::All()));
                EXPECT_EQ(CodesOf(all), std::vector<std::string>{"33"});
                JC_ASSIGN_OR_RETURN(auto two, s.Roots(Scope::Of({kOtherTownship, kTownship})));
                EXPECT_EQ(CodesOf(two), (std::vector<std::string>{kTownship, kOtherTownship}));
                JC_ASSIGN_OR_RETURN(auto none, s.Roots(Scope()));
                EXPECT_TRUE(none.empty());
                JC_ASSIGN_OR_RETURN(auto names, s.Names({"330681", "33", "999999"}));
                EXPECT_EQ(names, (std::vector<std::pair<std::string, std::string>>{
                                     {"33", "浙江省"}, {"330681", "诸暨市"}}));
                JC_ASSIGN_OR_RETURN(auto empty, s.Names({}));
                EXPECT_TRUE(empty.empty());
                return {};
              }).ok());
}

TEST_F(OrgStoreTest, BoundaryIsWrittenAndReadOnlyWithinScope) {
  const std::string geometry = Square(120.30, 29.60, 120.32, 29.62).dump();
  core::Result<void> denied = WithStore([&](OrgStore& s) {
    return s.SetBoundary(Scope::Of({kOtherTownship}), kVillage, geometry, kNow);
  });
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, "org.not_found");
  ASSERT_TRUE(WithStore([&](OrgStore& s) {
                return s.SetBoundary(Scope::Of({kTownship}), kVillage, geometry, kNow);
              }).ok());
  // Setting it again replaces it.
  const std::string smaller = Square(120.30, 29.60, 120.31, 29.61).dump();
  ASSERT_TRUE(WithStore([&](OrgStore& s) {
                return s.SetBoundary(Scope::All(), kVillage, smaller, kNow + 1);
              }).ok());
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(auto mine, s.Boundary(Scope::Of({kTownship}), kVillage));
                EXPECT_EQ(mine, std::optional<std::string>(smaller));
                JC_ASSIGN_OR_RETURN(auto theirs, s.Boundary(Scope::Of({kOtherTownship}), kVillage));
                EXPECT_FALSE(theirs.has_value());
                return {};
              }).ok());
}

TEST_F(OrgStoreTest, GridRowsRespectScopeOnReadUpdateAndDelete) {
  InsertGrids();
  const Scope township = Scope::Of({kTownship});
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(auto g, s.GetGrid(township, "330681109290001"));
                EXPECT_TRUE(g.has_value());
                if (g) {
                  EXPECT_EQ(g->village_code, kVillage);
                  EXPECT_EQ(g->geometry, Square(120.30, 29.60, 120.31, 29.62));
                  EXPECT_DOUBLE_EQ(g->area_m2, 1000);
                  EXPECT_EQ(g->updated_by, "tester");
                }
                JC_ASSIGN_OR_RETURN(auto hidden, s.GetGrid(township, "330681110201001"));
                EXPECT_FALSE(hidden.has_value());
                JC_ASSIGN_OR_RETURN(auto village, s.GridsOfVillage(township, kVillage));
                EXPECT_EQ(village.size(), 2u);
                JC_ASSIGN_OR_RETURN(auto shapes, s.GridShapes(township));
                EXPECT_EQ(shapes.size(), 2u);
                JC_ASSIGN_OR_RETURN(auto every, s.GridShapes(Scope::All()));
                EXPECT_EQ(every.size(), 3u);
                return {};
              }).ok());

  Grid moved = MakeGrid("330681110201001", 120.40, 120.42);
  core::Result<void> update = WithStore([&](OrgStore& s) { return s.UpdateGrid(township, moved); });
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code, "org.grid.not_found");
  core::Result<void> del =
      WithStore([&](OrgStore& s) { return s.DeleteGrid(township, "330681110201001"); });
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, "org.grid.not_found");
  core::Result<void> insert = WithStore(
      [&](OrgStore& s) { return s.InsertGrid(township, MakeGrid("330681110201002", 1, 2)); });
  ASSERT_FALSE(insert.ok());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_grids WHERE code LIKE '330681110%'"), 1);
}

TEST_F(OrgStoreTest, LastGridSequenceCountsVersionsOfDeletedGridsInTheVillageOnly) {
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(int none, s.LastGridSequence(Scope::All(), kVillage));
                EXPECT_EQ(none, 0);
                return {};
              }).ok());
  ASSERT_TRUE(
      WithStore([&](OrgStore& s) -> core::Result<void> {
        JC_TRY(s.SaveVersion(MakeGrid("330681109290001", 120.30, 120.31), false, kNow, "a"));
        JC_TRY(s.SaveVersion(MakeGrid("330681109290007", 120.30, 120.31), true, kNow, "a"));
        // Neighbouring villages do not count.
        JC_TRY(s.SaveVersion(MakeGrid("330681109291009", 120.30, 120.31), false, kNow, "a"));
        JC_TRY(s.SaveVersion(MakeGrid("330681109289009", 120.30, 120.31), false, kNow, "a"));
        return {};
      }).ok());
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(int last, s.LastGridSequence(Scope::All(), kVillage));
                EXPECT_EQ(last, 7);
                JC_ASSIGN_OR_RETURN(auto versions, s.Versions(Scope::All(), "330681109290007"));
                EXPECT_EQ(versions.size(), 1u);
                if (!versions.empty()) {
                  EXPECT_TRUE(versions[0].deleted);
                  EXPECT_EQ(versions[0].snapshot["name"], "网格007");
                }
                JC_ASSIGN_OR_RETURN(auto hidden,
                                    s.Versions(Scope::Of({kOtherTownship}), "330681109290007"));
                EXPECT_TRUE(hidden.empty());
                return {};
              }).ok());
}

TEST_F(OrgStoreTest, GridWorkerSeesExactlyTheGridsAssignedToThem) {
  InsertGrids();
  const std::string g1 = "330681109290001", g2 = "330681109290002";
  EXPECT_TRUE(GridsOf(7).empty());
  ASSERT_TRUE(WithStore([&](OrgStore& s) {
                return s.SetWorkers(Scope::All(), g1, {7, 8, 7});
              }).ok());
  EXPECT_EQ(GridsOf(7), std::vector<std::string>{g1});
  EXPECT_EQ(GridsOf(8), std::vector<std::string>{g1});
  ASSERT_TRUE(
      WithStore([&](OrgStore& s) { return s.SetWorkers(Scope::Of({kVillage}), g2, {7}); }).ok());
  EXPECT_EQ(GridsOf(7), (std::vector<std::string>{g1, g2}));

  // Replacing the list removes the ones left out.
  ASSERT_TRUE(WithStore([&](OrgStore& s) { return s.SetWorkers(Scope::All(), g1, {8}); }).ok());
  EXPECT_EQ(GridsOf(7), std::vector<std::string>{g2});

  // The worker's scope is their grids: the grid itself, not the village or a sibling grid.
  const Scope worker = Scope::Of(GridsOf(7));
  EXPECT_TRUE(worker.Covers(g2));
  EXPECT_FALSE(worker.Covers(g1));
  EXPECT_FALSE(worker.Covers(kVillage));
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(auto shapes, s.GridShapes(worker));
                EXPECT_EQ(shapes.size(), 1u);
                if (!shapes.empty()) {
                  EXPECT_EQ(shapes[0].code, g2);
                }
                JC_ASSIGN_OR_RETURN(auto village, s.GetNode(worker, kVillage));
                EXPECT_FALSE(village.has_value());
                JC_ASSIGN_OR_RETURN(auto grid, s.GetGrid(worker, g2));
                EXPECT_TRUE(grid.has_value());
                EXPECT_TRUE(grid && grid->workers.size() == 1 && grid->workers[0].user_id == 7);
                return {};
              }).ok());

  // Outside the caller's scope nothing changes.
  core::Result<void> denied =
      WithStore([&](OrgStore& s) { return s.SetWorkers(Scope::Of({kOtherTownship}), g2, {}); });
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, "org.grid.not_found");
  EXPECT_EQ(GridsOf(7), std::vector<std::string>{g2});

  // Deleting a grid drops its assignments.
  ASSERT_TRUE(WithStore([&](OrgStore& s) { return s.DeleteGrid(Scope::All(), g2); }).ok());
  EXPECT_TRUE(GridsOf(7).empty());
  EXPECT_EQ(GridsOf(8), std::vector<std::string>{g1});
}

TEST_F(OrgStoreTest, GridsOfVillageCarryTheirWorkers) {
  InsertGrids();
  ASSERT_TRUE(WithStore([&](OrgStore& s) -> core::Result<void> {
                JC_TRY(s.SetWorkers(Scope::All(), "330681109290001", {3, 1}));
                JC_TRY(s.SetWorkers(Scope::All(), "330681109290002", {2}));
                return {};
              }).ok());
  ASSERT_TRUE(ReadStore([&](OrgStore& s) -> core::Result<void> {
                JC_ASSIGN_OR_RETURN(auto grids, s.GridsOfVillage(Scope::All(), kVillage));
                EXPECT_EQ(grids.size(), 2u);
                auto ids = [&](std::size_t i) {
                  std::vector<std::int64_t> out;
                  if (i < grids.size()) {
                    for (const auto& w : grids[i].workers) out.push_back(w.user_id);
                  }
                  return out;
                };
                EXPECT_EQ(ids(0), (std::vector<std::int64_t>{1, 3}));
                EXPECT_EQ(ids(1), (std::vector<std::int64_t>{2}));
                return {};
              }).ok());
}

TEST_F(OrgStoreTest, NodesUpsertDeleteAndRecountWithinScope) {
  OrgNode grid{"330681109290001", kVillage, "一号网格", OrgLevel::kGrid, "comprehensive", "", 0};
  ASSERT_TRUE(WithStore([&](OrgStore& s) -> core::Result<void> {
                JC_TRY(s.UpsertNodes({grid}, kNow));
                return s.RecountChildren({kVillage});
              }).ok());
  EXPECT_EQ(Scalar("SELECT child_count FROM org_nodes WHERE code = '330681109290'"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE code = '330681109290001' AND level = "
                   "'grid' AND parent_code = '330681109290'"),
            1);
  // A caller of another township deletes nothing.
  ASSERT_TRUE(WithStore([&](OrgStore& s) {
                return s.DeleteNode(Scope::Of({kOtherTownship}), grid.code);
              }).ok());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE code = '330681109290001'"), 1);
  ASSERT_TRUE(WithStore([&](OrgStore& s) -> core::Result<void> {
                JC_TRY(s.DeleteNode(Scope::Of({kTownship}), grid.code));
                return s.RecountChildren({kVillage});
              }).ok());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE code = '330681109290001'"), 0);
  EXPECT_EQ(Scalar("SELECT child_count FROM org_nodes WHERE code = '330681109290'"), 0);
}

}  // namespace
}  // namespace jiceng::org
