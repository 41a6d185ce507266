// How the map is built, and why this way:
//
// Clipping a second-level Voronoi diagram to first-level cells puts nodes in the middle of a
// neighbour's edge (T-junctions); once coordinates are rounded for storage those become slivers
// of overlap. So the final map comes from ONE Voronoi diagram over every grid seed of the county:
// GEOS computes each Voronoi vertex once, so neighbouring cells share bit-identical edges.
// Villages and townships are exact coverage unions of their grid cells, and rounding each vertex
// to 1e-7° maps shared vertices to the same value. No overlay ever clips a final polygon.
//
// The hierarchy only decides where seeds go: township cells (Lloyd-relaxed, inside a wobbly
// round outline) → village cells inside each township → 3–8 grid seeds inside each village.
// Instead of clipping to the outline, a ring of guard seeds just outside it bounds the edge
// cells; guard cells are dropped, leaving a plausibly ragged county border.
//
// A village whose grid cells are not contiguous (rare) gets new seeds and the diagram is redone.
// Work happens in local metres (x east, y north of the centre) and is converted at the end.
#include "modules/org/demo_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <string_view>
#include <utility>

#include "core/module_names.hpp"

namespace jiceng::org {
namespace {

namespace geo = core::geo;

constexpr int kTownshipRelaxIterations = 3;
constexpr int kVillageRelaxIterations = 2;
constexpr int kGridRelaxIterations = 1;
constexpr int kMinGrids = 3;
constexpr int kMaxGrids = 8;
constexpr int kMaxAttempts = 8;
constexpr double kLatticePerDegree = 1e7;  // output coordinates are multiples of 1e-7°
constexpr double kPi = std::numbers::pi;

struct XY {
  double x = 0;
  double y = 0;
};

GEOSContextHandle_t Ctx() { return geo::GeosContext(); }

struct GeomDeleter {
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(Ctx(), g); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

// splitmix64: tiny, and identical on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }

 private:
  uint64_t state_;
};

// A stream per (entity, purpose): one village's shape does not depend on processing order.
Rng StreamFor(uint64_t seed, std::string_view code, uint64_t salt) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : code) h = (h ^ c) * 1099511628211ULL;
  return Rng(Rng(seed ^ h ^ (salt * 0xD1B54A32D192ED03ULL)).Next());
}

Geom MakePoint(XY p) { return Geom(GEOSGeom_createPointFromXY_r(Ctx(), p.x, p.y)); }

