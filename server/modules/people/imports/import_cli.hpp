// `jiceng import residents FILE --db PATH [--mode ...] [--org GRID_PREFIX]`: the same import as
// the API, run in the terminal as the system actor with a progress bar on stderr.
#pragma once
#include <functional>
#include <vector>

#include "core/app/module.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

// ctx gives the module's context once it started (the command runs after Start()).
std::vector<core::app::ModuleCommand> AddImportCommands(CLI::App& cli,
                                                        std::function<PeopleContext&()> ctx);

}  // namespace jiceng::people
