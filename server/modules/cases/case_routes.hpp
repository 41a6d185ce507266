// HTTP: staff intake, case lists and detail with the timeline, and workflow actions
// (contract: docs/api-cases.md).
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterCaseRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