Geom MakePolygon(const std::vector<XY>& ring) {
  std::vector<double> xy;
  for (const XY& p : ring) xy.insert(xy.end(), {p.x, p.y});
  xy.insert(xy.end(), {ring.front().x, ring.front().y});
  GEOSCoordSequence* seq =
      GEOSCoordSeq_copyFromBuffer_r(Ctx(), xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(Ctx(), seq);
  return Geom(GEOSGeom_createPolygon_r(Ctx(), shell, nullptr, 0));
}

Geom Clone(const GEOSGeometry* g) { return Geom(GEOSGeom_clone_r(Ctx(), g)); }

double Area(const GEOSGeometry* g) {
  double area = 0;
  GEOSArea_r(Ctx(), g, &area);
  return area;
}

XY CentroidOf(const GEOSGeometry* g) {
  Geom c(GEOSGetCentroid_r(Ctx(), g));
  XY p;
  if (c && !GEOSisEmpty_r(Ctx(), c.get())) {
    GEOSGeomGetX_r(Ctx(), c.get(), &p.x);
    GEOSGeomGetY_r(Ctx(), c.get(), &p.y);
  }
  return p;
}

bool IsSinglePolygon(const GEOSGeometry* g) {
  return g && GEOSGeomTypeId_r(Ctx(), g) == GEOS_POLYGON && !GEOSisEmpty_r(Ctx(), g);
}

// Clone of the largest polygonal part of a clip result (null if none). Used only for the
// intermediate regions that decide where seeds go.
Geom LargestPolygon(const GEOSGeometry* g) {
  if (!g) return nullptr;
  if (IsSinglePolygon(g)) return Clone(g);
  const GEOSGeometry* best = nullptr;
  for (int i = 0, n = GEOSGetNumGeometries_r(Ctx(), g); i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(Ctx(), g, i);
    if (IsSinglePolygon(part) && (!best || Area(part) > Area(best))) best = part;
  }
  return best ? Clone(best) : nullptr;
}

// Up to n points strictly inside `region`, spread out: a candidate closer than min_dist to an
// accepted point is rejected, and min_dist shrinks when the region is too tight for it.
std::vector<XY> SamplePoints(const GEOSGeometry* region, size_t n, Rng& rng) {
  std::vector<XY> points;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  GEOSGeom_getXMin_r(Ctx(), region, &x0);
  GEOSGeom_getYMin_r(Ctx(), region, &y0);
  GEOSGeom_getXMax_r(Ctx(), region, &x1);
  GEOSGeom_getYMax_r(Ctx(), region, &y1);
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(Ctx(), region);
  double min_dist = 0.7 * std::sqrt(Area(region) / static_cast<double>(std::max<size_t>(n, 1)));
  size_t misses = 0;
  while (points.size() < n && min_dist > 1e-3) {
    XY p{rng.Uniform(x0, x1), rng.Uniform(y0, y1)};
    bool spaced = std::all_of(points.begin(), points.end(), [&](const XY& q) {
      return std::hypot(p.x - q.x, p.y - q.y) >= min_dist;
    });
    if (spaced && GEOSPreparedContains_r(Ctx(), prepared, MakePoint(p).get()) == 1) {
      points.push_back(p);
    } else if (++misses > 50 * n) {
      misses = 0;
      min_dist *= 0.7;
    }
  }
  GEOSPreparedGeom_destroy_r(Ctx(), prepared);
  return points;
}

void CollectIndex(void* item, void* userdata) {
  static_cast<std::vector<size_t>*>(userdata)->push_back(reinterpret_cast<uintptr_t>(item));
}

// One Voronoi diagram over distinct sites; result[i] is site i's cell (null if GEOS lost it).
// GEOS returns cells in its own order, so each cell is matched to the site it contains.
std::vector<Geom> VoronoiCells(const std::vector<XY>& sites, const GEOSGeometry* extent) {
  std::vector<Geom> cells(sites.size());
  if (sites.size() < 2) return cells;
  std::vector<GEOSGeometry*> points;
  for (const XY& s : sites) points.push_back(MakePoint(s).release());
  Geom multipoint(GEOSGeom_createCollection_r(Ctx(), GEOS_MULTIPOINT, points.data(),
                                              static_cast<unsigned>(points.size())));
  Geom diagram(GEOSVoronoiDiagram_r(Ctx(), multipoint.get(), extent, 0.0, 0));
  if (!diagram) return cells;
  GEOSSTRtree* tree = GEOSSTRtree_create_r(Ctx(), 10);
  for (size_t i = 0; i < sites.size(); ++i) {
    GEOSSTRtree_insert_r(Ctx(), tree, GEOSGetGeometryN_r(Ctx(), multipoint.get(), int(i)),
                         reinterpret_cast<void*>(static_cast<uintptr_t>(i)));
  }
  std::vector<size_t> hits;
  for (int j = 0, n = GEOSGetNumGeometries_r(Ctx(), diagram.get()); j < n; ++j) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(Ctx(), diagram.get(), j);
    hits.clear();
    GEOSSTRtree_query_r(Ctx(), tree, cell, &CollectIndex, &hits);
    for (size_t i : hits) {
      const GEOSGeometry* site = GEOSGetGeometryN_r(Ctx(), multipoint.get(), int(i));
      if (!cells[i] && GEOSIntersects_r(Ctx(), cell, site) == 1) {
        cells[i] = Clone(cell);
        break;
      }
    }
  }
  GEOSSTRtree_destroy_r(Ctx(), tree);
  return cells;
}

// Voronoi cells of the sites, clipped to `region` (intermediate regions only).
std::vector<Geom> ClippedCells(const std::vector<XY>& sites, const GEOSGeometry* region) {
  if (sites.size() == 1) {
    std::vector<Geom> one;
    one.push_back(Clone(region));
    return one;
  }
  std::vector<Geom> cells = VoronoiCells(sites, region);
  for (Geom& cell : cells) {
    if (cell) cell = Geom(GEOSIntersection_r(Ctx(), cell.get(), region));
  }
  return cells;
}

