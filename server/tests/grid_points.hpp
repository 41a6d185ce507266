// Points for the grid tests: a point inside a convex grid cell and the locate URL of a point.
#pragma once
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace jiceng::testing {

// Average of a polygon's ring vertices (without the closing one): inside a convex grid cell.
inline std::pair<double, double> VertexMean(const nlohmann::json& polygon) {
  const nlohmann::json& ring = polygon.at("coordinates").at(0);
  double x = 0, y = 0;
  std::size_t n = ring.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    x += ring[i][0].get<double>();
    y += ring[i][1].get<double>();
  }
  return {x / static_cast<double>(n), y / static_cast<double>(n)};
}

inline std::string LocateTarget(std::pair<double, double> p) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "/api/v1/grids/locate?lng=%.9f&lat=%.9f", p.first, p.second);
  return buf;
}

}  // namespace jiceng::testing
