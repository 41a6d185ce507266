// Shared by the org store and grid use-case tests: the demo codes and square polygons.
#pragma once
#include <nlohmann/json.hpp>

namespace jiceng::org::test {

inline constexpr const char* kTownship = "330681109";    // 枫桥镇
inline constexpr const char* kVillage = "330681109290";  // 枫源村
inline constexpr const char* kOtherTownship = "330681110";

// A GeoJSON Polygon of the box [lng0, lng1] x [lat0, lat1].
inline nlohmann::json Square(double lng0, double lat0, double lng1, double lat1) {
  return {
      {"type", "Polygon"},
      {"coordinates", {{{lng0, lat0}, {lng1, lat0}, {lng1, lat1}, {lng0, lat1}, {lng0, lat0}}}}};
}

}  // namespace jiceng::org::test
