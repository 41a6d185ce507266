#pragma once
#include "core/http/router.hpp"
#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

void RegisterDecisionRoutes(core::http::Router& router, AutonomyContext& ctx);

}  // namespace jiceng::autonomy
