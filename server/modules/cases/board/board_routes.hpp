// HTTP: the command board of an org node, as a snapshot and as a live stream of server-sent
// events (docs/api-cases.md, "Command board").
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterBoardRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
