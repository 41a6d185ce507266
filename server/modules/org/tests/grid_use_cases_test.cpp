// CreateGrid / UpdateGrid / DeleteGrid on both drivers: codes, versions, geometry rules, scope,
// audit rows, the locator, and that a refused change writes nothing.
#include "modules/org/grid_use_cases.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "modules/org/divisions.hpp"
#include "modules/org/org_store.hpp"
#include "modules/org/tests/org_test_fixtures.hpp"
#include "tests/test_support.hpp"

namespace jiceng::org {
namespace {

using core::auth::Principal;
using core::db::Session;

constexpr std::int64_t kStart = 1'780'000'000'000;
using namespace test;  // the demo codes, Square, OpenCountyDatabase

// The village is the square [120.30, 120.32] x [29.60, 29.62]; grids split it west/east.
nlohmann::json West() { return Square(120.30, 29.60, 120.31, 29.62); }
nlohmann::json East() { return Square(120.31, 29.60, 120.32, 29.62); }

Principal StaffOf(const std::string& township, std::int64_t id, const std::string& username) {
  Principal p;
  p.user_id = id;
  p.username = username;
  p.display_name = username;
  p.org_code = township;
  p.roles = {"township_staff"};
  p.permissions = {"org.read", "org.grid.write"};
  p.scope = core::auth::Scope::Of({township});
  return p;
}

class GridUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenCountyDatabase(db_, kStart));
    ASSERT_TRUE(db_->Write([](Session& s) {
                     return OrgStore(s).SetBoundary(Scope::All(), kVillage,
                                                    Square(120.30, 29.60, 120.32, 29.62).dump(),
                                                    kStart);
                   })
                    .ok());
    audit_ = std::make_unique<core::audit::AuditLog>(*db_, clock_);
    ASSERT_TRUE(locator_.Load(*db_).ok());
    // Grid-worker accounts 101 and 102 belong to 枫桥镇; 201 to the neighbouring township.
    auto account = [](std::int64_t id) {
      return GridWorker{id, "网格员" + std::to_string(id), "138000000" + std::to_string(id)};
    };
    WorkerLookup lookup = [account](const std::vector<std::int64_t>& ids) {
      std::vector<GridWorker> out;
      for (std::int64_t id : ids) {
        if (id == 101 || id == 102 || id == 201) out.push_back(account(id));
      }
      return out;
    };
    WorkerDirectory directory =
        [account](const Scope& scope,
                  const std::string& org_code) -> core::Result<std::vector<GridWorker>> {
      std::vector<GridWorker> out;
      if (!scope.Covers(org_code)) return out;
      if (org_code == kTownship) out = {account(101), account(102)};
      if (org_code == kOtherTownship) out = {account(201)};
      return out;
    };
    deps_ =
        std::make_unique<GridDeps>(GridDeps{*db_, *audit_, clock_, locator_, lookup, directory});
  }

  GridInput Input(const std::string& name, nlohmann::json geometry,
                  std::vector<std::int64_t> workers = {}) {
    GridInput in;
    in.village_code = kVillage;
    in.name = name;
    in.household_capacity = 300;
    in.population_capacity = 1000;
    in.hotline = "0575-87000000";
    in.geometry = std::move(geometry);
    in.worker_ids = std::move(workers);
    return in;
  }

  core::Result<Grid> Create(const GridInput& in, const Principal& who) {
    core::app::Call call{who, "req-create", "10.0.0.1"};
    return CreateGrid(*deps_, call, in);
  }
  core::Result<Grid> Create(const GridInput& in) { return Create(in, staff_); }
  core::Result<Grid> Update(const std::string& code, const GridInput& in,
                            const Principal* who = nullptr) {
    core::app::Call call{who ? *who : staff_, "req-update", "10.0.0.1"};
    return UpdateGrid(*deps_, call, code, in);
  }
  core::Result<void> Delete(const std::string& code, const Principal* who = nullptr) {
    core::app::Call call{who ? *who : staff_, "req-delete", "10.0.0.1"};
    return DeleteGrid(*deps_, call, code);
  }

  std::int64_t Scalar(const std::string& sql, const core::db::Params& p = {}) {
    auto rows = db_->Query(sql, p);
    EXPECT_TRUE(rows.ok()) << rows.error().detail;
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  // Row counts of everything a grid change writes.
  std::map<std::string, std::int64_t> Footprint() {
    std::map<std::string, std::int64_t> out;
    for (const char* table :
         {"org_nodes", "org_grids", "org_grid_versions", "org_grid_workers", "core_audit"}) {
      out[table] = Scalar(std::string("SELECT COUNT(*) FROM ") + table);
    }
    out["village.child_count"] =
        Scalar("SELECT child_count FROM org_nodes WHERE code = $1", {kVillage});
    return out;
  }

  std::vector<std::string> GridsOfWorker(std::int64_t id) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->Read([&](Session& s) -> core::Result<void> {
                     JC_ASSIGN_OR_RETURN(out, OrgStore(s).GridsOfWorker(id));
                     return {};
                   })
                    .ok());
    return out;
  }

  void ExpectRefusedWithoutWrites(const GridInput& in, const std::string& code,
                                  const Principal* who = nullptr) {
    auto before = Footprint();
    auto r = Create(in, who ? *who : staff_);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(Footprint(), before);
  }

  core::time::ManualClock clock_{kStart};
  std::unique_ptr<core::db::Database> db_;
  std::unique_ptr<core::audit::AuditLog> audit_;
  GridLocatorService locator_;
  std::unique_ptr<GridDeps> deps_;
  Principal staff_ = StaffOf(kTownship, 11, "chen.gang");
};

