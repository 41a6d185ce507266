// Grid boundaries (core/geo/geometry): a GeoJSON Polygon as the grid editor sends it, and the
// hex WKB it is stored as. A polygon that parses must survive every operation the server does
// with it (area, overlap, containment, the point index, WKB round trip); anything else must be
// an org.grid.* error.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/geo/geometry.hpp"
#include "core/geo/grid_index.hpp"
#include "fuzz_support.hpp"

using namespace jiceng;
namespace geo = core::geo;

namespace {

void CheckError(const core::DomainError& e) {
  JICENG_FUZZ_CHECK(e.code == "org.grid.geometry_invalid" ||
                    e.code == "org.grid.self_intersection");
  JICENG_FUZZ_CHECK(e.field == "geometry");
}

void Exercise(const geo::Polygon& p) {
  double area = geo::AreaSquareMetres(p);
  JICENG_FUZZ_CHECK(std::isfinite(area) && area >= 0);
  geo::Bounds b = geo::GetBounds(p);
  JICENG_FUZZ_CHECK(b.min_lng <= b.max_lng && b.min_lat <= b.max_lat);
  geo::Point c = geo::Centroid(p);
  (void)geo::Within(p, p);
  (void)geo::Overlaps(p, p);
  nlohmann::json back = geo::ToGeoJson(p);
  (void)back.dump();
  // Stored as WKB, read back on every start: what was accepted must read back.
  std::string wkb = geo::ToWkb(p);
  auto again = geo::FromWkb(wkb);
  JICENG_FUZZ_CHECK(again.ok());
  std::vector<geo::GridEntry> entries;
  entries.push_back({"330681109001001", p.Clone()});
  entries.push_back({"330681109001002", std::move(again.value())});
  auto index = geo::GridIndex::Build(std::move(entries));
  (void)index->Locate(c.lng, c.lat);
  (void)index->Locate(b.min_lng, b.min_lat);
  (void)index->Locate(b.max_lng, b.max_lat);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::Text(data, size);
  // As stored: hex WKB from the database (a row may predate a rule).
  if (auto stored = geo::FromWkb(text); stored.ok()) {
    Exercise(stored.value());
  } else {
    CheckError(stored.error());
  }
  // As sent: the geometry object of a grid body, or a whole Feature.
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  if (j.is_object() && j.contains("geometry") && j["geometry"].is_object()) j = j["geometry"];
  auto parsed = geo::ParseGeoJsonPolygon(j);
  if (!parsed.ok()) {
    CheckError(parsed.error());
    return 0;
  }
  Exercise(parsed.value());
  return 0;
}
