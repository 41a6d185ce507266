// The demo people: the generator's records are valid and plausibly distributed (pure, over
// 10,000 residents), and a seeded server finds the fixed residents by name and pinyin, within
// the caller's scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text/id_number.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/demo/demo_people_generator.hpp"
#include "modules/people/residents/resident_validation.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::people {
namespace {

constexpr const char* kToday = "2026-11-26";

std::vector<DemoGrid> FakeGrids() {
  std::vector<DemoGrid> grids{{kDemoFixedGrid, "枫桥镇", "枫源村", false}};
  for (int v = 0; v < 40; ++v) {
    for (int g = 1; g <= 3; ++g) {
      std::string village = "330681110" + std::to_string(v < 10 ? 100 + v : 200 + v);
      grids.push_back({village + "00" + std::to_string(g), "赵家镇", "村" + std::to_string(v),
                       IsUrbanVillageCode(village)});
    }
  }
  return grids;
}

std::vector<DemoHouse> Generate(std::int64_t residents, std::uint64_t seed = 1) {
  DemoPeopleGenerator generator(FakeGrids(), kToday, seed);
  std::vector<DemoHouse> houses;
  std::int64_t n = 0;
  while (n < residents) {
    houses.push_back(generator.Next(residents - n));
    n += houses.back().ResidentCount();
  }
  return houses;
}

TEST(DemoPeopleGenerator, RecordsAreValidAndSpreadOverHouseholdsInGrids) {
  auto houses = Generate(10000);
  std::set<std::string> grid_codes;
  for (const auto& g : FakeGrids()) grid_codes.insert(g.code);
  std::set<std::string> ids, household_numbers, used_grids;
  std::int64_t total = 0;
  ValidationContext validation{kToday, {}};
  for (const auto& house : houses) {
    ASSERT_TRUE(grid_codes.count(house.house.org_code)) << house.house.org_code;
    used_grids.insert(house.house.org_code);
    for (const auto& household : house.households) {
      EXPECT_TRUE(household_numbers.insert(household.number).second) << household.number;
      ASSERT_FALSE(household.members.empty());
      int heads = 0;
      for (const auto& m : household.members) heads += m.resident.relation == kHeadRelation;
      EXPECT_EQ(heads, 1) << household.number;
      EXPECT_EQ(household.members[0].resident.relation, kHeadRelation);
      EXPECT_LE(household.members.size(), 4u);
      for (const auto& m : household.members) {
        Resident r = m.resident;
        ++total;
        EXPECT_EQ(r.org_code, house.house.org_code);
        EXPECT_EQ(r.current_address, house.house.address);
        auto info = core::text::ParseIdNumber(r.id_number, {}, kToday);
        ASSERT_TRUE(info.ok()) << r.name << " " << r.id_number;
        EXPECT_EQ(info->birth_date, r.birth_date) << r.id_number;
        EXPECT_EQ(info->male, r.gender == "male") << r.id_number;
        EXPECT_TRUE(ids.insert(r.id_number).second) << "duplicate " << r.id_number;
        auto problems = ValidateResident(r, validation);
        EXPECT_TRUE(problems.empty())
            << r.name << ": " << (problems.empty() ? "" : problems[0].code);
        for (const auto& t : m.tags) EXPECT_NE(FindTagKind(t.kind), nullptr) << t.kind;
      }
    }
  }
  EXPECT_EQ(total, 10000);
  // ~3,800 houses over 121 grids: every grid has some.
  EXPECT_EQ(used_grids.size(), grid_codes.size());
}

TEST(DemoPeopleGenerator, AgesSexesAndTagsFollowPlausibleRates) {
  auto houses = Generate(10000);
  double n = 0, male = 0, age0to6 = 0, age50to69 = 0, age80 = 0, migrants = 0, with_phone = 0,
         adults = 0;
  std::map<std::string, double> tags;
  for (const auto& house : houses) {
    for (const auto& household : house.households) {
      for (const auto& m : household.members) {
        const Resident& r = m.resident;
        int age = core::text::AgeOn(r.birth_date, kToday);
        ASSERT_GE(age, 0);
        n += 1;
        male += r.gender == "male";
        age0to6 += age <= 6;
        age50to69 += age >= 50 && age <= 69;
        age80 += age >= 80;
        migrants += r.residency_kind == "migrant";
        if (age >= 18) {
          adults += 1;
          with_phone += !r.phone.empty();
        }
        for (const auto& t : m.tags) tags[t.kind] += 1;
      }
    }
  }
  EXPECT_NEAR(male / n, 0.5, 0.03);
  EXPECT_NEAR(age0to6 / n, 0.06, 0.02);
  EXPECT_NEAR(age80 / n, 0.045, 0.015);
  EXPECT_GT(age50to69 / n, 0.25);
  EXPECT_NEAR(migrants / n, 0.15, 0.04);
  EXPECT_GT(with_phone / adults, 0.9);
  EXPECT_NEAR(tags["disabled"] / n, 0.06, 0.015);
  EXPECT_NEAR(tags["low_income"] / n, 0.02, 0.01);
  EXPECT_NEAR(tags["elderly_alone"] / age80, 0.2, 0.12);  // ~10 % of 80+ plus younger elders
  EXPECT_GT(tags["empty_nest"], 0);
  EXPECT_GT(tags["left_behind_child"], 0);
  EXPECT_GT(tags["veteran"], 0);
  for (const char* watched : {"community_correction", "released_prisoner", "severe_mental_disorder",
                              "drug_rehabilitation"}) {
    EXPECT_LT(tags[watched] / n, 0.002) << watched;
  }
}

TEST(DemoPeopleGenerator, IsDeterministicAndStartsWithTheFixedResidents) {
  auto a = Generate(500, 42), b = Generate(500, 42);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].households[0].members[0].resident.id_number,
              b[i].households[0].members[0].resident.id_number);
  }
  const Resident& zhang = a[0].households[0].members[0].resident;
  EXPECT_EQ(zhang.name, "张三");
  EXPECT_EQ(zhang.org_code, kDemoFixedGrid);
  EXPECT_EQ(zhang.id_number, "330681195003150013");
  ASSERT_EQ(a[0].households[0].members[0].tags.size(), 1u);
  EXPECT_EQ(a[0].households[0].members[0].tags[0].kind, "elderly_alone");
  std::vector<std::string> second;
  for (const auto& m : a[1].households[0].members) second.push_back(m.resident.name);
  EXPECT_EQ(second, (std::vector<std::string>{"李长青", "单秀英", "李想"}));
  // Fewer residents than the fixed household: cut, head first.
  DemoPeopleGenerator small(FakeGrids(), kToday, 1);
  EXPECT_EQ(small.Next(1).ResidentCount(), 1);
  EXPECT_EQ(small.Next(2).ResidentCount(), 2);
}

