// Synthetic people for the demo county: realistic names and ages, valid ID numbers with local
// address codes, houses and households inside the grids, tags at plausible rates.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "modules/people/demo/demo_people_generator.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

// Spreads options.residents generated residents over every grid of the demo county 330681
// (after the org module seeded it). 0 residents: nothing.
core::Result<void> SeedDemoPeople(PeopleContext& ctx, const core::app::DemoOptions& options);

struct DemoPeopleCounts {
  std::int64_t residents = 0;
  std::int64_t households = 0;
  std::int64_t houses = 0;
  std::int64_t tags = 0;
};

// Generates and writes `residents` people over grids in large exclusive transactions (the
// ResidentStore computes their ciphertexts and search terms). Shared by the seed and the search
// benchmark. progress: prints "people: done/total" to stderr every batch.
core::Result<DemoPeopleCounts> WriteDemoPeople(core::db::Database& db, const Privacy& privacy,
                                               std::vector<DemoGrid> grids, std::int64_t residents,
                                               const std::string& today, std::int64_t now_ms,
                                               bool progress, std::uint64_t seed = 20261126);

}  // namespace jiceng::people
