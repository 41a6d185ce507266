// PostgreSQL driver for the storage interface (libpq, no libpqxx).
#pragma once
#include <memory>
#include <string>

#include "core/db/database.hpp"
#include "core/result.hpp"

namespace jiceng::core::db {

// Opens a pool of libpq connections to `url` ("postgresql://user@host:port/db").
// All connections are made up front so a bad URL or an unreachable server fails here, at start,
// rather than on the first request.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const OpenOptions& options);

}  // namespace jiceng::core::db
