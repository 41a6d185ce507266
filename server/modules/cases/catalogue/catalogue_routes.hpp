// HTTP: the case catalogue and the working-day calendar (contract: docs/api-cases.md).
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterCatalogueRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
