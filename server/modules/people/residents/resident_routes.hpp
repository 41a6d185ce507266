// Residents: list and search, register, read (masked or with a purpose), edit, history, tags,
// code tables and statistics.
#pragma once
#include "core/http/router.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

void RegisterResidentRoutes(core::http::Router& router, PeopleContext& ctx);

}  // namespace jiceng::people
