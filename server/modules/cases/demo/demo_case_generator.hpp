// Draws demo cases: one generator for `jiceng demo --cases N` (seed_demo_cases.cpp) and the
// cases benchmarks' bulk loader (bench/cases_bench_seed.hpp), so both hold the same county.
//
// Each case is reported at a time spread evenly over the year before now, then walked through
// the real state machine (NextStatus), the real deadline effects (MoveDeadlines) and the real
// indicator rules (CountReport, CountAction) at the pace a working county keeps; the walk stops
// at now. So old cases are finished, open ones are mostly recent, most close within their
// deadline and a few run late: the board shows a county at work.
#pragma once
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "core/result.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/org/api.hpp"

namespace jiceng::cases {

struct DemoCaseOptions {
  std::int64_t count = 0;  // cases over the 365 days before now_ms
  std::int64_t now_ms = 0;
  std::uint64_t seed = 20261126;
  std::string tracking_prefix = "DEMO";  // tracking codes prefix + (100000 + index)
  // Share of dispatched cases whose department finishes after the handling deadline.
  double late_share = 0.05;
};

// What the cases are drawn over: the county's grids and departments, the catalogue, the calendar.
struct DemoCaseWorld {
  std::vector<std::string> grids;
  std::vector<org::OrgNode> departments;
  std::vector<Category> categories;  // active ones
  std::shared_ptr<const core::time::WorkCalendar> calendar;
};

core::Result<DemoCaseWorld> LoadDemoCaseWorld(
    const org::OrgApi& org, core::db::Database& db, const std::string& county,
    std::shared_ptr<const core::time::WorkCalendar> calendar);

struct DemoCase {
  Case c;                         // as it stands at now (id 0)
  std::vector<CaseEvent> events;  // its timeline from the report on (case_id 0)
};

class DemoCaseGenerator {
 public:
  DemoCaseGenerator(DemoCaseWorld world, DemoCaseOptions options);

  // The next of the options' count cases, in report order; its counter deltas go to `sink`.
  core::Result<DemoCase> Next(IndicatorSink& sink);

 private:
  class Walk;
  core::Result<void> Run(Walk& walk, const Category& category, DemoCase& out);
  const org::OrgNode& DepartmentFor(const Category& category) const;
  bool Chance(double p);
  std::int64_t Between(std::int64_t lo, std::int64_t hi);

  DemoCaseWorld world_;
  DemoCaseOptions options_;
  std::mt19937_64 rng_;
  std::discrete_distribution<std::size_t> pick_category_;
  std::int64_t index_ = 0;
};

}  // namespace jiceng::cases