TEST_F(GridUseCasesTest, CreateNumbersGridsFromTheVillageCode) {
  auto a = Create(Input("一号网格", West(), {101}));
  ASSERT_TRUE(a.ok()) << a.error().code << " " << a.error().message;
  EXPECT_EQ(a->code, "330681109290001");
  EXPECT_EQ(a->version, 1);
  EXPECT_EQ(a->village_code, kVillage);
  EXPECT_EQ(a->updated_at, kStart);
  EXPECT_EQ(a->updated_by, "chen.gang");
  EXPECT_GT(a->area_m2, 1.0e6);  // ~0.97 km x 2.2 km
  ASSERT_EQ(a->workers.size(), 1u);
  EXPECT_EQ(a->workers[0].name, "网格员101");

  clock_.Advance(60'000);
  auto b = Create(Input("二号网格", East()));
  ASSERT_TRUE(b.ok()) << b.error().code;
  EXPECT_EQ(b->code, "330681109290002");
  EXPECT_EQ(b->updated_at, kStart + 60'000);

  // Each grid is a node of the org tree under its village.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE parent_code = $1 AND level = 'grid'",
                   {kVillage}),
            2);
  EXPECT_EQ(Scalar("SELECT child_count FROM org_nodes WHERE code = $1", {kVillage}), 2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_grid_versions WHERE version = 1"), 2);
}

TEST_F(GridUseCasesTest, CodesAreNeverReusedAfterDelete) {
  auto a = Create(Input("一号网格", West()));
  auto b = Create(Input("二号网格", East()));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(Delete(b->code).ok());
  auto c = Create(Input("三号网格", East()));
  ASSERT_TRUE(c.ok()) << c.error().code;
  EXPECT_EQ(c->code, "330681109290003");
  ASSERT_TRUE(Delete(c->code).ok());
  ASSERT_TRUE(Delete(a->code).ok());
  auto d = Create(Input("四号网格", West()));
  ASSERT_TRUE(d.ok()) << d.error().code;
  EXPECT_EQ(d->code, "330681109290004");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_grids"), 1);
  EXPECT_EQ(Scalar("SELECT child_count FROM org_nodes WHERE code = $1", {kVillage}), 1);
}

TEST_F(GridUseCasesTest, UpdateIncrementsVersionAndRefusesAStaleOne) {
  auto a = Create(Input("一号网格", West()));
  ASSERT_TRUE(a.ok());
  clock_.Advance(1000);
  GridInput in = Input("一号网格（调整）", Square(120.30, 29.60, 120.305, 29.62));
  in.version = 1;
  auto updated = Update(a->code, in);
  ASSERT_TRUE(updated.ok()) << updated.error().code << " " << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "一号网格（调整）");
  EXPECT_EQ(updated->updated_at, kStart + 1000);
  EXPECT_LT(updated->area_m2, a->area_m2);

  auto before = Footprint();
  auto stale = Update(a->code, in);  // still says version 1
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "org.grid.version_conflict");
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  GridInput no_version = in;
  no_version.version.reset();
  auto missing = Update(a->code, no_version);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "org.grid.version_required");
  EXPECT_EQ(Footprint(), before);
  EXPECT_EQ(Scalar("SELECT version FROM org_grids WHERE code = $1", {a->code}), 2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_grid_versions WHERE code = $1", {a->code}), 2);

  // A grid never moves to another village, whatever the input says.
  in.version = 2;
  in.village_code = "330681109002";
  auto kept = Update(a->code, in);
  ASSERT_TRUE(kept.ok()) << kept.error().code;
  EXPECT_EQ(kept->village_code, kVillage);
  EXPECT_EQ(kept->version, 3);

  auto unknown = Update("330681109290099", in);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "org.grid.not_found");
}

