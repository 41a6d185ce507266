#include "core/geo/geometry.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <utility>
#include <vector>

namespace jiceng::core::geo {
namespace {

constexpr char kField[] = "geometry";
constexpr char kInvalidCode[] = "org.grid.geometry_invalid";
constexpr char kSelfIntersectionCode[] = "org.grid.self_intersection";
constexpr char kTooLargeCode[] = "org.grid.geometry_too_large";
constexpr double kDegToRad = std::numbers::pi / 180.0;

// One GEOS context per thread: a context is not safe to share, and creating one per call would
// cost more than most predicates.
struct ThreadContext {
  GEOSContextHandle_t handle = nullptr;
  std::string last_error;

  ThreadContext() {
    handle = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(handle, &OnError, this);
    GEOSContext_setNoticeMessageHandler_r(handle, &OnNotice, nullptr);
  }
  ~ThreadContext() { GEOS_finish_r(handle); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;

  static void OnError(const char* message, void* self) {
    static_cast<ThreadContext*>(self)->last_error = message ? message : "";
  }
  static void OnNotice(const char*, void*) {}  // notices are advisory; keep stderr clean
};

ThreadContext& Tls() {
  thread_local ThreadContext context;
  return context;
}

DomainError Invalid(std::string message, std::string detail = {}) {
  DomainError error = DomainError::Invalid(kInvalidCode, std::move(message), kField);
  error.detail = std::move(detail);
  return error;
}

// Owns a temporary GEOS geometry inside one function.
struct GeomGuard {
  GEOSContextHandle_t ctx;
  GEOSGeometry* g;
  ~GeomGuard() {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};

std::string FormatLocation(double lng, double lat) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.7f,%.7f", lng, lat);
  return buf;
}

bool InRange(double lng, double lat) {
  return std::isfinite(lng) && std::isfinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 &&
         lat <= 90;
}

// Checks a GEOS geometry is a valid polygon of positive area with coordinates in range, and
// takes ownership of it either way.
Result<Polygon> AdoptChecked(GEOSContextHandle_t ctx, GEOSGeometry* raw) {
  Polygon polygon(raw);
  if (GEOSGeomTypeId_r(ctx, raw) != GEOS_POLYGON || GEOSisEmpty_r(ctx, raw) != 0) {
    return Invalid("边界必须是 GeoJSON Polygon 类型");
  }
  Bounds b = GetBounds(polygon);
  if (!InRange(b.min_lng, b.min_lat) || !InRange(b.max_lng, b.max_lat)) {
    return Invalid("坐标必须是数字，经度在 -180 到 180 之间，纬度在 -90 到 90 之间");
  }
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  char valid = GEOSisValidDetail_r(ctx, raw, 0, &reason, &location);
  GeomGuard location_guard{ctx, location};
  std::string reason_text = reason ? reason : "";
  if (reason) GEOSFree_r(ctx, reason);
  if (valid == 2) return Invalid("无法校验边界：" + LastGeosError());
  if (valid == 0) {
    std::string detail;
    if (location) {
      double x = 0, y = 0;
      GEOSGeomGetX_r(ctx, location, &x);
      GEOSGeomGetY_r(ctx, location, &y);
      detail = FormatLocation(x, y);
    }
    // GEOS reasons: "Self-intersection", "Ring Self-intersection", "Hole lies outside shell"...
    if (reason_text.find("elf-intersection") != std::string::npos) {
      DomainError error =
          DomainError::Invalid(kSelfIntersectionCode, "边界线存在自相交，请检查交叉点附近", kField);
      error.detail = std::move(detail);
      return error;
    }
    return Invalid("边界不是有效的多边形（如内环在外环之外、重复点过多）", std::move(detail));
  }
  double area = 0;
  GEOSArea_r(ctx, raw, &area);
  if (!(area > 0)) return Invalid("边界面积为零");
  return polygon;
}

// Reads one GeoJSON linear ring into a flat x,y buffer, checking each rule the codes promise.
Result<std::vector<double>> ReadRing(const nlohmann::json& ring) {
  if (!ring.is_array() || ring.size() < 4) return Invalid("每个边界环至少需要 4 个坐标点");
  if (ring.size() > kMaxRingVertices) {
    return DomainError::Invalid(
        kTooLargeCode,
        "每个边界环最多 " + std::to_string(kMaxRingVertices) + " 个坐标点，请简化边界后再保存",
        kField);
  }
  std::vector<double> xy;
  xy.reserve(ring.size() * 2);
  for (const auto& position : ring) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() ||
        !position[1].is_number()) {
      return Invalid("坐标必须是 [经度, 纬度] 数字数组");
    }
    double lng = position[0].get<double>();
    double lat = position[1].get<double>();
    if (!InRange(lng, lat)) {
      return Invalid("坐标必须是数字，经度在 -180 到 180 之间，纬度在 -90 到 90 之间");
    }
    xy.push_back(lng);
    xy.push_back(lat);
  }
  if (xy[0] != xy[xy.size() - 2] || xy[1] != xy[xy.size() - 1]) {
    return Invalid("边界环首尾坐标必须相同（闭合）");
  }
  return xy;
}

GEOSGeometry* MakeRing(GEOSContextHandle_t ctx, const std::vector<double>& xy) {
  GEOSCoordSequence* seq =
      GEOSCoordSeq_copyFromBuffer_r(ctx, xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
  return seq ? GEOSGeom_createLinearRing_r(ctx, seq) : nullptr;
}

// Signed shoelace area of a flat x,y ring: positive when counter-clockwise.
double SignedArea(const std::vector<double>& xy) {
  double sum = 0;
  for (size_t i = 0; i + 3 < xy.size(); i += 2) sum += xy[i] * xy[i + 3] - xy[i + 2] * xy[i + 1];
  return sum / 2;
}

nlohmann::json RingToJson(GEOSContextHandle_t ctx, const GEOSGeometry* ring, bool ccw) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(ctx, seq, &size);
  std::vector<double> xy(size * 2);
  for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &xy[2 * i], &xy[2 * i + 1]);
  bool reverse = (SignedArea(xy) > 0) != ccw;
  nlohmann::json out = nlohmann::json::array();
  for (unsigned k = 0; k < size; ++k) {
    unsigned i = reverse ? size - 1 - k : k;
    out.push_back({std::round(xy[2 * i] * 1e7) / 1e7, std::round(xy[2 * i + 1] * 1e7) / 1e7});
  }
  return out;
}

