// The one storage interface. Two drivers implement it: SQLite (embedded default) and
// PostgreSQL (libpq). SQL is written once with $1..$n placeholders.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/db/value.hpp"
#include "core/result.hpp"

namespace jiceng::core::db {

enum class Dialect { kSqlite, kPostgres };

// A connection usable for a sequence of statements: a read snapshot or a write transaction.
class Session {
 public:
  virtual ~Session() = default;
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Executes a statement; returns rows affected.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
};

struct DatabaseStats {
  std::int64_t write_queue_depth = 0;  // write requests waiting for the group-commit writer
  std::int64_t write_batches = 0;      // transactions committed by the writer
  std::int64_t write_requests = 0;     // write requests served
  std::int64_t read_connections = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  // Runs fn on a read connection (one consistent snapshot for its duration).
  virtual Result<void> Read(const std::function<Result<void>(Session&)>& fn) = 0;
  // Runs fn inside a write transaction. The call returns only after the commit is durable.
  // If fn returns an error its effects are rolled back and nothing else is affected.
  virtual Result<void> Write(const std::function<Result<void>(Session&)>& fn) = 0;
  // Writes that must not share a transaction with others (bulk loads, migrations).
  virtual Result<void> WriteExclusive(const std::function<Result<void>(Session&)>& fn) {
    return Write(fn);
  }
  virtual Dialect dialect() const = 0;
  virtual DatabaseStats stats() const = 0;
  // Online, consistent copy of the database to a file (SQLite) while it is being served.
  virtual Result<void> Backup(const std::string& to_path) = 0;
  virtual void Close() = 0;

  // Convenience: one query on a read connection.
  Result<Rows> Query(std::string_view sql, const Params& params = {});
};

struct OpenOptions {
  int read_connections = 4;
  int busy_timeout_ms = 5000;
  int max_batch = 256;  // most write requests grouped into one transaction
};

// Opens "path/to/file.db" (SQLite) or "postgresql://..." (PostgreSQL).
Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options = {});

// Driver errors: a unique or foreign-key violation becomes ErrorKind::kConflict with code
// "db.conflict" (stores translate it to their own code); everything else "db.error".

// Rewrites the portable type markers in migration SQL for a dialect:
//   {{id}}    auto-increment integer primary key
//   {{blob}}  binary column
std::string RewriteTypes(std::string_view sql, Dialect dialect);

}  // namespace jiceng::core::db