TEST_F(GridUseCasesTest, OverlapOutsideAndSelfIntersectionAreRefusedWithoutWrites) {
  auto a = Create(Input("一号网格", West()));
  ASSERT_TRUE(a.ok());
  {
    SCOPED_TRACE("overlap");
    auto before = Footprint();
    auto r = Create(Input("重叠", Square(120.305, 29.60, 120.315, 29.62)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "org.grid.overlap");
    EXPECT_EQ(r.error().detail, a->code);
    EXPECT_EQ(Footprint(), before);
  }
  {
    SCOPED_TRACE("outside");
    ExpectRefusedWithoutWrites(Input("越界", Square(120.31, 29.60, 120.33, 29.62)),
                               "org.grid.outside_village");
  }
  {
    SCOPED_TRACE("self intersection");
    nlohmann::json bowtie = {{"type", "Polygon"},
                             {"coordinates",
                              {{{120.311, 29.601},
                                {120.319, 29.619},
                                {120.319, 29.601},
                                {120.311, 29.619},
                                {120.311, 29.601}}}}};
    ExpectRefusedWithoutWrites(Input("自交", bowtie), "org.grid.self_intersection");
  }
  {
    SCOPED_TRACE("not a polygon");
    ExpectRefusedWithoutWrites(Input("点", {{"type", "Point"}, {"coordinates", {120.31, 29.61}}}),
                               "org.grid.geometry_invalid");
  }
  {
    SCOPED_TRACE("unknown worker");
    ExpectRefusedWithoutWrites(Input("二号网格", East(), {101, 999}), "org.grid.worker_unknown");
  }
  {
    SCOPED_TRACE("worker of another township");
    ExpectRefusedWithoutWrites(Input("二号网格", East(), {201}), "org.grid.worker_unknown");
  }
  {
    SCOPED_TRACE("empty name");
    ExpectRefusedWithoutWrites(Input("", East()), "org.grid.name");
  }
  {
    SCOPED_TRACE("dedicated without kind");
    GridInput in = Input("学校网格", East());
    in.kind = "dedicated";
    ExpectRefusedWithoutWrites(in, "org.grid.dedicated_kind");
  }
  {
    SCOPED_TRACE("bad hotline");
    GridInput in = Input("二号网格", East());
    in.hotline = "call me";
    ExpectRefusedWithoutWrites(in, "org.grid.hotline");
  }
  {
    SCOPED_TRACE("not a village");
    GridInput in = Input("镇网格", East());
    in.village_code = kTownship;
    ExpectRefusedWithoutWrites(in, "org.grid.village_not_found");
  }
  // A shared edge is not an overlap.
  auto b = Create(Input("二号网格", East()));
  ASSERT_TRUE(b.ok()) << b.error().code;
  EXPECT_EQ(b->code, "330681109290002");
}

TEST_F(GridUseCasesTest, UpdateIntoANeighbourIsRefusedButItsOwnOldShapeDoesNotCount) {
  auto a = Create(Input("一号网格", West()));
  auto b = Create(Input("二号网格", East()));
  ASSERT_TRUE(a.ok() && b.ok());
  GridInput grow = Input("一号网格", Square(120.30, 29.60, 120.315, 29.62));
  grow.version = 1;
  auto before = Footprint();
  auto r = Update(a->code, grow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "org.grid.overlap");
  EXPECT_EQ(r.error().detail, b->code);
  EXPECT_EQ(Footprint(), before);
  // Same shape again overlaps only itself, which is allowed.
  GridInput same = Input("一号网格", West());
  same.version = 1;
  EXPECT_TRUE(Update(a->code, same).ok());
}

TEST_F(GridUseCasesTest, DeleteLeavesATombstoneVersionAndRemovesTheNode) {
  auto a = Create(Input("一号网格", West(), {101}));
  ASSERT_TRUE(a.ok());
  clock_.Advance(5000);
  ASSERT_TRUE(Delete(a->code).ok());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_grids"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE code = $1", {a->code}), 0);
  EXPECT_EQ(Scalar("SELECT child_count FROM org_nodes WHERE code = $1", {kVillage}), 0);
  auto versions = db_->Query(
      "SELECT version, deleted, at, actor FROM org_grid_versions WHERE code = $1 ORDER BY version",
      {a->code});
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[1].Int(0), 2);
  EXPECT_TRUE((*versions)[1].Bool(1));
  EXPECT_EQ((*versions)[1].Int(2), kStart + 5000);
  EXPECT_EQ((*versions)[1].Text(3), "chen.gang");
  EXPECT_TRUE(GridsOfWorker(101).empty());

  auto again = Delete(a->code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "org.grid.not_found");
}

