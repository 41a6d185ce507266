// What other modules may use of the cases module (the only header they may include).
#pragma once
#include <memory>

#include "core/app/module.hpp"
#include "modules/org/api.hpp"

namespace jiceng::cases {

// The module object for main.cpp; it locates cases through org's api.
std::unique_ptr<core::app::Module> MakeCasesModule(const org::OrgApi& org);

}  // namespace jiceng::cases
