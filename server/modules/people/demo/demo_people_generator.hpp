// Synthetic but plausible people of 诸暨市 for the demo, tests and benchmarks: houses inside the
// given grids, households of 1-4 residents, ages following a rural-county pyramid, valid GB 11643
// ID numbers, tags at plausible rates. Pure and deterministic: the same grids, today and seed
// give the same people, so tests can rely on the figures.
//
// Fixed residents (whenever kDemoFixedGrid is among the grids they come first, so they exist from
// N = 4 on; tests and browser tests rely on them):
//   张三    male   1950-03-15  ID 330681195003150013  phone 13957500001  alone, elderly_alone
//           house 诸暨市枫桥镇枫源村1号
//   李长青  male   1978-06-08  ID 330681197806080038  phone 13857512345  head    (polyphone 长)
//   单秀英  female 1980-11-02  ID 330681198011020028  phone 15967554321  spouse  (surname 单 shan)
//   李想    male   2022-05-20  ID 330681202205200018  no phone           child, 0-6, 1-char name
//           house 诸暨市枫桥镇枫源村2号 (the three of them)
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "modules/people/people.hpp"

namespace jiceng::people {

inline constexpr const char* kDemoFixedGrid = "330681109290001";

// A grid the generator places houses in, with the names its addresses use.
struct DemoGrid {
  std::string code;      // 15 digits
  std::string township;  // 枫桥镇
  std::string village;   // 枫源村 (as an address writes it: see AddressVillageName)
  bool urban = false;    // a residents' committee: flats (幢/单元/室) instead of house numbers
};

// A committee name as an address writes it: 枫源村委会 -> 枫源村, 天竺社区居委会 -> 天竺社区,
// 暨阳居委会 -> 暨阳社区.
std::string AddressVillageName(std::string_view committee_name);
// Village segment 001-199 is a residents' committee (STANDARDS.md).
bool IsUrbanVillageCode(std::string_view code);

struct DemoMember {
  Resident resident;              // no ids yet; org_code, relation, addresses filled
  std::vector<ResidentTag> tags;  // kind, start_date, source, org_code filled
};

struct DemoHousehold {
  std::string number;
  std::vector<DemoMember> members;  // members[0] is the head (relation 02)
};

struct DemoHouse {
  House house;
  std::vector<DemoHousehold> households;
  std::int64_t ResidentCount() const;
};

class DemoPeopleGenerator {
 public:
  // today: "YYYY-MM-DD" (ages and ID birth dates are relative to it). grids must not be empty.
  DemoPeopleGenerator(std::vector<DemoGrid> grids, std::string today, std::uint64_t seed);

  // The next house with at most max_residents residents (>= 1). Houses go round the grids in a
  // shuffled order, so every grid gets houses once there are as many houses as grids.
  DemoHouse Next(std::int64_t max_residents);

 private:
  struct Person;
  DemoHouse FixedHouse(std::int64_t max_residents);
  DemoHouse LocalHouse(const DemoGrid& grid, std::int64_t max_residents);
  DemoHouse RentedHouse(const DemoGrid& grid, std::int64_t max_residents);
  House MakeHouse(const DemoGrid& grid, std::size_t grid_index);
  std::string NextHouseholdNumber(const DemoGrid& grid, std::size_t grid_index);
  DemoMember MakeMember(const Person& p, const House& house, const DemoGrid& grid);
  void AddTags(DemoHousehold& household, int kind);
  std::string BirthDateForAge(int age);
  std::string IdNumber(const std::string& address_code, const std::string& birth_date, bool male);
  std::string Phone();
  std::string GivenName(bool male, int birth_year);
  std::string TagStart(const Resident& r, int max_years_back);
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::vector<DemoGrid> grids_;
  std::vector<std::size_t> order_;  // grid indexes in the order houses visit them
  std::vector<int> houses_in_grid_;
  std::vector<int> households_in_grid_;
  std::string today_;
  int today_days_ = 0;  // days since 1970-01-01
  std::mt19937_64 rng_;
  std::uint64_t next_house_ = 0;
  int fixed_done_ = 0;  // fixed houses emitted (0, 1, 2)
  // Used (address code, birth date, sequence) triples, so ID numbers never repeat.
  std::vector<std::uint64_t> used_ids_;
  std::size_t used_count_ = 0;
  bool MarkIdUsed(std::uint64_t key);
};

}  // namespace jiceng::people
