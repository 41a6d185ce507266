// Shared by the org store and grid use-case tests: the demo codes, square polygons and a
// database holding the divisions of 诸暨市.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/db/database.hpp"
#include "modules/org/divisions.hpp"
#include "tests/test_support.hpp"

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

// Opens a fresh database of the driver under test into `db` and loads the divisions of 诸暨市
// (330681) at `now`. Fails the test fatally when it cannot: call it in ASSERT_NO_FATAL_FAILURE.
inline void OpenCountyDatabase(std::unique_ptr<core::db::Database>& db, std::int64_t now) {
  db = jiceng::testing::OpenTestDatabase();
  ASSERT_NE(db, nullptr);
  DivisionLoad load;
  load.data_dir = FindDivisionDataDir("");
  load.county_codes = {"330681"};
  auto loaded = LoadDivisions(*db, load, now);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
}

}  // namespace jiceng::org::test