TEST(DemoPeopleGenerator, AddressNamesDropTheCommitteeSuffix) {
  EXPECT_EQ(AddressVillageName("枫源村委会"), "枫源村");
  EXPECT_EQ(AddressVillageName("天竺社区居委会"), "天竺社区");
  EXPECT_EQ(AddressVillageName("暨阳居委会"), "暨阳社区");
  EXPECT_EQ(AddressVillageName("陈家社区"), "陈家社区");
  EXPECT_TRUE(IsUrbanVillageCode("330681109002"));
  EXPECT_FALSE(IsUrbanVillageCode("330681109290"));
}

}  // namespace
}  // namespace jiceng::people

namespace jiceng::testing {
namespace {

std::vector<std::string> Names(const HttpResponse& r) {
  std::vector<std::string> out;
  for (const auto& item : r.json().value("items", Json::array()))
    out.push_back(item.value("name", ""));
  return out;
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class DemoPeopleApi : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.demo_residents = 300;
    StartApp(options);
  }
};

TEST_F(DemoPeopleApi, FindsTheFixedResidentByNameAndPinyin) {
  ASSERT_TRUE(app_->ok()) << app_->error();
  auto county = User("county");
  for (const char* q : {"%E5%BC%A0%E4%B8%89", "zhangsan", "zs"}) {  // 张三
    auto r = app_->client().Get(std::string("/api/v1/residents?limit=200&q=") + q, county);
    ASSERT_EQ(r.status, 200) << q << " " << r.body;
    EXPECT_TRUE(Has(Names(r), "张三")) << q << " " << r.body.substr(0, 400);
  }
  // The polyphone 长 of 李长青 reads chang in a name; 单 as a surname reads shan.
  auto li = app_->client().Get("/api/v1/residents?q=lichangqing", county);
  EXPECT_TRUE(Has(Names(li), "李长青")) << li.body.substr(0, 400);
  auto shan = app_->client().Get("/api/v1/residents?q=shanxiuying", county);
  EXPECT_TRUE(Has(Names(shan), "单秀英")) << shan.body.substr(0, 400);
}

TEST_F(DemoPeopleApi, EveryDemoResidentIsStoredAndAGridWorkerSeesOnlyTheirGrid) {
  ASSERT_TRUE(app_->ok()) << app_->error();
  std::set<std::int64_t> ids;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = app_->client().Get(
        "/api/v1/residents?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor),
        User("county"));
    ASSERT_EQ(r.status, 200) << r.body;
    Json body = r.json();  // kept alive: a range-for over r.json()["items"] would dangle
    for (const auto& item : body["items"]) ids.insert(item["id"].get<std::int64_t>());
    auto next = r.json().value("next_cursor", Json());
    if (!next.is_string()) break;
    cursor = next.get<std::string>();
  }
  EXPECT_EQ(ids.size(), 300u);

  auto r = app_->client().Get("/api/v1/residents?limit=500", As(app_->Token("grid1")));
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_GE(items.size(), 4u);
  for (const auto& item : items) EXPECT_EQ(item["org_code"], "330681109290001") << item.dump();
  auto names = Names(r);
  for (const char* name : {"张三", "李长青", "单秀英", "李想"})
    EXPECT_TRUE(Has(names, name)) << name;
  // Searching the whole county as grid1 still stays inside grid1.
  auto search =
      app_->client().Get("/api/v1/residents?q=%E9%99%88", As(app_->Token("grid1")));  // 陈
  ASSERT_EQ(search.status, 200);
  Json found = search.json();
  for (const auto& item : found["items"]) EXPECT_EQ(item["org_code"], "330681109290001");
}

}  // namespace
}  // namespace jiceng::testing
