#include "modules/cases/intake/duplicate_store.hpp"

#include <algorithm>
#include <cmath>

namespace jiceng::cases {

core::Result<std::vector<DuplicateCandidate>> DuplicateStore::Candidates(
    const core::auth::Scope& scope, const Case& c, std::int64_t since, const DuplicateRule& rule) {
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
    if (c.address.empty()) return std::vector<DuplicateCandidate>();
    sql += " AND lng IS NULL AND org_code = $4 AND address = $5";
    params.insert(params.end(), {c.org_code, c.address});
  }
  sql += " AND " + scope.Sql("org_code", params);
  // Bounded: beyond 500 candidates the oldest are not compared (a suggestion, not a guarantee).
  sql += " ORDER BY created_at DESC LIMIT 500";
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<DuplicateCandidate> candidates;
  candidates.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    DuplicateCandidate d{r.Int(0), std::nullopt, std::nullopt, r.Text(3), r.Text(4)};
    if (!r.IsNull(1) && !r.IsNull(2)) d.lng = r.Real(1), d.lat = r.Real(2);
    candidates.push_back(std::move(d));
  }
  return candidates;
}

}  // namespace jiceng::cases
