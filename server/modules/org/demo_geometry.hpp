// A plausible, deterministic map for the demo county: a boundary for every township and village
// and 3–8 grids per village, so the demo shows maps, grid lookup and per-grid statistics
// without real survey data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/geo/geometry.hpp"
#include "core/result.hpp"

namespace jiceng::org {

struct DemoTownshipInput {
  std::string code;                        // 9 digits
  std::vector<std::string> village_codes;  // 12 digits each; at least one
};

struct DemoMapInput {
  double centre_lng = 0;  // e.g. 诸暨市 120.24
  double centre_lat = 0;  // e.g. 29.71
  double area_km2 = 0;    // e.g. 2311
  std::vector<DemoTownshipInput> townships;
  uint64_t seed = 1;  // same input and seed → byte-identical output
};

struct DemoArea {
  std::string code;
  core::geo::Polygon boundary;
};

struct DemoVillage {
  std::string code;
  std::string township_code;
  core::geo::Polygon boundary;
  std::vector<DemoArea> grids;  // codes village_code + "001".., west→east within rows north→south
};

struct DemoMap {
  core::geo::Polygon county;
  std::vector<DemoArea> townships;    // input order
  std::vector<DemoVillage> villages;  // input order, township by township
};

// Guarantees: every polygon is a valid single Polygon with coordinates on the 1e-7° lattice (so
// ToGeoJson is lossless); grids tile their village exactly, villages tile their township, and
// neighbours share identical edges (no overlaps, no gaps). Errors: org.demo.input_invalid for
// bad input, org.demo.geometry_failed (internal) if no valid map was found.
core::Result<DemoMap> GenerateDemoMap(const DemoMapInput& input);

}  // namespace jiceng::org
