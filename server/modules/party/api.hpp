// What other modules may use of the party module (the only header they may include).
#pragma once
#include <memory>

#include "core/app/module.hpp"
#include "modules/org/api.hpp"

namespace jiceng::party {

// The module object for main.cpp; it reads org nodes through org's api and residents,
// households and visits through people's api.
std::unique_ptr<core::app::Module> MakePartyModule(const org::OrgApi& org);

}  // namespace jiceng::party
