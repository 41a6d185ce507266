// `jiceng apikey add NAME [--org CODE]`, `jiceng apikey list`, `jiceng apikey revoke NAME`
// (each with --db/--config): Open311 API keys, managed in the terminal as the system actor.
// `add` prints the new key once, alone on the last line of stdout, for scripts to take.
#pragma once
#include <functional>
#include <vector>

#include "core/app/module.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

// ctx gives the module's context once it started (the commands run after Start()).
std::vector<core::app::ModuleCommand> AddApiKeyCommands(CLI::App& cli,
                                                        std::function<CasesContext&()> ctx);

}  // namespace jiceng::cases