TEST_F(GridUseCasesTest, SuccessfulChangesAreAuditedInOrder) {
  auto a = Create(Input("一号网格", West(), {101}));
  ASSERT_TRUE(a.ok());
  GridInput in = Input("一号网格改", West());
  in.version = 1;
  ASSERT_TRUE(Update(a->code, in).ok());
  ASSERT_TRUE(Delete(a->code).ok());
  // Refused changes leave no audit row.
  (void)Create(Input("越界", Square(120.31, 29.60, 120.33, 29.62)));

  auto rows = db_->Query(
      "SELECT action, actor, actor_id, target_type, target_id, org_code, request_id, source, "
      "summary, outcome FROM core_audit WHERE action LIKE 'org.grid.%' ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  const std::vector<std::string> actions = {"org.grid.create", "org.grid.update",
                                            "org.grid.delete"};
  const std::vector<std::string> requests = {"req-create", "req-update", "req-delete"};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(actions[i]);
    core::db::Row r = (*rows)[i];
    EXPECT_EQ(r.Text(0), actions[i]);
    EXPECT_EQ(r.Text(1), "chen.gang");
    EXPECT_EQ(r.Int(2), 11);
    EXPECT_EQ(r.Text(3), "grid");
    EXPECT_EQ(r.Text(4), a->code);
    EXPECT_EQ(r.Text(5), a->code);
    EXPECT_EQ(r.Text(6), requests[i]);
    EXPECT_EQ(r.Text(7), "10.0.0.1");
    EXPECT_EQ(r.Text(9), "success");
  }
  auto create = nlohmann::json::parse((*rows)[0].Text(8));
  EXPECT_EQ(create["after"]["name"], "一号网格");
  EXPECT_EQ(create["after"]["worker_ids"], nlohmann::json::array({101}));
  auto update = nlohmann::json::parse((*rows)[1].Text(8));
  EXPECT_EQ(update["before"]["name"], "一号网格");
  EXPECT_EQ(update["after"]["name"], "一号网格改");
  auto del = nlohmann::json::parse((*rows)[2].Text(8));
  EXPECT_EQ(del["before"]["name"], "一号网格改");

  auto verified = audit_->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->reason;
}

TEST_F(GridUseCasesTest, LocatorAnswersRightAfterEachChange) {
  EXPECT_FALSE(locator_.Locate(120.305, 29.61).has_value());
  auto a = Create(Input("一号网格", West()));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(locator_.Locate(120.305, 29.61), std::optional<std::string>(a->code));
  EXPECT_FALSE(locator_.Locate(120.315, 29.61).has_value());

  auto b = Create(Input("二号网格", East()));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(locator_.Locate(120.315, 29.61), std::optional<std::string>(b->code));

  // Shrink the west grid: the part given up is no longer located.
  GridInput in = Input("一号网格", Square(120.30, 29.60, 120.305, 29.62));
  in.version = 1;
  ASSERT_TRUE(Update(a->code, in).ok());
  EXPECT_EQ(locator_.Locate(120.302, 29.61), std::optional<std::string>(a->code));
  EXPECT_FALSE(locator_.Locate(120.308, 29.61).has_value());

  ASSERT_TRUE(Delete(a->code).ok());
  EXPECT_FALSE(locator_.Locate(120.302, 29.61).has_value());
  EXPECT_EQ(locator_.Locate(120.315, 29.61), std::optional<std::string>(b->code));

  // A failed change leaves the index as it was.
  (void)Create(Input("越界", Square(120.31, 29.60, 120.33, 29.62)));
  EXPECT_FALSE(locator_.Locate(120.325, 29.61).has_value());

  // A fresh locator loaded from the database agrees.
  GridLocatorService reloaded;
  ASSERT_TRUE(reloaded.Load(*db_).ok());
  EXPECT_EQ(reloaded.size(), 1u);
  EXPECT_EQ(reloaded.Locate(120.315, 29.61), std::optional<std::string>(b->code));
}

