// HTTP: case indicators for an org subtree or a department × period × category.
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterIndicatorRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
