#pragma once
#include "core/http/router.hpp"
#include "modules/autonomy/autonomy_context.hpp"

namespace jiceng::autonomy {

// The two committees (村"两委"): per village and a township's or county's overview.
void RegisterTwoCommitteesRoutes(core::http::Router& router, AutonomyContext& ctx);

}  // namespace jiceng::autonomy
