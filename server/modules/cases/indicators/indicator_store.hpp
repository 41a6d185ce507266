// SQL of the indicator counters (cases_indicator_counts).
#pragma once
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/db/database.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/indicators/indicators.hpp"

namespace jiceng::cases {

// The units a case counts under: every org node on its grid's path (2, 4, 6, 9, 12 and 15
// digits) and its handling department, if any.
std::vector<std::string> UnitsOf(const Case& c);

// Where counter changes go: straight to the table (IndicatorStore), or summed in memory for a
// bulk load (IndicatorBuffer, the demo seed).
class IndicatorSink {
 public:
  virtual ~IndicatorSink() = default;
  // Adds deltas (column -> delta) to the rows of every unit × {category, '*'} for `day`.
  virtual core::Result<void> Add(const std::vector<std::string>& units, const std::string& category,
                                 const std::string& day,
                                 const std::map<std::string, std::int64_t>& deltas) = 0;
};

class IndicatorStore final : public IndicatorSink {
 public:
  explicit IndicatorStore(core::db::Session& s) : s_(s) {}
  core::Result<void> Add(const std::vector<std::string>& units, const std::string& category,
                         const std::string& day,
                         const std::map<std::string, std::int64_t>& deltas) override;
  // One row, no '*' twin (IndicatorBuffer::Flush has summed both already).
  core::Result<void> AddOne(const std::string& unit, const std::string& category,
                            const std::string& day,
                            const std::map<std::string, std::int64_t>& deltas);
  // Sums over days [from, to] (YYYY-MM-DD) for one unit and category ('*' = all).
  core::Result<IndicatorCounts> Sum(const std::string& unit, const std::string& category,
                                    const std::string& from, const std::string& to);

 private:
  core::db::Session& s_;
};

class IndicatorBuffer final : public IndicatorSink {
 public:
  core::Result<void> Add(const std::vector<std::string>& units, const std::string& category,
                         const std::string& day,
                         const std::map<std::string, std::int64_t>& deltas) override;
  // Writes every summed row (one upsert each) and empties the buffer.
  core::Result<void> Flush(core::db::Session& s);

 private:
  std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, std::int64_t>>
      rows_;
};

}  // namespace jiceng::cases