// Runs a GEOS overlay; OverlayNG rarely fails, but if it does, retry snapped to a 1e-9° grid
// (0.1 mm), far below kAreaToleranceM2.
GEOSGeometry* RobustOverlay(GEOSContextHandle_t ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                            bool intersection) {
  GEOSGeometry* r = intersection ? GEOSIntersection_r(ctx, a, b) : GEOSDifference_r(ctx, a, b);
  if (r) return r;
  return intersection ? GEOSIntersectionPrec_r(ctx, a, b, 1e-9)
                      : GEOSDifferencePrec_r(ctx, a, b, 1e-9);
}

}  // namespace

GEOSContextHandle_t GeosContext() { return Tls().handle; }

const std::string& LastGeosError() { return Tls().last_error; }

Polygon::~Polygon() {
  if (geom_) GEOSGeom_destroy_r(GeosContext(), geom_);
}

Polygon& Polygon::operator=(Polygon&& other) noexcept {
  if (this != &other) {
    if (geom_) GEOSGeom_destroy_r(GeosContext(), geom_);
    geom_ = std::exchange(other.geom_, nullptr);
  }
  return *this;
}

Polygon Polygon::Clone() const {
  return Polygon(geom_ ? GEOSGeom_clone_r(GeosContext(), geom_) : nullptr);
}

GEOSGeometry* Polygon::Release() { return std::exchange(geom_, nullptr); }

Result<Polygon> ParseGeoJsonPolygon(const nlohmann::json& geometry) {
  // find, not value(): value("type", "") throws when "type" is a number (found by fuzzing).
  const auto type = geometry.is_object() ? geometry.find("type") : geometry.end();
  if (!geometry.is_object() || type == geometry.end() || !type->is_string() ||
      type->get_ref<const std::string&>() != "Polygon" || !geometry.contains("coordinates") ||
      !geometry["coordinates"].is_array() || geometry["coordinates"].empty()) {
    return Invalid("边界必须是 GeoJSON Polygon 类型");
  }
  if (geometry["coordinates"].size() > kMaxRings) {
    return DomainError::Invalid(
        kTooLargeCode, "边界最多含 " + std::to_string(kMaxRings) + " 个环（外环与内环）", kField);
  }
  std::vector<std::vector<double>> rings;
  for (const auto& ring : geometry["coordinates"]) {
    JC_ASSIGN_OR_RETURN(auto xy, ReadRing(ring));
    rings.push_back(std::move(xy));
  }
  GEOSContextHandle_t ctx = GeosContext();
  std::vector<GEOSGeometry*> made;
  for (const auto& xy : rings) {
    GEOSGeometry* ring = MakeRing(ctx, xy);
    if (!ring) {
      for (GEOSGeometry* g : made) GEOSGeom_destroy_r(ctx, g);
      return Invalid("边界环无效：" + LastGeosError());
    }
    made.push_back(ring);
  }
  // createPolygon takes ownership of the rings (not of the holes array).
  GEOSGeometry* polygon = GEOSGeom_createPolygon_r(ctx, made[0], made.data() + 1,
                                                   static_cast<unsigned>(made.size() - 1));
  if (!polygon) return Invalid("边界无效：" + LastGeosError());
  return AdoptChecked(ctx, polygon);
}

