// Wires core services, modules and the HTTP server together. Used by `jiceng serve`, the other
// CLI commands (without the server) and the API tests.
#pragma once
#include <memory>
#include <string>

#include "core/app/module.hpp"
#include "core/db/migrator.hpp"
#include "core/http/server.hpp"

namespace jiceng::core::app {

class Application {
 public:
  Application(Config config, ModuleList modules, std::unique_ptr<time::Clock> clock = nullptr);
  ~Application();

  // Opens (creating if needed) and migrates the database, then starts core services and modules.
  Result<void> Open();
  // Registers every route and starts listening (config.server.port; 0 = a free port).
  Result<void> Serve();
  void Wait(bool handle_signals);
  // Graceful: the server drains in-flight requests, then the database closes cleanly.
  void Stop();

  int port() const;
  const Config& config() const { return config_; }
  db::Database& db() { return *db_; }
  audit::AuditLog& audit() { return *audit_; }
  auth::AuthService& auth() { return *auth_; }
  AppContext& context() { return *context_; }
  const time::Clock& clock() const { return *clock_; }
  ModuleList& modules() { return modules_; }
  Module* module(const std::string& name);
  const http::Router& router() const { return router_; }

 private:
  void AddCoreRoutes();
  Config config_;
  ModuleList modules_;
  std::unique_ptr<time::Clock> clock_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<AppContext> context_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  bool stopped_ = false;
};

// The migrations of core parts and of the given modules, in dependency order.
std::vector<db::Migration> MigrationsFor(const ModuleList& modules);

}  // namespace jiceng::core::app
