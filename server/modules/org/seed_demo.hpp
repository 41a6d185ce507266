#pragma once
#include "core/app/module.hpp"
#include "modules/org/grid_locator.hpp"

namespace jiceng::org {

// The demo county 浙江省诸暨市 (330681): real divisions, generated village boundaries and grids,
// departments, and the demo accounts (docs/demo.md).
core::Result<void> SeedDemoCounty(core::app::AppContext& ctx,
                                  const core::app::DemoOptions& options);

inline constexpr const char* kDemoCounty = "330681";
inline constexpr const char* kDemoTownship = "330681109";    // 枫桥镇
inline constexpr const char* kDemoVillage = "330681109290";  // 枫源村

}  // namespace jiceng::org
