// The SQL of duplicate detection: the open, unmerged cases of a category reported recently near a
// new one (by a box around its point, or without a point by its grid and address).
#pragma once
#include <cstdint>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/intake/duplicates.hpp"

namespace jiceng::cases {

class DuplicateStore {
 public:
  explicit DuplicateStore(core::db::Session& s) : s_(s) {}

  // Candidates for c within scope, created from `since` to c.created_at, newest first, at most
  // 500. The box around c's point is rule.distance_m (+10 % for rounding) wide each way; without
  // a point, the cases without one in c's grid with c's address (none when c has no address).
  core::Result<std::vector<DuplicateCandidate>> Candidates(const core::auth::Scope& scope,
                                                           const Case& c, std::int64_t since,
                                                           const DuplicateRule& rule);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::cases
