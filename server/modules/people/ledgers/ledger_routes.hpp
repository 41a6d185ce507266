// Department ledgers (台账): definitions as data, rows computed live from the base records.
#pragma once
#include "core/http/router.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

void RegisterLedgerRoutes(core::http::Router& router, PeopleContext& ctx);

}  // namespace jiceng::people
