#include "core/app/cli.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "core/app/application.hpp"
#include "core/app/cli_commands.hpp"

namespace jiceng::core::app {

namespace {

Result<Config> ConfigFor(const CliGlobals& globals) {
  JC_ASSIGN_OR_RETURN(Config config, LoadConfig(globals.config_file, CurrentEnvironment()));
  if (!globals.db.empty()) config.database.url = globals.db;
  return config;
}

// The command the parse chose, or null.
const CliCommand* Chosen(const std::vector<CliCommand>& commands) {
  for (const auto& c : commands) {
    if (c.command->parsed()) return &c;
  }
  return nullptr;
}

}  // namespace

int RunCli(int argc, char** argv, const CliHooks& hooks) {
  if (sodium_init() < 0) {
    std::cerr << "libsodium init failed\n";
    return 1;
  }
  CLI::App cli{"jiceng 基层治理平台 — grassroots governance platform"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", JICENG_VERSION);

  // The core's commands in the order --help lists them, then the modules' own (jiceng import
  // residents, ...): the modules are made before parsing so that they can add them.
  CliGlobals globals;
  std::vector<CliCommand> commands;
  commands.push_back(AddServeCommand(cli, globals));
  commands.push_back(AddInitCommand(cli, globals, hooks));
  commands.push_back(AddDemoCommand(cli, globals));
  for (auto& c : AddUserCommands(cli, globals)) commands.push_back(std::move(c));
  for (auto& c : AddAuditCommands(cli, globals)) commands.push_back(std::move(c));
  commands.push_back(AddBackupCommand(cli, globals));
  ModuleList modules = hooks.make_modules();
  for (auto& m : modules) {
    for (auto& c : m->AddCommands(cli))
      commands.push_back(AdoptModuleCommand(std::move(c), globals));
  }

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  auto config = ConfigFor(globals);
  if (!config.ok()) return PrintFailure(config.error());
  spdlog::set_level(spdlog::level::from_str(config->log_level));

  const CliCommand* chosen = Chosen(commands);
  if (chosen == nullptr) return 0;
  const std::string& url = config->database.url;
  if (chosen->needs_database && !IsPostgresUrl(url) && !std::filesystem::exists(url)) {
    return PrintFailure(DomainError::NotFound("db.not_found", "数据库文件不存在：" + url));
  }
  if (chosen->run_alone) return chosen->run_alone(*config);
  if (chosen->prepare) chosen->prepare(*config);

  Application app(*config, std::move(modules));
  if (auto r = app.Open(); !r.ok()) return PrintFailure(r.error());
  return chosen->run(app);
}

}  // namespace jiceng::core::app
