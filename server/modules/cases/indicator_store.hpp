// SQL of the indicator counters (cases_indicator_counts).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/indicators.hpp"

namespace jiceng::cases {

// The units a case counts under: every org node on its grid's path (2, 4, 6, 9, 12 and 15
// digits) and its handling department, if any.
std::vector<std::string> UnitsOf(const Case& c);

class IndicatorStore {
 public:
  explicit IndicatorStore(core::db::Session& s) : s_(s) {}
  // Adds deltas (column -> delta) to the rows of every unit × {category, '*'} for `day`.
  core::Result<void> Add(const std::vector<std::string>& units, const std::string& category, const std::string& day,
                         const std::map<std::string, std::int64_t>& deltas);
  // Sums over days [from, to] (YYYY-MM-DD) for one unit and category ('*' = all).
  core::Result<IndicatorCounts> Sum(const std::string& unit, const std::string& category, const std::string& from,
                                    const std::string& to);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::cases
