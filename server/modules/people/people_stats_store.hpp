// The SQL of the counts for a grid worker's home screen and the dashboards: residents,
// households, houses, units and care-group members in a scope.
#pragma once
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::people {

struct PeopleStats {
  std::int64_t residents = 0;
  std::int64_t households = 0;
  std::int64_t houses = 0;
  std::int64_t rented_houses = 0;
  std::int64_t units = 0;
  std::int64_t care_members = 0;  // distinct residents with a tag of care_kinds applying today
};

core::Result<PeopleStats> CountPeople(core::db::Session& s, const core::auth::Scope& scope,
                                      const std::vector<std::string>& care_kinds,
                                      const std::string& today);

}  // namespace jiceng::people
