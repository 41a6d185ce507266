#include "modules/org/demo_geometry.hpp"

#include <gtest/gtest.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/geo/grid_index.hpp"

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif

namespace jiceng::org {
namespace {

namespace geo = core::geo;

// Sanitizers and valgrind slow GEOS-heavy code 5–100×; the time budget applies to real builds.
bool Instrumented() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(RUNNING_ON_VALGRIND)
  return RUNNING_ON_VALGRIND != 0;
#else
  return false;
#endif
}

std::string Pad3(size_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 3 ? 3 - digits.size() : 0, '0') + digits;
}

// 诸暨市: 23 townships, 515 villages (18..26 per township, 35 in the last), ~2311 km².
DemoMapInput Zhuji(uint64_t seed) {
  DemoMapInput input;
  input.centre_lng = 120.24;
  input.centre_lat = 29.71;
  input.area_km2 = 2311;
  input.seed = seed;
  int remaining = 515;
  for (int t = 0; t < 23; ++t) {
    int count = t == 22 ? remaining : 18 + (t * 5) % 9;
    remaining -= count;
    DemoTownshipInput township;
    township.code = "330681" + Pad3(100 + t);
    for (int v = 0; v < count; ++v) township.village_codes.push_back(township.code + Pad3(201 + v));
    input.townships.push_back(std::move(township));
  }
  return input;
}

bool BoundsMeet(const geo::Bounds& a, const geo::Bounds& b) {
  return a.min_lng <= b.max_lng && b.min_lng <= a.max_lng && a.min_lat <= b.max_lat &&
         b.min_lat <= a.max_lat;
}

class DemoGeometryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // CPU time of this thread: the 2 s budget is about the work, not about a busy CI machine.
    timespec cpu0{}, cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    auto start = std::chrono::steady_clock::now();
    auto result = GenerateDemoMap(Zhuji(7));
    wall_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    cpu_ms_ = (cpu1.tv_sec - cpu0.tv_sec) * 1e3 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;
    ASSERT_TRUE(result.ok()) << result.error().code;
    map_ = new DemoMap(std::move(result).value());
  }
  static void TearDownTestSuite() {
    delete map_;
    map_ = nullptr;
  }
  static inline DemoMap* map_ = nullptr;
  static inline double wall_ms_ = 0;
  static inline double cpu_ms_ = 0;
};

TEST_F(DemoGeometryTest, ShapeOfTheCounty) {
  ASSERT_NE(map_, nullptr);
  EXPECT_EQ(map_->townships.size(), 23u);
  ASSERT_EQ(map_->villages.size(), 515u);
  double county_km2 = geo::AreaSquareMetres(map_->county) / 1e6;
  EXPECT_NEAR(county_km2, 2311, 2311 * 0.1);
  geo::Point c = geo::Centroid(map_->county);
  EXPECT_NEAR(c.lng, 120.24, 0.05);
  EXPECT_NEAR(c.lat, 29.71, 0.05);
  std::printf("[ demo     ] 515 villages in %.0f ms CPU (%.0f ms wall), county %.0f km²\n", cpu_ms_,
              wall_ms_, county_km2);
  if (!Instrumented()) {
    EXPECT_LT(cpu_ms_, 2000);
  }
}

TEST_F(DemoGeometryTest, VillagesAreValidAndDoNotOverlap) {
  ASSERT_NE(map_, nullptr);
  std::vector<geo::Bounds> bounds;
  for (const DemoVillage& v : map_->villages) {
    // Re-parse what the API would serve: valid, and no coordinate changes on the way.
    auto reparsed = geo::ParseGeoJsonPolygon(geo::ToGeoJson(v.boundary));
    ASSERT_TRUE(reparsed.ok()) << v.code;
    EXPECT_EQ(geo::ToGeoJson(*reparsed), geo::ToGeoJson(v.boundary)) << v.code << " not lossless";
    bounds.push_back(geo::GetBounds(v.boundary));
  }
  // Only pairs whose boxes meet can overlap; a grid index would do the same pruning.
  int neighbour_pairs = 0;
  for (size_t i = 0; i < bounds.size(); ++i) {
    for (size_t j = i + 1; j < bounds.size(); ++j) {
      if (!BoundsMeet(bounds[i], bounds[j])) continue;
      ++neighbour_pairs;
      EXPECT_FALSE(geo::Overlaps(map_->villages[i].boundary, map_->villages[j].boundary))
          << map_->villages[i].code << " / " << map_->villages[j].code;
    }
  }
  EXPECT_GT(neighbour_pairs, 515);
}

TEST_F(DemoGeometryTest, VillagesLieInTheirTownshipAndTheCounty) {
  ASSERT_NE(map_, nullptr);
  std::map<std::string, const geo::Polygon*> townships;
  for (const DemoArea& t : map_->townships) townships[t.code] = &t.boundary;
  for (const DemoVillage& v : map_->villages) {
    ASSERT_TRUE(townships.count(v.township_code));
    EXPECT_EQ(v.code.substr(0, 9), v.township_code);
    EXPECT_TRUE(geo::Within(v.boundary, *townships[v.township_code])) << v.code;
  }
  for (const DemoArea& t : map_->townships) EXPECT_TRUE(geo::Within(t.boundary, map_->county));
}

