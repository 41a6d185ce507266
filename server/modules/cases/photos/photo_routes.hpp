// HTTP: photos of cases (contract: docs/api-cases.md "Photos"). Staff add and read them through
// a case in their scope; the reporting resident adds them with the upload token of their report.
#pragma once
#include "core/http/router.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/photos/photo_store.hpp"

namespace jiceng::cases {

// Files go to ctx.photo_dir (PhotoDir(config), set at start).
void RegisterPhotoRoutes(core::http::Router& router, CasesContext& ctx);

}  // namespace jiceng::cases
