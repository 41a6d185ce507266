// Numbered migrations per module, applied at start, recorded in core_migrations.
#pragma once
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace jiceng::core::db {

struct Migration {
  std::string module;  // "core", "org", ...
  int number = 0;      // 1, 2, ... from the file name NNNN_name.sql
  std::string name;
  std::string dialect;  // "" for both, "sqlite" or "pg" for files named NNNN_name.<dialect>.sql
  std::string sql;      // may use {{id}} and {{blob}} markers (see RewriteTypes)
};

// Applies every migration not yet recorded, in (module order, number) order, in one transaction.
Result<void> Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace jiceng::core::db

namespace jiceng::core::db {
// Every migrations/NNNN_*.sql file of the source tree, embedded at build time.
// Module names: "org", "people", ... for modules; "core.auth", "core.audit" for core parts.
const std::vector<Migration>& EmbeddedMigrations();
// The embedded migrations of one module.
std::vector<Migration> MigrationsOf(const std::string& module);
}  // namespace jiceng::core::db
