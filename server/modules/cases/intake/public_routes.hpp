// Routes of the resident channel under /api/v1/public/: no login, rate-limited per client.
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterPublicCaseRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