TEST_F(DemoGeometryTest, GridsTileTheirVillage) {
  ASSERT_NE(map_, nullptr);
  for (const DemoVillage& v : map_->villages) {
    ASSERT_GE(v.grids.size(), 3u) << v.code;
    ASSERT_LE(v.grids.size(), 8u) << v.code;
    double grid_area = 0;
    for (size_t i = 0; i < v.grids.size(); ++i) {
      const DemoArea& g = v.grids[i];
      EXPECT_EQ(g.code, v.code + Pad3(i + 1));
      ASSERT_TRUE(geo::ParseGeoJsonPolygon(geo::ToGeoJson(g.boundary)).ok()) << g.code;
      EXPECT_TRUE(geo::Within(g.boundary, v.boundary)) << g.code;
      for (size_t j = i + 1; j < v.grids.size(); ++j) {
        EXPECT_FALSE(geo::Overlaps(g.boundary, v.grids[j].boundary)) << g.code;
      }
      grid_area += geo::AreaSquareMetres(g.boundary);
    }
    // Tiling: the grids cover the whole village.
    EXPECT_NEAR(grid_area, geo::AreaSquareMetres(v.boundary), 10.0) << v.code;
  }
}

TEST_F(DemoGeometryTest, NumberingRunsNorthToSouthThenWestToEast) {
  ASSERT_NE(map_, nullptr);
  // The first grid is in the top band, the last in the bottom band.
  for (const DemoVillage& v : map_->villages) {
    double first = geo::Centroid(v.grids.front().boundary).lat;
    double last = geo::Centroid(v.grids.back().boundary).lat;
    EXPECT_GT(first, last) << v.code;
  }
}

TEST_F(DemoGeometryTest, GridsAreLocatable) {
  ASSERT_NE(map_, nullptr);
  std::vector<geo::GridEntry> entries;
  for (const DemoVillage& v : map_->villages) {
    for (const DemoArea& g : v.grids) entries.push_back({g.code, g.boundary.Clone()});
  }
  auto index = geo::GridIndex::Build(std::move(entries));
  for (const DemoVillage& v : map_->villages) {
    for (const DemoArea& g : v.grids) {
      // A centroid of a convex cell is inside it, away from any edge.
      geo::Point c = geo::Centroid(g.boundary);
      EXPECT_EQ(index->Locate(c.lng, c.lat), g.code);
    }
  }
}

TEST(DemoGeometry, DeterministicForASeed) {
  DemoMapInput small = Zhuji(11);
  small.townships.resize(3);
  small.area_km2 = 300;
  auto a = GenerateDemoMap(small);
  auto b = GenerateDemoMap(small);
  small.seed = 12;
  auto c = GenerateDemoMap(small);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_EQ(a->villages.size(), b->villages.size());
  std::string wkb_a, wkb_b, wkb_c;
  for (const auto& v : a->villages) {
    wkb_a += geo::ToWkb(v.boundary);
    for (const auto& g : v.grids) wkb_a += g.code + geo::ToWkb(g.boundary);
  }
  for (const auto& v : b->villages) {
    wkb_b += geo::ToWkb(v.boundary);
    for (const auto& g : v.grids) wkb_b += g.code + geo::ToWkb(g.boundary);
  }
  for (const auto& v : c->villages) wkb_c += geo::ToWkb(v.boundary);
  EXPECT_EQ(wkb_a, wkb_b);
  EXPECT_NE(wkb_a.substr(0, 200), wkb_c.substr(0, 200));
}

TEST(DemoGeometry, RejectsBadInput) {
  DemoMapInput input = Zhuji(1);
  input.townships.clear();
  EXPECT_EQ(GenerateDemoMap(input).error().code, "org.demo.input_invalid");
  input = Zhuji(1);
  input.townships[3].village_codes.clear();
  EXPECT_EQ(GenerateDemoMap(input).error().code, "org.demo.input_invalid");
  input = Zhuji(1);
  input.area_km2 = 0;
  EXPECT_EQ(GenerateDemoMap(input).error().code, "org.demo.input_invalid");
}

TEST(DemoGeometry, SingleTownshipSingleVillage) {
  DemoMapInput input;
  input.centre_lng = 116.4;
  input.centre_lat = 39.9;
  input.area_km2 = 20;
  input.townships.push_back({"110105001", {"110105001001"}});
  auto map = GenerateDemoMap(input);
  ASSERT_TRUE(map.ok()) << map.error().code;
  ASSERT_EQ(map->villages.size(), 1u);
  EXPECT_GE(map->villages[0].grids.size(), 3u);
}

}  // namespace
}  // namespace jiceng::org
