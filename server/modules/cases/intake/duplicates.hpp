// Duplicate detection at intake: the same problem reported twice (a broken street light seen by
// a grid worker and phoned in by two residents) should be handled once. A new case is compared
// with open cases of its category reported recently nearby; the nearest becomes a suggestion the
// dispatcher can merge (the merge action) or ignore. Nothing is merged automatically.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/cases/case.hpp"

namespace jiceng::cases {

struct DuplicateRule {
  int distance_m = 50;
  int window_hours = 72;
};

struct DuplicateCandidate {
  std::int64_t id = 0;
  std::optional<double> lng;
  std::optional<double> lat;
  std::string org_code;
  std::string address;
};

// Great-circle distance in metres (haversine; exact enough at these distances).
double DistanceMetres(double lng1, double lat1, double lng2, double lat2);

// The nearest candidate within the rule: by distance when both have a point; without points,
// a case in the same grid with the same non-empty address. nullopt when none qualifies.
std::optional<std::int64_t> NearestDuplicate(const Case& c,
                                             const std::vector<DuplicateCandidate>& candidates,
                                             const DuplicateRule& rule);

// Reads open, unmerged cases of c's category created within the window before c.created_at
// and returns the nearest duplicate. Intake runs it in a read before its write transaction: two
// reports racing each other may miss each other, which a suggestion can afford, and the single
// writer is not held while the candidates are read.
core::Result<std::optional<std::int64_t>> FindLikelyDuplicate(core::db::Session& s, const Case& c,
                                                              const DuplicateRule& rule);

}  // namespace jiceng::cases
