#include "modules/cases/intake/duplicates.hpp"

#include <algorithm>
#include <cmath>

namespace jiceng::cases {

double DistanceMetres(double lng1, double lat1, double lng2, double lat2) {
  constexpr double kEarthRadius = 6371008.8;
  constexpr double kRad = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kRad;
  double dlng = (lng2 - lng1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

std::optional<std::int64_t> NearestDuplicate(const Case& c,
                                             const std::vector<DuplicateCandidate>& candidates,
                                             const DuplicateRule& rule) {
  std::optional<std::int64_t> best;
  double best_distance = 0;
  for (const auto& other : candidates) {
    if (other.id == c.id) continue;
    if (c.lng && other.lng) {
      double d = DistanceMetres(*c.lng, *c.lat, *other.lng, *other.lat);
      if (d <= rule.distance_m && (!best || d < best_distance)) best = other.id, best_distance = d;
    } else if (!c.lng && !other.lng && !c.address.empty() && c.org_code == other.org_code &&
               c.address == other.address && !best) {
      best = other.id;  // candidates come newest first: the most recent report with that address
    }
  }
  return best;
}

core::Result<std::optional<std::int64_t>> FindLikelyDuplicate(core::db::Session& s, const Case& c,
                                                              const DuplicateRule& rule) {
  if (rule.window_hours <= 0) return std::optional<std::int64_t>();
  std::int64_t since = c.created_at - static_cast<std::int64_t>(rule.window_hours) * 3600000;
  std::string sql =
      "SELECT id, lng, lat, org_code, address FROM cases_cases WHERE category_code = $1 AND "
      "created_at >= $2 AND created_at <= $3 AND status NOT IN ('closed', 'rejected') AND "
      "duplicate_of IS NULL";
  core::db::Params params{c.category_code, since, c.created_at};
  if (c.lng && c.lat) {
    // Only the box around the point: the index (category_code, created_at, lat, lng) answers it
    // without reading the rows of the category's other places. 1.1 × the rule for rounding.
    constexpr double kMetresPerDegree = 111320.0;
    double dlat = rule.distance_m * 1.1 / kMetresPerDegree;
    double dlng = dlat / std::max(0.01, std::cos(*c.lat * M_PI / 180.0));
    sql += " AND lat BETWEEN $4 AND $5 AND lng BETWEEN $6 AND $7";
    params.insert(params.end(), {*c.lat - dlat, *c.lat + dlat, *c.lng - dlng, *c.lng + dlng});
  } else {
    if (c.address.empty()) return std::optional<std::int64_t>();
    sql += " AND lng IS NULL AND org_code = $4 AND address = $5";
    params.insert(params.end(), {c.org_code, c.address});
  }
  // Bounded: beyond 500 candidates the oldest are not compared (a suggestion, not a guarantee).
  sql += " ORDER BY created_at DESC LIMIT 500";
  JC_ASSIGN_OR_RETURN(auto rows, s.Query(sql, params));
  std::vector<DuplicateCandidate> candidates;
  candidates.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    DuplicateCandidate d{r.Int(0), std::nullopt, std::nullopt, r.Text(3), r.Text(4)};
    if (!r.IsNull(1) && !r.IsNull(2)) d.lng = r.Real(1), d.lat = r.Real(2);
    candidates.push_back(std::move(d));
  }
  return NearestDuplicate(c, candidates, rule);
}

}  // namespace jiceng::cases
