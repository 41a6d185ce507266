// Demo data of the autonomy module in the demo village 枫源村: a year of decisions (some stopped
// at their quorum or vote), a disclosure schedule with every period published but one overdue
// finance month. Milliseconds of work; skipped when the village already has decisions.
#pragma once
#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

struct DemoCounts {
  int decisions = 0;
  int stopped = 0;
  int disclosures = 0;
  int overdue = 0;
};

core::Result<DemoCounts> SeedDemoAutonomy(AutonomyContext& ctx, const std::string& village);

}  // namespace jiceng::autonomy
