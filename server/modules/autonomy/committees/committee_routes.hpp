#pragma once
#include "core/http/router.hpp"
#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

void RegisterCommitteeRoutes(core::http::Router& router, AutonomyContext& ctx);

}  // namespace jiceng::autonomy
