// Point → grid lookup over 10,000 grids: GridIndex (and GridLocator) against the bare GEOS
// calls it wraps, on identical points. The wrapper should keep >= 0.75× the raw throughput.
#include <benchmark/benchmark.h>
#include <geos_c.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/geo/geometry.hpp"
#include "core/geo/grid_index.hpp"

namespace {

namespace geo = jiceng::core::geo;

constexpr int kCellsPerSide = 100;  // 100 × 100 = 10,000 grids
constexpr int kSub = 3;             // vertices per cell edge: 12-vertex rings, not rectangles
constexpr double kCellDeg = 0.005;  // ~500 m: a 50 km × 50 km county
constexpr double kLng0 = 120.0;
constexpr double kLat0 = 29.5;
constexpr size_t kPoints = 1 << 16;

uint64_t NextRandom(uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return state >> 11;
}
double Unit(uint64_t& state) {
  return static_cast<double>(NextRandom(state) % (1u << 30)) / (1u << 30);
}

// A jittered lattice: vertices are shared by neighbouring cells, so grids tile without overlap.
struct Fixture {
  std::vector<std::string> codes;
  std::vector<geo::Polygon> polygons;
  std::vector<geo::Point> points;  // 98 % inside the lattice, the rest around it
  std::shared_ptr<const geo::GridIndex> index;

  Fixture() {
    const int side = kCellsPerSide * kSub + 1;
    const double step = kCellDeg / kSub;
    uint64_t state = 2024;
    std::vector<geo::Point> vertex(side * side);
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) {
        bool border = r == 0 || c == 0 || r == side - 1 || c == side - 1;
        double jx = border ? 0 : (Unit(state) - 0.5) * 0.3 * step;
        double jy = border ? 0 : (Unit(state) - 0.5) * 0.3 * step;
        vertex[r * side + c] = {kLng0 + c * step + jx, kLat0 + r * step + jy};
      }
    }
    std::vector<geo::GridEntry> entries;
    for (int row = 0; row < kCellsPerSide; ++row) {
      for (int col = 0; col < kCellsPerSide; ++col) {
        int r0 = row * kSub, c0 = col * kSub;
        nlohmann::json ring = nlohmann::json::array();
        auto add = [&](int r, int c) {
          ring.push_back({vertex[r * side + c].lng, vertex[r * side + c].lat});
        };
        for (int i = 0; i < kSub; ++i) add(r0, c0 + i);
        for (int i = 0; i < kSub; ++i) add(r0 + i, c0 + kSub);
        for (int i = 0; i < kSub; ++i) add(r0 + kSub, c0 + kSub - i);
        for (int i = 0; i < kSub; ++i) add(r0 + kSub - i, c0);
        add(r0, c0);
        auto polygon = geo::ParseGeoJsonPolygon({{"type", "Polygon"}, {"coordinates", {ring}}});
        if (!polygon.ok()) std::abort();  // the lattice is valid by construction
        // 15 characters like real grid codes (and within the small-string buffer).
        codes.push_back("3306811002" + std::to_string(10000 + row * kCellsPerSide + col));
        polygons.push_back(polygon->Clone());
        entries.push_back({codes.back(), std::move(polygon).value()});
      }
    }
    index = geo::GridIndex::Build(std::move(entries));
    const double extent = kCellsPerSide * kCellDeg;
    for (size_t i = 0; i < kPoints; ++i) {
      points.push_back({kLng0 - 0.01 * extent + Unit(state) * 1.02 * extent,
                        kLat0 - 0.01 * extent + Unit(state) * 1.02 * extent});
    }
  }
};

const Fixture& GetFixture() {
  static const Fixture fixture;
  return fixture;
}

void BM_GridIndexLocate(benchmark::State& state) {
  const Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const geo::Point& p = f.points[i++ & (kPoints - 1)];
    auto code = f.index->Locate(p.lng, p.lat);
    found += code.has_value();
    benchmark::DoNotOptimize(code);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_rate"] = static_cast<double>(found) / state.iterations();
}
BENCHMARK(BM_GridIndexLocate);

void BM_GridLocatorLocate(benchmark::State& state) {
  const Fixture& f = GetFixture();
  geo::GridLocator locator(f.index);
  size_t i = 0;
  for (auto _ : state) {
    const geo::Point& p = f.points[i++ & (kPoints - 1)];
    benchmark::DoNotOptimize(locator.Locate(p.lng, p.lat));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GridLocatorLocate)->Threads(1)->Threads(2);

void CollectFirst(void* item, void* userdata) {
  static_cast<std::vector<size_t>*>(userdata)->push_back(reinterpret_cast<uintptr_t>(item));
}

// The baseline: the same GEOS calls with nothing around them (no bounds pre-check, no sorting,
// no string result).
void BM_RawGeosLocate(benchmark::State& state) {
  const Fixture& f = GetFixture();
  GEOSContextHandle_t ctx = GEOS_init_r();
  GEOSSTRtree* tree = GEOSSTRtree_create_r(ctx, 10);
  std::vector<const GEOSPreparedGeometry*> prepared;
  for (size_t k = 0; k < f.polygons.size(); ++k) {
    prepared.push_back(GEOSPrepare_r(ctx, f.polygons[k].geos()));
    GEOSSTRtree_insert_r(ctx, tree, f.polygons[k].geos(), reinterpret_cast<void*>(k));
  }
  std::vector<size_t> candidates;
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const geo::Point& p = f.points[i++ & (kPoints - 1)];
    GEOSGeometry* point = GEOSGeom_createPointFromXY_r(ctx, p.lng, p.lat);
    candidates.clear();
    GEOSSTRtree_query_r(ctx, tree, point, &CollectFirst, &candidates);
    const std::string* code = nullptr;
    for (size_t c : candidates) {
      if (GEOSPreparedContains_r(ctx, prepared[c], point) == 1) {
        code = &f.codes[c];
        break;
      }
    }
    GEOSGeom_destroy_r(ctx, point);
    found += code != nullptr;
    benchmark::DoNotOptimize(code);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_rate"] = static_cast<double>(found) / state.iterations();
  for (const GEOSPreparedGeometry* pg : prepared) GEOSPreparedGeom_destroy_r(ctx, pg);
  GEOSSTRtree_destroy_r(ctx, tree);
  GEOS_finish_r(ctx);
}
BENCHMARK(BM_RawGeosLocate);

}  // namespace
