#include "core/geo/geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace jiceng::core::geo {
namespace {

using nlohmann::json;

// A lng/lat rectangle as GeoJSON (counter-clockwise, closed).
json Rect(double x0, double y0, double x1, double y1) {
  return {{"type", "Polygon"},
          {"coordinates", {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}};
}

Polygon MustParse(const json& geometry) {
  auto parsed = ParseGeoJsonPolygon(geometry);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().code);
  return std::move(parsed).value();
}

TEST(GeoGeometry, ParsesValidSquare) {
  auto parsed = ParseGeoJsonPolygon(Rect(120.0, 30.0, 120.01, 30.01));
  ASSERT_TRUE(parsed.ok());
  Bounds b = GetBounds(*parsed);
  EXPECT_DOUBLE_EQ(b.min_lng, 120.0);
  EXPECT_DOUBLE_EQ(b.max_lat, 30.01);
  Point c = Centroid(*parsed);
  EXPECT_NEAR(c.lng, 120.005, 1e-9);
  EXPECT_NEAR(c.lat, 30.005, 1e-9);
}

TEST(GeoGeometry, AcceptsHole) {
  json g = Rect(0, 0, 1, 1);
  g["coordinates"].push_back({{0.2, 0.2}, {0.2, 0.8}, {0.8, 0.8}, {0.8, 0.2}, {0.2, 0.2}});
  auto parsed = ParseGeoJsonPolygon(g);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(ToGeoJson(*parsed)["coordinates"].size(), 2u);
}

// Found by the geojson fuzz target: a number (or any non-string) as the type threw instead of
// being refused.
TEST(GeoGeometry, RejectsATypeThatIsNotAString) {
  for (json type : {json(29.333333333), json(nullptr), json::array({"Polygon"})}) {
    json g = Rect(0, 0, 1, 1);
    g["type"] = type;
    auto parsed = ParseGeoJsonPolygon(g);
    ASSERT_FALSE(parsed.ok()) << g.dump();
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
  }
}

TEST(GeoGeometry, RejectsBowtieAsSelfIntersection) {
  json bowtie = {
      {"type", "Polygon"},
      {"coordinates",
       {{{120.0, 30.0}, {120.01, 30.01}, {120.01, 30.0}, {120.0, 30.01}, {120.0, 30.0}}}}};
  auto parsed = ParseGeoJsonPolygon(bowtie);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "org.grid.self_intersection");
  EXPECT_EQ(parsed.error().field, "geometry");
  EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(parsed.error().detail, "120.0050000,30.0050000");  // where the edges cross
  EXPECT_FALSE(parsed.error().message.empty());
}

TEST(GeoGeometry, RejectsUnclosedRing) {
  json open = {{"type", "Polygon"},
               {"coordinates", {{{120.0, 30.0}, {120.01, 30.0}, {120.01, 30.01}, {120.0, 30.01}}}}};
  auto parsed = ParseGeoJsonPolygon(open);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "org.grid.geometry_invalid");
  EXPECT_EQ(parsed.error().field, "geometry");
}

TEST(GeoGeometry, RejectsMalformedInputWithGeometryInvalid) {
  const json cases[] = {
      json{{"type", "Point"}, {"coordinates", {120.0, 30.0}}},
      json{{"type", "MultiPolygon"},
           {"coordinates", json::array({Rect(0, 0, 1, 1)["coordinates"]})}},
      json{{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {0, 0}}}}},  // 3 positions
      json{{"type", "Polygon"}, {"coordinates", json::array()}},
      json{{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {"a", 1}, {0, 0}}}}},
      Rect(179.5, 10, 180.5, 11),  // longitude out of range
      Rect(10, 89.5, 11, 90.5),    // latitude out of range
      json{{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {1, 0}, {0, 0}}}}},  // 2 points
      json("not an object"),
  };
  for (const json& g : cases) {
    auto parsed = ParseGeoJsonPolygon(g);
    ASSERT_FALSE(parsed.ok()) << g.dump();
    EXPECT_EQ(parsed.error().code, "org.grid.geometry_invalid") << g.dump();
  }
}

TEST(GeoGeometry, RejectsHoleOutsideShell) {
  json g = Rect(0, 0, 1, 1);
  g["coordinates"].push_back({{2, 2}, {2, 3}, {3, 3}, {3, 2}, {2, 2}});
  auto parsed = ParseGeoJsonPolygon(g);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "org.grid.geometry_invalid");
}

TEST(GeoGeometry, AreaOfSmallSquareAt30North) {
  // 0.01° × 0.01° at 30°N ≈ 1.113 km (north-south) × 0.964 km (east-west).
  Polygon square = MustParse(Rect(120.0, 29.995, 120.01, 30.005));
  double expected = 1113.0 * 964.0;
  EXPECT_NEAR(AreaSquareMetres(square), expected, expected * 0.005);
}