TEST_F(GridUseCasesTest, CallerOfAnotherTownshipFindsNoVillageAndWritesNothing) {
  const Principal other = StaffOf(kOtherTownship, 12, "li.si");
  ExpectRefusedWithoutWrites(Input("一号网格", West()), "org.grid.village_not_found", &other);

  auto a = Create(Input("一号网格", West()));
  ASSERT_TRUE(a.ok());
  auto before = Footprint();
  GridInput in = Input("改名", West());
  in.version = 1;
  auto update = Update(a->code, in, &other);
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code, "org.grid.not_found");
  auto del = Delete(a->code, &other);
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, "org.grid.not_found");
  EXPECT_EQ(Footprint(), before);
  EXPECT_EQ(locator_.Locate(120.305, 29.61), std::optional<std::string>(a->code));

  // A caller with an empty scope sees nothing either.
  Principal nobody = StaffOf(kTownship, 13, "nobody");
  nobody.scope = Scope();
  ExpectRefusedWithoutWrites(Input("二号网格", East()), "org.grid.village_not_found", &nobody);
}

TEST_F(GridUseCasesTest, WorkersAreAssignedOnCreateAndReplacedOnUpdate) {
  auto a = Create(Input("一号网格", West(), {101}));
  auto b = Create(Input("二号网格", East(), {101, 102}));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(GridsOfWorker(101), (std::vector<std::string>{a->code, b->code}));
  EXPECT_EQ(GridsOfWorker(102), std::vector<std::string>{b->code});

  GridInput in = Input("一号网格", West(), {102});
  in.version = 1;
  auto updated = Update(a->code, in);
  ASSERT_TRUE(updated.ok());
  ASSERT_EQ(updated->workers.size(), 1u);
  EXPECT_EQ(updated->workers[0].user_id, 102);
  EXPECT_EQ(GridsOfWorker(101), std::vector<std::string>{b->code});
  EXPECT_EQ(GridsOfWorker(102), (std::vector<std::string>{a->code, b->code}));

  // A grid worker's scope (their grids) covers their grids only.
  const Scope worker = Scope::Of(GridsOfWorker(101));
  EXPECT_TRUE(worker.Covers(b->code));
  EXPECT_FALSE(worker.Covers(a->code));
  EXPECT_FALSE(worker.Covers(kVillage));

  ASSERT_TRUE(Delete(b->code).ok());
  EXPECT_TRUE(GridsOfWorker(101).empty());
  EXPECT_EQ(GridsOfWorker(102), std::vector<std::string>{a->code});
}

TEST_F(GridUseCasesTest, VillageWithoutBoundaryAcceptsAnyValidShape) {
  GridInput in = Input("社区网格", Square(120.40, 29.70, 120.41, 29.71));
  in.village_code = "330681109002";  // 天竺社区: no boundary stored
  in.kind = "dedicated";
  in.dedicated_kind = "school";
  auto g = Create(in);
  ASSERT_TRUE(g.ok()) << g.error().code;
  EXPECT_EQ(g->code, "330681109002001");
  EXPECT_EQ(g->dedicated_kind, "school");
  EXPECT_EQ(
      Scalar("SELECT COUNT(*) FROM org_nodes WHERE code = $1 AND kind = 'dedicated'", {g->code}),
      1);
}

TEST_F(GridUseCasesTest, FieldRulesAreCheckedBeforeAnyStorage) {
  GridInput in = Input("ok", West());
  EXPECT_TRUE(CheckGridFields(in).ok());
  in.name = std::string(51 * 3, 'x');
  EXPECT_EQ(CheckGridFields(in).error().code, "org.grid.name");
  in.name = "";
  for (int i = 0; i < 50; ++i) in.name += "网";
  EXPECT_TRUE(CheckGridFields(in).ok());  // 50 characters, 150 bytes
  in.kind = "special";
  EXPECT_EQ(CheckGridFields(in).error().code, "org.grid.kind");
  in.kind = "comprehensive";
  in.household_capacity = -1;
  EXPECT_EQ(CheckGridFields(in).error().code, "org.grid.household_capacity");
  in.household_capacity = 100000;
  in.population_capacity = 1000001;
  EXPECT_EQ(CheckGridFields(in).error().code, "org.grid.population_capacity");
  in.population_capacity = 0;
  in.hotline = "12";
  EXPECT_EQ(CheckGridFields(in).error().code, "org.grid.hotline");
  in.hotline = "12345";
  EXPECT_TRUE(CheckGridFields(in).ok());
}

}  // namespace
}  // namespace jiceng::org