// Lloyd relaxation: moving each site to its cell's centroid evens out sizes and shapes.
void Relax(std::vector<XY>& sites, const GEOSGeometry* region, int iterations) {
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(Ctx(), region);
  for (int it = 0; it < iterations && sites.size() > 1; ++it) {
    std::vector<Geom> cells = ClippedCells(sites, region);
    for (size_t i = 0; i < sites.size(); ++i) {
      if (!cells[i] || GEOSisEmpty_r(Ctx(), cells[i].get())) continue;
      XY c = CentroidOf(cells[i].get());
      if (GEOSPreparedContains_r(Ctx(), prepared, MakePoint(c).get()) == 1) sites[i] = c;
    }
  }
  GEOSPreparedGeom_destroy_r(Ctx(), prepared);
}

// Intermediate regions: site cells clipped to `region`, largest part each.
std::vector<Geom> Regions(const GEOSGeometry* region, size_t n, Rng& rng, int relax) {
  std::vector<XY> sites = SamplePoints(region, n, rng);
  Relax(sites, region, relax);
  std::vector<Geom> cells = ClippedCells(sites, region);
  std::vector<Geom> regions;
  for (Geom& cell : cells) regions.push_back(LargestPolygon(cell.get()));
  regions.resize(n);  // missing sites show up as null regions
  return regions;
}

// A star-shaped, gently wobbling disc: radius(θ) stays within ±20 % of r0.
struct Outline {
  double r0 = 0;
  double phase[3] = {0, 0, 0};

  double Radius(double theta) const {
    return r0 * (1 + 0.10 * std::sin(2 * theta + phase[0]) + 0.06 * std::sin(3 * theta + phase[1]) +
                 0.03 * std::sin(5 * theta + phase[2]));
  }
  Geom ToPolygon() const {
    std::vector<XY> ring;
    for (int i = 0; i < 180; ++i) {
      double t = 2 * kPi * i / 180;
      ring.push_back({Radius(t) * std::cos(t), Radius(t) * std::sin(t)});
    }
    return MakePolygon(ring);
  }
};

// Local metres → degrees, rounded to the storage lattice. Rounding is per vertex, so vertices
// shared by neighbours stay shared.
struct Projection {
  double lng0, lat0, deg_per_m_x, deg_per_m_y;

  static int Apply(double* x, double* y, void* self) {
    auto* p = static_cast<const Projection*>(self);
    *x = std::round((p->lng0 + *x * p->deg_per_m_x) * kLatticePerDegree) / kLatticePerDegree;
    *y = std::round((p->lat0 + *y * p->deg_per_m_y) * kLatticePerDegree) / kLatticePerDegree;
    return 1;
  }
  // Null unless the result is a valid single polygon.
  Geom ToDegrees(const GEOSGeometry* metres) const {
    Geom g(GEOSGeom_transformXY_r(Ctx(), metres, &Apply, const_cast<Projection*>(this)));
    if (!IsSinglePolygon(g.get()) || GEOSisValid_r(Ctx(), g.get()) != 1) return nullptr;
    return g;
  }
};

// Exact dissolve of polygons that share identical edges; null unless one polygon results.
Geom CoverageUnion(const std::vector<const GEOSGeometry*>& parts) {
  std::vector<GEOSGeometry*> clones;
  for (const GEOSGeometry* p : parts) clones.push_back(GEOSGeom_clone_r(Ctx(), p));
  Geom collection(GEOSGeom_createCollection_r(Ctx(), GEOS_MULTIPOLYGON, clones.data(),
                                              static_cast<unsigned>(clones.size())));
  Geom merged(collection ? GEOSCoverageUnion_r(Ctx(), collection.get()) : nullptr);
  return IsSinglePolygon(merged.get()) ? std::move(merged) : nullptr;
}

struct VillagePlan {
  const std::string* code;
  size_t township;
  Geom region;  // where its grid seeds go
  int grid_count;
  int attempt = 0;
  std::vector<XY> sites;  // empty → (re)sample
  size_t first_site = 0;  // offset in the county-wide site list
};

