#pragma once
#include "core/http/router.hpp"
#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

// GET /api/v1/public/villages/{code}/board: no account, rate-limited.
void RegisterBoardRoutes(core::http::Router& router, AutonomyContext& ctx);

}  // namespace jiceng::autonomy
