// Demo villagers' committees of the villages of the demo township, drawn from each village's
// branch committee (party's api): in most villages the branch secretary is also the director
// (一肩挑) and the organization member sits on both committees (交叉任职); in every third village
// the director is another member, so the county overview shows both kinds.
#pragma once
#include <string>

#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

// Returns the number of villages given a committee; villages that have one are left alone.
core::Result<int> SeedDemoTwoCommittees(AutonomyContext& ctx, const std::string& township);

}  // namespace jiceng::autonomy