// Numbers grids in rows from north to south, west to east within a row. Rows are equal bands
// of the village's height, about sqrt(n) of them, so "row" matches what a map reader sees.
std::vector<DemoArea> NumberGrids(const std::string& village_code, const geo::Polygon& village,
                                  std::vector<geo::Polygon> grids) {
  geo::Bounds bounds = geo::GetBounds(village);
  const int rows = std::max(1, int(std::lround(std::sqrt(double(grids.size())))));
  const double band = (bounds.max_lat - bounds.min_lat) / rows;
  struct Keyed {
    int row;
    double lng;
    size_t index;
  };
  std::vector<Keyed> keys;
  for (size_t i = 0; i < grids.size(); ++i) {
    geo::Point c = geo::Centroid(grids[i]);
    int row = std::clamp(int((bounds.max_lat - c.lat) / band), 0, rows - 1);
    keys.push_back({row, c.lng, i});
  }
  std::sort(keys.begin(), keys.end(), [](const Keyed& a, const Keyed& b) {
    return a.row != b.row ? a.row < b.row : a.lng < b.lng;
  });
  std::vector<DemoArea> out;
  for (size_t n = 0; n < keys.size(); ++n) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%03zu", n + 1);
    out.push_back({village_code + suffix, std::move(grids[keys[n].index])});
  }
  return out;
}

Result<void> Validate(const DemoMapInput& input) {
  auto bad = [](std::string message, std::string field) {
    return DomainError::Invalid("org.demo.input_invalid", std::move(message), std::move(field));
  };
  if (!(input.centre_lng >= -180 && input.centre_lng <= 180 && input.centre_lat >= -80 &&
        input.centre_lat <= 80)) {
    return bad("县域中心坐标超出范围", "centre");
  }
  if (!(input.area_km2 > 0 && input.area_km2 < 1e6)) return bad("县域面积必须大于 0", "area_km2");
  if (input.townships.empty()) return bad("至少需要一个乡镇", "townships");
  for (const auto& t : input.townships) {
    if (t.village_codes.empty()) return bad("乡镇 " + t.code + " 没有村", "townships");
  }
  return {};
}

}  // namespace

