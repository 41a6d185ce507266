// JSON shapes of the org API (docs/api.md).
#pragma once
#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "modules/org/org.hpp"

namespace jiceng::org {

nlohmann::json NodeJson(const OrgNode& node);
nlohmann::json GridFeature(const Grid& grid);
core::Result<GridInput> GridInputFromJson(const nlohmann::json& body);

}  // namespace jiceng::org
