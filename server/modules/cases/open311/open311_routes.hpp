// Open311 GeoReport v2 over HTTP (contract: docs/open311.md), all public routes:
//   GET  /open311/discovery.{xml,json}
//   GET  /open311/v2/services.{xml,json}           GET /open311/v2/services/{code}.{xml,json}
//   POST /open311/v2/requests.{xml,json} (api_key)  GET /open311/v2/requests.{xml,json}
//   GET  /open311/v2/requests/{id}.{xml,json}      GET /open311/v2/tokens/{token}.{xml,json}
// Answers and errors come in the format of the extension, errors as the spec's array.
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

void RegisterOpen311Routes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
