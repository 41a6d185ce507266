// `jiceng demo --cases N`: a year of synthetic cases across the demo county, walked through the
// same workflow rules, deadlines and indicator counting as real ones.
#pragma once
#include <cstdint>

#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

struct DemoCasesCounts {
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t open = 0;
};

// N cases reported over the 365 days before now, most of them closed, the latest still open at
// every stage; timelines, deadlines and indicator counters included. Deterministic for a seed.
core::Result<DemoCasesCounts> SeedDemoCases(CasesContext& ctx, const std::string& county,
                                            std::int64_t n, bool progress,
                                            std::uint64_t seed = 20261126);

}  // namespace jiceng::cases
