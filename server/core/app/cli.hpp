// The `jiceng` command line: serve, init, demo, user, audit, backup.
#pragma once
#include <functional>

#include "core/app/module.hpp"

namespace jiceng::core::app {

struct CliHooks {
  std::function<ModuleList()> make_modules;
  // Loads divisions (`jiceng init --divisions`): codes = county codes or {"all"}.
  std::function<Result<std::size_t>(AppContext&, const std::vector<std::string>& codes,
                                    const std::string& data_dir)>
      load_divisions;
};

int RunCli(int argc, char** argv, const CliHooks& hooks);

}  // namespace jiceng::core::app
