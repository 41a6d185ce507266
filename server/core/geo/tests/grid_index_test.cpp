#include "core/geo/grid_index.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <thread>
#include <vector>

namespace jiceng::core::geo {
namespace {

constexpr double kOriginLng = 120.0;
constexpr double kOriginLat = 29.5;
constexpr double kCell = 0.01;  // degrees
constexpr int kSide = 20;       // 20 × 20 = 400 grids

// A square with a vertex at each edge midpoint: same shape, but not a 5-point rectangle, so
// GEOS takes the general prepared-polygon path (point locator) instead of its rectangle short-cut.
Polygon Square(double x0, double y0, double x1, double y1) {
  double xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
  nlohmann::json g = {{"type", "Polygon"},
                      {"coordinates",
                       {{{x0, y0},
                         {xm, y0},
                         {x1, y0},
                         {x1, ym},
                         {x1, y1},
                         {xm, y1},
                         {x0, y1},
                         {x0, ym},
                         {x0, y0}}}}};
  auto parsed = ParseGeoJsonPolygon(g);
  EXPECT_TRUE(parsed.ok());
  return std::move(parsed).value();
}

std::string CellCode(const std::string& prefix, int col, int row) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%03d", prefix.c_str(), row * kSide + col);
  return buf;
}

// A kSide × kSide lattice of square grids sharing edges.
std::shared_ptr<const GridIndex> Lattice(const std::string& prefix) {
  std::vector<GridEntry> entries;
  for (int row = 0; row < kSide; ++row) {
    for (int col = 0; col < kSide; ++col) {
      double x0 = kOriginLng + col * kCell, y0 = kOriginLat + row * kCell;
      entries.push_back({CellCode(prefix, col, row), Square(x0, y0, x0 + kCell, y0 + kCell)});
    }
  }
  return GridIndex::Build(std::move(entries));
}

// The code the lattice must return for a point strictly inside a cell.
std::string Expected(const std::string& prefix, double lng, double lat) {
  int col = static_cast<int>(std::floor((lng - kOriginLng) / kCell));
  int row = static_cast<int>(std::floor((lat - kOriginLat) / kCell));
  return CellCode(prefix, col, row);
}

TEST(GeoGridIndex, LocatesInsideAndOutside) {
  auto index = Lattice("330681001001");
  EXPECT_EQ(index->size(), 400u);
  EXPECT_EQ(index->Locate(120.005, 29.505), "330681001001000");
  EXPECT_EQ(index->Locate(120.195, 29.695), "330681001001399");
  EXPECT_EQ(index->Locate(120.0151, 29.5251), Expected("330681001001", 120.0151, 29.5251));
  EXPECT_EQ(index->Locate(119.99, 29.6), std::nullopt);
  EXPECT_EQ(index->Locate(120.1, 29.71), std::nullopt);
  EXPECT_EQ(index->Locate(std::nan(""), 29.6), std::nullopt);
  EXPECT_EQ(index->Locate(120.1, std::numeric_limits<double>::infinity()), std::nullopt);
}

TEST(GeoGridIndex, LocatesManyPointsLikeArithmetic) {
  auto index = Lattice("G");
  uint64_t state = 42;
  auto next = [&state] {  // xorshift: deterministic points
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return static_cast<double>(state % 1000003) / 1000003.0;
  };
  for (int i = 0; i < 5000; ++i) {
    double lng = kOriginLng + next() * kSide * kCell;
    double lat = kOriginLat + next() * kSide * kCell;
    ASSERT_EQ(index->Locate(lng, lat), Expected("G", lng, lat)) << lng << "," << lat;
  }
}

TEST(GeoGridIndex, PointOnSharedEdgeGoesToSmallestCode) {
  std::vector<GridEntry> entries;
  entries.push_back({"b", Square(0.5, 0, 1, 1)});
  entries.push_back({"a", Square(0, 0, 0.5, 1)});
  entries.push_back({"c", Square(0, 1, 1, 2)});
  auto index = GridIndex::Build(std::move(entries));
  EXPECT_EQ(index->Locate(0.5, 0.5), "a");   // edge between a and b
  EXPECT_EQ(index->Locate(0.75, 1.0), "b");  // edge between b and c
  EXPECT_EQ(index->Locate(1.0, 0.5), "b");   // outer boundary still belongs to b
}

TEST(GeoGridIndex, OverlappingPolygonsAreDeterministic) {
  // Should never be stored, but the answer must not depend on insertion order.
  for (int order = 0; order < 2; ++order) {
    std::vector<GridEntry> entries;
    entries.push_back({order ? "z" : "m", Square(0, 0, 2, 2)});
    entries.push_back({order ? "m" : "z", Square(1, 1, 3, 3)});
    auto index = GridIndex::Build(std::move(entries));
    EXPECT_EQ(index->Locate(1.5, 1.5), "m");
  }
}

TEST(GeoGridIndex, EmptyIndexAndLocator) {
  auto empty = GridIndex::Build({});
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_EQ(empty->Locate(120, 30), std::nullopt);
  GridLocator locator;
  EXPECT_EQ(locator.size(), 0u);
  EXPECT_EQ(locator.Locate(120, 30), std::nullopt);
  locator.Replace(Lattice("A"));
  EXPECT_EQ(locator.size(), 400u);
  EXPECT_EQ(locator.Locate(120.005, 29.505), "A000");
}

TEST(GeoGridIndex, ConcurrentLocateWhileReplacing) {
  GridLocator locator(Lattice("A"));
  std::atomic<bool> stop{false};
  std::atomic<long> lookups{0};
  std::atomic<long> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      uint64_t state = 1000 + t;
      while (!stop.load(std::memory_order_relaxed)) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = static_cast<double>((state >> 11) % 100000) / 100000.0;
        double v = static_cast<double>((state >> 33) % 100000) / 100000.0;
        // Stay off the cell edges so exactly one answer is right for either index.
        double lng = kOriginLng + (std::floor(u * kSide) + 0.1 + 0.8 * v) * kCell;
        double lat = kOriginLat + (std::floor(v * kSide) + 0.1 + 0.8 * u) * kCell;
        auto code = locator.Locate(lng, lat);
        if (!code || (*code != Expected("A", lng, lat) && *code != Expected("B", lng, lat))) {
          wrong.fetch_add(1);
        }
        lookups.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  // Rebuild on this thread while readers run; each Replace frees the old index once the last
  // reader using it lets go (possibly on a reader thread).
  for (int i = 0; i < 20; ++i) locator.Replace(Lattice(i % 2 ? "A" : "B"));
  while (lookups.load() < 20000) std::this_thread::yield();
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(lookups.load(), 20000);
}

}  // namespace
}  // namespace jiceng::core::geo
