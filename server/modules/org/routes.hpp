#pragma once
#include "core/http/router.hpp"
#include "modules/org/grid_use_cases.hpp"

namespace jiceng::org {

// HTTP binding of the org module: parse -> authorise (router) -> use case or store -> JSON.
void RegisterOrgRoutes(core::http::Router& router, GridDeps& deps);

}  // namespace jiceng::org
