#include "modules/cases/intake/duplicates.hpp"

#include <algorithm>
#include <cmath>

#include "modules/cases/intake/duplicate_store.hpp"

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
  // The whole installation: the same street light seen from both sides of a grid border is one
  // problem, whoever reports it.
  JC_ASSIGN_OR_RETURN(auto candidates,
                      DuplicateStore(s).Candidates(core::auth::Scope::All(), c, since, rule));
  return NearestDuplicate(c, candidates, rule);
}

}  // namespace jiceng::cases