Result<DemoMap> GenerateDemoMap(const DemoMapInput& input) {
  if (auto ok = Validate(input); !ok) return ok.error();
  const double area_m2 = input.area_km2 * 1e6;
  const DomainError failed = DomainError::Internal("org.demo.geometry_failed", "示例地图生成失败");

  // County outline, sized so its area is the county's (mean of radius² is 1 + Σa²/2 of r0²).
  Rng county_rng = StreamFor(input.seed, "county", 0);
  Outline outline;
  outline.r0 = std::sqrt(area_m2 / (kPi * (1 + (0.01 + 0.0036 + 0.0009) / 2)));
  for (double& p : outline.phase) p = county_rng.Uniform(0, 2 * kPi);
  Geom outline_polygon = outline.ToPolygon();

  std::vector<Geom> township_regions =
      Regions(outline_polygon.get(), input.townships.size(), county_rng, kTownshipRelaxIterations);
  std::vector<VillagePlan> plans;
  for (size_t t = 0; t < input.townships.size(); ++t) {
    const DemoTownshipInput& township = input.townships[t];
    if (!township_regions[t]) return failed;
    Rng rng = StreamFor(input.seed, township.code, 0);
    std::vector<Geom> regions = Regions(township_regions[t].get(), township.village_codes.size(),
                                        rng, kVillageRelaxIterations);
    for (size_t v = 0; v < regions.size(); ++v) {
      if (!regions[v]) return failed;
      const std::string& code = township.village_codes[v];
      int grids =
          kMinGrids + int(StreamFor(input.seed, code, 0).Next() % (kMaxGrids - kMinGrids + 1));
      plans.push_back({&code, t, std::move(regions[v]), grids, 0, {}, 0});
    }
  }

  // Guard seeds half a grid spacing outside the outline, about one spacing apart.
  size_t total_grids = 0;
  for (const auto& plan : plans) total_grids += plan.grid_count;
  const double spacing = std::sqrt(area_m2 / double(total_grids));
  std::vector<XY> guards;
  const int guard_count = std::max(16, int(std::ceil(2 * kPi * outline.r0 * 1.2 / spacing)));
  for (int i = 0; i < guard_count; ++i) {
    double t = 2 * kPi * i / guard_count;
    double r = outline.Radius(t) + 0.5 * spacing;
    guards.push_back({r * std::cos(t), r * std::sin(t)});
  }

  const double lat0_rad = input.centre_lat * kPi / 180;
  const double metres_per_degree = geo::kEarthRadiusM * kPi / 180;
  const Projection projection{input.centre_lng, input.centre_lat,
                              1 / (metres_per_degree * std::cos(lat0_rad)), 1 / metres_per_degree};

  for (int round = 0; round < kMaxAttempts; ++round) {
    std::vector<XY> sites;
    for (auto& plan : plans) {
      if (plan.sites.empty()) {
        Rng rng = StreamFor(input.seed, *plan.code, 1 + plan.attempt);
        plan.sites = SamplePoints(plan.region.get(), plan.grid_count, rng);
        Relax(plan.sites, plan.region.get(), kGridRelaxIterations);
        if (plan.sites.size() != size_t(plan.grid_count)) return failed;
      }
      plan.first_site = sites.size();
      sites.insert(sites.end(), plan.sites.begin(), plan.sites.end());
    }
    sites.insert(sites.end(), guards.begin(), guards.end());
    std::vector<Geom> cells = VoronoiCells(sites, nullptr);

    // Villages: dissolve their cells; a village that does not come out as one valid polygon
    // gets fresh seeds next round.
    bool retry = false;
    std::vector<Geom> village_metres(plans.size());
    std::vector<Geom> village_degrees(plans.size());
    for (size_t v = 0; v < plans.size(); ++v) {
      VillagePlan& plan = plans[v];
      std::vector<const GEOSGeometry*> parts;
      for (int g = 0; g < plan.grid_count; ++g) parts.push_back(cells[plan.first_site + g].get());
      bool ok = std::all_of(parts.begin(), parts.end(), [](auto* p) { return p != nullptr; });
      if (ok) village_metres[v] = CoverageUnion(parts);
      if (village_metres[v]) village_degrees[v] = projection.ToDegrees(village_metres[v].get());
      if (!village_degrees[v]) {
        plan.sites.clear();
        ++plan.attempt;
        retry = true;
      }
    }
    if (retry) continue;

    DemoMap map;
    std::vector<const GEOSGeometry*> township_parts_all;
    std::vector<Geom> township_metres;
    for (size_t t = 0; t < input.townships.size(); ++t) {
      std::vector<const GEOSGeometry*> parts;
      for (size_t v = 0; v < plans.size(); ++v) {
        if (plans[v].township == t) parts.push_back(village_metres[v].get());
      }
      Geom merged = CoverageUnion(parts);
      Geom degrees = merged ? projection.ToDegrees(merged.get()) : nullptr;
      if (!degrees) {
        for (auto& plan : plans) {
          if (plan.township != t) continue;
          plan.sites.clear();
          ++plan.attempt;
        }
        retry = true;
        continue;
      }
      map.townships.push_back({input.townships[t].code, geo::Polygon(degrees.release())});
      township_metres.push_back(std::move(merged));
    }
    if (retry) continue;
    for (const Geom& t : township_metres) township_parts_all.push_back(t.get());
    Geom county = CoverageUnion(township_parts_all);
    Geom county_degrees = county ? projection.ToDegrees(county.get()) : nullptr;
    if (!county_degrees) return failed;
    map.county = geo::Polygon(county_degrees.release());

    for (size_t v = 0; v < plans.size(); ++v) {
      const VillagePlan& plan = plans[v];
      DemoVillage village{*plan.code,
                          input.townships[plan.township].code,
                          geo::Polygon(village_degrees[v].release()),
                          {}};
      std::vector<geo::Polygon> grids;
      for (int g = 0; g < plan.grid_count; ++g) {
        Geom degrees = projection.ToDegrees(cells[plan.first_site + g].get());
        if (!degrees) return failed;  // a convex cell stays valid when rounded to 1 cm
        grids.emplace_back(degrees.release());
      }
      village.grids = NumberGrids(village.code, village.boundary, std::move(grids));
      map.villages.push_back(std::move(village));
    }
    return map;
  }
  return failed;
}

}  // namespace jiceng::org
