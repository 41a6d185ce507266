// Resident imports from xlsx/csv: template, dry run, commit all-or-nothing or valid rows only.
#pragma once
#include <memory>

#include "core/http/router.hpp"
#include "modules/people/imports/import_job.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

// Returns the job queue the routes feed; the module stops it before the database closes.
std::shared_ptr<ImportQueue> RegisterImportRoutes(core::http::Router& router, PeopleContext& ctx);

}  // namespace jiceng::people
