// Polygons for divisions and grids: GeoJSON parsing with stable error codes, metric area,
// tolerant overlap/containment tests and WKB storage, on top of the GEOS C API.
//
// Coordinates are (lng, lat) degrees, WGS84; CGCS2000 differs by centimetres and is treated the
// same. All GEOS calls go through a per-thread context (GeosContext()), so every function here
// may be called from any thread; a Polygon itself is not synchronised (share it read-only).
#pragma once

#include <geos_c.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::geo {

// Below this many square metres an overlap (or a part sticking out) is floating-point noise
// along a shared edge, not a real overlap: drawn boundaries are never that precise.
inline constexpr double kAreaToleranceM2 = 1.0;

// Mean Earth radius (IUGG), used for the local equirectangular projection.
inline constexpr double kEarthRadiusM = 6371008.8;

// Caps on a polygon received as GeoJSON: a drawn grid or village boundary has tens to a few
// thousand vertices; beyond these it is refused before GEOS spends time on it.
inline constexpr std::size_t kMaxRingVertices = 10'000;
inline constexpr std::size_t kMaxRings = 100;  // the outer ring and its holes

struct Point {
  double lng = 0;
  double lat = 0;
};

struct Bounds {
  double min_lng = 0;
  double min_lat = 0;
  double max_lng = 0;
  double max_lat = 0;
};

// The calling thread's GEOS context. Created on first use with GEOS_init_r and finished when the
// thread exits; GEOS errors and notices are captured instead of printed to stderr.
GEOSContextHandle_t GeosContext();

// Text of the last GEOS error reported on the calling thread (empty if none).
const std::string& LastGeosError();

// Owns one valid, non-empty GEOS Polygon. Move-only: copying a geometry is an explicit Clone().
class Polygon {
 public:
  Polygon() = default;  // empty: only a moved-from or placeholder value
  // Takes ownership. The caller guarantees `owned` is a valid Polygon (not a MultiPolygon).
  explicit Polygon(GEOSGeometry* owned) : geom_(owned) {}
  ~Polygon();
  Polygon(Polygon&& other) noexcept : geom_(other.geom_) { other.geom_ = nullptr; }
  Polygon& operator=(Polygon&& other) noexcept;
  Polygon(const Polygon&) = delete;
  Polygon& operator=(const Polygon&) = delete;

  Polygon Clone() const;
  bool empty() const { return geom_ == nullptr; }
  const GEOSGeometry* geos() const { return geom_; }
  GEOSGeometry* Release();

 private:
  GEOSGeometry* geom_ = nullptr;
};

// Accepts a GeoJSON geometry object {"type":"Polygon","coordinates":[[[lng,lat],...],...]};
// holes are allowed. Errors (DomainError::Invalid, field "geometry"):
//   org.grid.geometry_invalid   not a Polygon, ring with < 4 positions, ring not closed,
//                               non-numeric or out-of-range coordinate, zero area, other
//                               GEOS invalidity (hole outside shell, ...)
//   org.grid.self_intersection  edges cross; detail = "lng,lat" of one crossing point
//   org.grid.geometry_too_large a ring of more than kMaxRingVertices positions, or more than
//                               kMaxRings rings
core::Result<Polygon> ParseGeoJsonPolygon(const nlohmann::json& geometry);

// GeoJSON Polygon, coordinates rounded to 7 decimals (~1 cm), rings oriented per RFC 7946
// (exterior counter-clockwise, holes clockwise).
nlohmann::json ToGeoJson(const Polygon& polygon);

// Area in m²: local equirectangular projection at the centroid latitude, then planar area.
// Within 0.5 % of the geodesic area for village-sized polygons (tens of km).
double AreaSquareMetres(const Polygon& polygon);

// True when the interiors share at least kAreaToleranceM2; a shared edge is not an overlap.
bool Overlaps(const Polygon& a, const Polygon& b);

// True when at most kAreaToleranceM2 of `inner` lies outside `outer`.
bool Within(const Polygon& inner, const Polygon& outer);

// Storage format: hexadecimal ISO WKB, 2D, little-endian (NDR), upper-case, no SRID. Text is
// safe in any column type of both drivers and PostGIS reads it directly.
std::string ToWkb(const Polygon& polygon);
// Validates like ParseGeoJsonPolygon (a stored row may predate a rule).
core::Result<Polygon> FromWkb(std::string_view hex);

Point Centroid(const Polygon& polygon);
Bounds GetBounds(const Polygon& polygon);

// Area in m² of any GEOS geometry (0 for empty or null), same projection as AreaSquareMetres.
double GeometryAreaSquareMetres(const GEOSGeometry* geometry);

}  // namespace jiceng::core::geo