TEST(GeoGeometry, OverlapVersusSharedEdge) {
  Polygon a = MustParse(Rect(120.0, 30.0, 120.01, 30.01));
  Polygon touching = MustParse(Rect(120.01, 30.0, 120.02, 30.01));
  Polygon overlapping = MustParse(Rect(120.005, 30.0, 120.015, 30.01));
  Polygon far = MustParse(Rect(121.0, 31.0, 121.01, 31.01));
  EXPECT_FALSE(Overlaps(a, touching));
  EXPECT_TRUE(Overlaps(a, overlapping));
  EXPECT_FALSE(Overlaps(a, far));
  // Shared edge with noise: 1e-9° (~0.1 mm) of overlap along 1.1 km is ~0.1 m².
  Polygon noisy = MustParse(Rect(120.01 - 1e-9, 30.0, 120.02, 30.01));
  EXPECT_FALSE(Overlaps(a, noisy));
  // 1e-5° (~1 m) over 1.1 km is ~1,000 m²: a real overlap.
  Polygon real = MustParse(Rect(120.01 - 1e-5, 30.0, 120.02, 30.01));
  EXPECT_TRUE(Overlaps(a, real));
}

TEST(GeoGeometry, WithinWithTolerance) {
  Polygon outer = MustParse(Rect(120.0, 30.0, 120.01, 30.01));
  Polygon inner = MustParse(Rect(120.002, 30.002, 120.008, 30.008));
  Polygon same_edge = MustParse(Rect(120.0, 30.0, 120.005, 30.01));
  Polygon poking_noise = MustParse(Rect(120.0 - 1e-9, 30.0, 120.005, 30.01));
  Polygon poking_out = MustParse(Rect(120.0 - 1e-4, 30.0, 120.005, 30.01));
  EXPECT_TRUE(Within(inner, outer));
  EXPECT_TRUE(Within(same_edge, outer));
  EXPECT_TRUE(Within(poking_noise, outer));
  EXPECT_FALSE(Within(poking_out, outer));
  EXPECT_FALSE(Within(outer, inner));
}

TEST(GeoGeometry, GeoJsonRoundTripRoundsAndOrients) {
  // Clockwise input with more than 7 decimals.
  json cw = {{"type", "Polygon"},
             {"coordinates",
              {{{120.123456789, 30.0},
                {120.123456789, 30.01},
                {120.13, 30.01},
                {120.13, 30.0},
                {120.123456789, 30.0}}}}};
  Polygon p = MustParse(cw);
  json out = ToGeoJson(p);
  EXPECT_EQ(out["type"], "Polygon");
  const json& ring = out["coordinates"][0];
  ASSERT_EQ(ring.size(), 5u);
  EXPECT_DOUBLE_EQ(ring[0][0].get<double>(), 120.1234568);
  // Exterior ring comes back counter-clockwise (RFC 7946): positive shoelace sum.
  double sum = 0;
  for (size_t i = 0; i + 1 < ring.size(); ++i) {
    sum += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
           ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  }
  EXPECT_GT(sum, 0);
  EXPECT_TRUE(ParseGeoJsonPolygon(out).ok());
}

TEST(GeoGeometry, WkbRoundTripIsHex) {
  Polygon p = MustParse(Rect(120.0, 30.0, 120.01, 30.01));
  std::string hex = ToWkb(p);
  ASSERT_FALSE(hex.empty());
  EXPECT_EQ(hex.substr(0, 10), "0103000000");  // NDR, type 3 = Polygon
  auto back = FromWkb(hex);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ToGeoJson(*back), ToGeoJson(p));

  EXPECT_EQ(FromWkb("zz").error().code, "org.grid.geometry_invalid");
  EXPECT_EQ(FromWkb("0101000000000000000000F03F0000000000000040").error().code,  // a Point
            "org.grid.geometry_invalid");
}

TEST(GeoGeometry, MoveAndCloneOwnership) {
  Polygon a = MustParse(Rect(0, 0, 1, 1));
  Polygon b = a.Clone();
  Polygon c = std::move(a);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  EXPECT_FALSE(c.empty());
  c = std::move(b);
  EXPECT_NEAR(AreaSquareMetres(c), AreaSquareMetres(c.Clone()), 1e-6);
}

TEST(GeoGeometry, RingsAndVerticesAreCapped) {
  // A circle of n positions (closed), about 1 km across.
  auto circle = [](std::size_t n, double cx) {
    json ring = json::array();
    for (std::size_t i = 0; i + 1 < n; ++i) {
      double a = 2 * 3.14159265358979 * static_cast<double>(i) / static_cast<double>(n - 1);
      ring.push_back({cx + 0.005 * std::cos(a), 30.0 + 0.005 * std::sin(a)});
    }
    ring.push_back(ring[0]);
    return ring;
  };
  json ok = {{"type", "Polygon"}, {"coordinates", json::array({circle(kMaxRingVertices, 120)})}};
  EXPECT_TRUE(ParseGeoJsonPolygon(ok).ok());
  json big = {{"type", "Polygon"},
              {"coordinates", json::array({circle(kMaxRingVertices + 1, 120)})}};
  auto refused = ParseGeoJsonPolygon(big);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "org.grid.geometry_too_large");
  EXPECT_EQ(refused.error().field, "geometry");
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalid);

  json holes = Rect(0, 0, 1, 1);
  for (std::size_t i = 0; i < kMaxRings; ++i) holes["coordinates"].push_back(circle(4, 0.5));
  auto too_many = ParseGeoJsonPolygon(holes);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, "org.grid.geometry_too_large");
}

}  // namespace
}  // namespace jiceng::core::geo
