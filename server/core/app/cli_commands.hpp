// The core's `jiceng` subcommands (serve, init, demo, user, audit, backup), one adder each, and
// the shape they share with the modules' commands. RunCli (cli.cpp) only assembles them, parses
// and runs the one chosen; each adder binds its options and says what its command does.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/app/cli.hpp"

namespace jiceng::core::app {

class Application;

// Options most commands take; one parse picks one command, so one copy serves them all.
struct CliGlobals {
  std::string db;  // empty: [database] url of the config (default var/jiceng.db)
  std::string config_file;
};

// One `jiceng` subcommand, run in up to three steps once the command line is parsed and the
// configuration loaded. A command sets run_alone or run.
struct CliCommand {
  CLI::App* command = nullptr;
  // Reads an existing database: refused when its SQLite file is missing, so that a mistyped path
  // does not create an empty database.
  bool needs_database = false;
  // A tool that works on the database alone, without opening the application (no migrations,
  // no modules). Returns the exit code.
  std::function<int(const Config&)> run_alone;
  // Before the application opens: settings given on the command line, files to remove first.
  std::function<void(Config&)> prepare;
  // Once the application opened. Returns the exit code.
  std::function<int(Application&)> run;
};

// Prints e on stderr the way every command reports a failure; returns the exit code 1.
int PrintFailure(const DomainError& e);
bool IsPostgresUrl(const std::string& url);
// A password that meets the policy: letters, digits and a symbol.
std::string GeneratePassword();
// --db with the given help text, and --config (an existing file), bound to globals.
void AddDatabaseOption(CLI::App& command, CliGlobals& globals, const char* help);
void AddConfigOption(CLI::App& command, CliGlobals& globals);

CliCommand AddServeCommand(CLI::App& cli, CliGlobals& globals);
CliCommand AddInitCommand(CLI::App& cli, CliGlobals& globals, const CliHooks& hooks);
CliCommand AddDemoCommand(CLI::App& cli, CliGlobals& globals);
// user add, user passwd, user lock, user list.
std::vector<CliCommand> AddUserCommands(CLI::App& cli, CliGlobals& globals);
// audit verify, audit anchor (cli_audit_commands.cpp).
std::vector<CliCommand> AddAuditCommands(CLI::App& cli, CliGlobals& globals);
CliCommand AddBackupCommand(CLI::App& cli, CliGlobals& globals);
// A module's command (see ModuleCommand): gets --db and --config, needs an existing database and
// runs once the application opened.
CliCommand AdoptModuleCommand(ModuleCommand module_command, CliGlobals& globals);

}  // namespace jiceng::core::app
