#pragma once
#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace jiceng::core::db {

// SQLite in WAL mode: a pool of read connections and one writer thread that groups concurrent
// write requests into one transaction (group commit), answering each only after its commit.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options);

// Rewrites $1..$n placeholders to SQLite's ?1..?n, leaving string literals alone.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace jiceng::core::db