nlohmann::json ToGeoJson(const Polygon& polygon) {
  GEOSContextHandle_t ctx = GeosContext();
  nlohmann::json rings = nlohmann::json::array();
  const GEOSGeometry* g = polygon.geos();
  if (g) {
    rings.push_back(RingToJson(ctx, GEOSGetExteriorRing_r(ctx, g), true));
    int holes = GEOSGetNumInteriorRings_r(ctx, g);
    for (int i = 0; i < holes; ++i)
      rings.push_back(RingToJson(ctx, GEOSGetInteriorRingN_r(ctx, g, i), false));
  }
  return {{"type", "Polygon"}, {"coordinates", std::move(rings)}};
}

double GeometryAreaSquareMetres(const GEOSGeometry* geometry) {
  GEOSContextHandle_t ctx = GeosContext();
  if (!geometry || GEOSisEmpty_r(ctx, geometry) != 0) return 0;
  double area_deg2 = 0;
  if (GEOSArea_r(ctx, geometry, &area_deg2) != 1 || area_deg2 <= 0) return 0;
  GeomGuard centroid{ctx, GEOSGetCentroid_r(ctx, geometry)};
  double lat = 0;
  if (!centroid.g || GEOSGeomGetY_r(ctx, centroid.g, &lat) != 1) return 0;
  // x = R·cos(φ0)·λ, y = R·φ: a linear map, so areas scale by R²·cos(φ0) (radians²).
  double k = kEarthRadiusM * kDegToRad;
  return area_deg2 * k * k * std::cos(lat * kDegToRad);
}

double AreaSquareMetres(const Polygon& polygon) { return GeometryAreaSquareMetres(polygon.geos()); }

bool Overlaps(const Polygon& a, const Polygon& b) {
  GEOSContextHandle_t ctx = GeosContext();
  if (a.empty() || b.empty() || GEOSIntersects_r(ctx, a.geos(), b.geos()) != 1) return false;
  GeomGuard common{ctx, RobustOverlay(ctx, a.geos(), b.geos(), true)};
  if (!common.g) return GEOSRelatePattern_r(ctx, a.geos(), b.geos(), "2********") == 1;
  return GeometryAreaSquareMetres(common.g) >= kAreaToleranceM2;
}

bool Within(const Polygon& inner, const Polygon& outer) {
  GEOSContextHandle_t ctx = GeosContext();
  if (inner.empty() || outer.empty()) return false;
  GeomGuard outside{ctx, RobustOverlay(ctx, inner.geos(), outer.geos(), false)};
  if (!outside.g) return GEOSCovers_r(ctx, outer.geos(), inner.geos()) == 1;
  return GeometryAreaSquareMetres(outside.g) < kAreaToleranceM2;
}

std::string ToWkb(const Polygon& polygon) {
  GEOSContextHandle_t ctx = GeosContext();
  if (polygon.empty()) return {};
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx);
  GEOSWKBWriter_setOutputDimension_r(ctx, writer, 2);
  GEOSWKBWriter_setByteOrder_r(ctx, writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setIncludeSRID_r(ctx, writer, 0);
  size_t size = 0;
  unsigned char* hex = GEOSWKBWriter_writeHEX_r(ctx, writer, polygon.geos(), &size);
  std::string out = hex ? std::string(reinterpret_cast<const char*>(hex), size) : std::string();
  if (hex) GEOSFree_r(ctx, hex);
  GEOSWKBWriter_destroy_r(ctx, writer);
  return out;
}

Result<Polygon> FromWkb(std::string_view hex) {
  GEOSContextHandle_t ctx = GeosContext();
  GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
  GEOSGeometry* g = GEOSWKBReader_readHEX_r(
      ctx, reader, reinterpret_cast<const unsigned char*>(hex.data()), hex.size());
  GEOSWKBReader_destroy_r(ctx, reader);
  if (!g) return Invalid("存储的边界数据无法解析");
  return AdoptChecked(ctx, g);
}

Point Centroid(const Polygon& polygon) {
  GEOSContextHandle_t ctx = GeosContext();
  Point p;
  if (polygon.empty()) return p;
  GeomGuard c{ctx, GEOSGetCentroid_r(ctx, polygon.geos())};
  if (c.g) {
    GEOSGeomGetX_r(ctx, c.g, &p.lng);
    GEOSGeomGetY_r(ctx, c.g, &p.lat);
  }
  return p;
}

Bounds GetBounds(const Polygon& polygon) {
  GEOSContextHandle_t ctx = GeosContext();
  Bounds b;
  if (polygon.empty()) return b;
  GEOSGeom_getXMin_r(ctx, polygon.geos(), &b.min_lng);
  GEOSGeom_getYMin_r(ctx, polygon.geos(), &b.min_lat);
  GEOSGeom_getXMax_r(ctx, polygon.geos(), &b.max_lng);
  GEOSGeom_getYMax_r(ctx, polygon.geos(), &b.max_lat);
  return b;
}

}  // namespace jiceng::core::geo
