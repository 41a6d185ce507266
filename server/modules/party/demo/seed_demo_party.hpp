// Party organizations of the demo county: a branch for each village of 枫桥镇 whose committee
// term (elected December 2021) ends this month, with members picked from the demo residents and
// their household links. Seconds, not minutes: a few dozen rows per village.
#pragma once
#include "core/app/module.hpp"
#include "modules/party/party_context.hpp"

namespace jiceng::party {

core::Result<void> SeedDemoParty(PartyContext& ctx, const core::app::DemoOptions& options);

}  // namespace jiceng::party
