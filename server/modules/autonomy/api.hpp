// What other modules may use of the autonomy module (the only header they may include).
#pragma once
#include <memory>

#include "core/app/module.hpp"
#include "modules/org/api.hpp"

namespace jiceng::autonomy {

// The module object for main.cpp; it reads the org tree through org's api.
std::unique_ptr<core::app::Module> MakeAutonomyModule(const org::OrgApi& org);

}  // namespace jiceng::autonomy
