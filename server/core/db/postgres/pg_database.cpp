// PostgreSQL driver (libpq).
//
// Pooling
//   Two fixed pools, both opened in OpenPostgres: options.read_connections for Read() and
//   kWriteConnections for Write()/WriteExclusive(). They are separate so that a Write fn that
//   calls Read() (or a burst of slow reads) can never take the connection a writer waits for.
//   A caller that finds its pool empty blocks on a condition variable; no connection is ever
//   created beyond the pool size. PostgreSQL itself orders concurrent writers with row locks,
//   so unlike SQLite there is no single writer and no group commit: each Write() is one
//   transaction (stats: write_batches == committed writes).
//   Read():  BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY ... COMMIT  (one snapshot)
//   Write(): BEGIN ... COMMIT (read committed); ROLLBACK if fn returns an error or throws.
//   A connection goes back to the pool only when it is idle (no open transaction); otherwise it
//   is rolled back or, failing that, reset, so one caller's mess never leaks into the next.
//
// A failed statement aborts the whole PostgreSQL transaction (SQLite only undoes the
// statement). So a fn that ignores a statement's error and returns success still gets that
// error from Write()/Read() and nothing is committed. Use INSERT ... ON CONFLICT for upserts.
// (Per-statement savepoints would hide this, but more than 64 subtransactions in one
// transaction degrade the whole server, so they are not used.)
//
// Type mapping
//   Parameters ($1..$n) are sent in text format with type left to the server (OID 0), except
//   Blob which is sent in binary format as bytea (OID 17) so zero bytes survive:
//     Null -> SQL NULL, int64 -> decimal, double -> "%.17g" (exact round trip), string -> text.
//   Results come in text format and are converted by column type:
//     int2/int4/int8 -> int64, float4/float8/numeric -> double, bool -> int64 0/1,
//     bytea -> Blob (decoded), NULL -> Null, everything else (text, dates, json, ...) -> string.
//   Row's accessors are lenient, so code written against SQLite reads the same values.
//
// Errors
//   SQLSTATE 23505/23503 -> kConflict "db.conflict", detail = constraint name.
//   SQLSTATE 55P03       -> kUnavailable "db.lock_timeout" (a lock not granted within the
//                           transaction's lock_timeout: try again later).
//   Anything else        -> kInternal "db.error", detail = server's primary message.
//   A lost connection is reset (PQreset) once and reported as db.error; later statements of
//   that fn fail too, because the transaction they belonged to is gone.
#include "core/db/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiceng::core::db {
namespace {

// Concurrent write transactions. Small: writers mostly wait on row locks and fsync, and every
// connection is a server process.
constexpr int kWriteConnections = 4;

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

DomainError DbError(std::string detail) {
  DomainError e = DomainError::Internal("db.error", "数据库错误");
  e.detail = std::move(detail);
  return e;
}

DomainError Closed() { return {ErrorKind::kUnavailable, "db.closed", "数据库已关闭", {}, {}}; }

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Maps a failed result. Only the primary message and the constraint name are kept: the DETAIL
// field of a unique violation echoes the key values, which may be personal data.
DomainError ErrorFromResult(const PGresult* res, PGconn* conn) {
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  std::string_view sqlstate = state ? state : "";
  if (sqlstate == "23505" || sqlstate == "23503") {
    DomainError e = DomainError::Conflict("db.conflict", "数据冲突：记录已存在或仍被引用");
    const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    e.detail = constraint ? constraint : "";
    return e;
  }
  if (sqlstate == "55P03") {
    return {
        ErrorKind::kUnavailable, "db.lock_timeout", "数据库繁忙：等待锁超时，请稍后重试", {}, {}};
  }
  const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  return DbError(primary ? primary : Trim(PQerrorMessage(conn)));
}

std::int64_t ParseInt(const char* text, int length) {
  std::int64_t out = 0;
  std::from_chars(text, text + length, out);
  return out;
}

Value DecodeBytea(const char* text) {
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
  if (bytes == nullptr) throw std::bad_alloc();
  Blob blob{std::string(reinterpret_cast<const char*>(bytes), length)};
  PQfreemem(bytes);
  return blob;
}

Value ConvertField(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return Null{};
  const char* text = PQgetvalue(res, row, col);
  const int length = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      return ParseInt(text, length);
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      // strtod also reads "NaN", "Infinity" and "-Infinity" as PostgreSQL prints them.
      return std::strtod(text, nullptr);
    case kBoolOid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case kByteaOid:
      return DecodeBytea(text);
    default:
      return std::string(text, length);
  }
}

std::int64_t Affected(const PGresult* res) {
  const char* tuples = PQcmdTuples(const_cast<PGresult*>(res));
  return tuples && *tuples ? ParseInt(tuples, static_cast<int>(std::strlen(tuples))) : 0;
}

// Parameters in the shape PQexecParams wants; owns the text of converted numbers.
class EncodedParams {
 public:
  explicit EncodedParams(const Params& params) {
    const std::size_t n = params.size();
    text_.resize(n);
    types_.assign(n, 0);
    values_.assign(n, nullptr);
    lengths_.assign(n, 0);
    formats_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v)) {
        text_[i] = std::to_string(*p);
      } else if (auto p = std::get_if<double>(&v)) {
        text_[i] = FormatDouble(*p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        values_[i] = p->c_str();  // params outlive the call; no copy
        continue;
      } else if (auto p = std::get_if<Blob>(&v)) {
        // Binary bytea: no escaping, zero bytes allowed. The OID tells the server the format.
        types_[i] = kByteaOid;
        values_[i] = p->bytes.data();
        lengths_[i] = static_cast<int>(p->bytes.size());
        formats_[i] = 1;
        continue;
      } else {
        continue;  // Null: values_[i] stays nullptr
      }
      values_[i] = text_[i].c_str();
    }
  }

  int size() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  static std::string FormatDouble(double d) {
    if (std::isnan(d)) return "NaN";  // printf may write "-nan", which the server rejects
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }

  std::vector<std::string> text_;
  std::vector<Oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool ResultOk(const PGresult* res) {
  const ExecStatusType status = PQresultStatus(res);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Checks a result for a lost connection; if so resets it and returns the error to report.
std::optional<DomainError> CheckConnectionLost(PGconn* conn, const PGresult* res) {
  if (res != nullptr && PQstatus(conn) == CONNECTION_OK) return std::nullopt;
  std::string detail = Trim(PQerrorMessage(conn));
  if (detail.empty()) detail = "connection lost";
  PQreset(conn);
  return DbError(std::move(detail));
}

// Runs a statement without parameters (BEGIN/COMMIT/ROLLBACK).
Result<void> Command(PGconn* conn, const char* sql) {
  ResultPtr res(PQexec(conn, sql));
  if (auto lost = CheckConnectionLost(conn, res.get())) return *lost;
  if (!ResultOk(res.get())) return ErrorFromResult(res.get(), conn);
  return {};
}

class PgSession final : public Session {
 public:
  explicit PgSession(PGconn* conn) : conn_(conn) {}

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    return Run(sql, params);
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    JC_ASSIGN_OR_RETURN(Rows rows, Run(sql, params));
    return rows.affected;
  }

  Result<void> ExecScript(std::string_view sql) override {
    if (broken_) return *first_error_;
    const std::string text(sql);
    ResultPtr res(PQexec(conn_, text.c_str()));
    if (auto error = Failure(res.get())) return *error;
    return {};
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  // The first statement error, which also aborted the transaction on the server.
  const std::optional<DomainError>& first_error() const { return first_error_; }

 private:
  Result<Rows> Run(std::string_view sql, const Params& params) {
    // After a reset the transaction is gone; running more statements would autocommit them.
    if (broken_) return *first_error_;
    const std::string text(sql);  // libpq wants a terminated string
    const EncodedParams encoded(params);
    ResultPtr res(PQexecParams(conn_, text.c_str(), encoded.size(), encoded.types(),
                               encoded.values(), encoded.lengths(), encoded.formats(),
                               /*resultFormat=*/0));
    if (auto error = Failure(res.get())) return *error;

    Rows rows;
    const int n_rows = PQntuples(res.get());
    const int n_cols = PQnfields(res.get());
    rows.columns.reserve(n_cols);
    for (int c = 0; c < n_cols; ++c) rows.columns.emplace_back(PQfname(res.get(), c));
    rows.data.resize(n_rows);
    for (int r = 0; r < n_rows; ++r) {
      std::vector<Value>& out = rows.data[r];
      out.reserve(n_cols);
      for (int c = 0; c < n_cols; ++c) out.push_back(ConvertField(res.get(), r, c));
    }
    rows.affected = Affected(res.get());
    return rows;
  }

  std::optional<DomainError> Failure(const PGresult* res) {
    std::optional<DomainError> error = CheckConnectionLost(conn_, res);
    if (error) {
      broken_ = true;
    } else if (!ResultOk(res)) {
      error = ErrorFromResult(res, conn_);
    } else {
      return std::nullopt;
    }
    if (!first_error_) first_error_ = *error;
    return error;
  }

  PGconn* conn_;
  std::optional<DomainError> first_error_;
  bool broken_ = false;
};

// A fixed set of connections handed out one caller at a time.
class Pool {
 public:
  Pool() = default;
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() { Close(); }

  void Add(PGconn* conn) {
    std::lock_guard lock(mu_);
    all_.push_back(conn);
    idle_.push_back(conn);
  }

  // Blocks until a connection is idle; nullptr once the pool is closed.
  PGconn* Acquire() {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.wait(lock, [&] { return closed_ || !idle_.empty(); });
    --waiting_;
    if (closed_) return nullptr;
    PGconn* conn = idle_.back();
    idle_.pop_back();
    return conn;
  }

  void Release(PGconn* conn) {
    // Never hand on a connection inside a transaction (e.g. after a failed COMMIT/ROLLBACK).
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
      ResultPtr res(PQexec(conn, "ROLLBACK"));
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) PQreset(conn);
    }
    {
      std::lock_guard lock(mu_);
      if (closed_) {
        PQfinish(conn);  // Close() ran while this one was out
        return;
      }
      idle_.push_back(conn);
    }
    cv_.notify_one();
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
      for (PGconn* conn : idle_) PQfinish(conn);
      idle_.clear();
      all_.clear();
    }
    cv_.notify_all();
  }

  std::int64_t size() const {
    std::lock_guard lock(mu_);
    return static_cast<std::int64_t>(all_.size());
  }
  std::int64_t waiting() const {
    std::lock_guard lock(mu_);
    return waiting_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> all_;
  std::vector<PGconn*> idle_;
  std::int64_t waiting_ = 0;
  bool closed_ = false;
};

// Returns the connection to its pool however the transaction ends (including exceptions).
class Lease {
 public:
  Lease(Pool& pool, PGconn* conn) : pool_(pool), conn_(conn) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { pool_.Release(conn_); }
  PGconn* get() const { return conn_; }

 private:
  Pool& pool_;
  PGconn* conn_;
};

void IgnoreNotice(void*, const char*) {}

Result<PGconn*> Connect(const std::string& url) {
  // Entries before "dbname" are defaults the URL may override; entries after it are forced.
  // Being connection options (not SETs), they survive PQreset.
  const char* keywords[] = {"fallback_application_name",
                            "connect_timeout",
                            "options",
                            "dbname",
                            "client_encoding",
                            nullptr};
  const char* values[] = {"jiceng", "10", "-c TimeZone=UTC", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return DbError("out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string detail = Trim(PQerrorMessage(conn));
    PQfinish(conn);
    return DbError(std::move(detail));
  }
  // libpq prints server NOTICEs ("table ... does not exist, skipping") to stderr by default;
  // they are not errors and would only clutter the server log. Kept across PQreset.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return conn;
}

class PgDatabase final : public Database {
 public:
  PgDatabase() = default;
  ~PgDatabase() override { Close(); }

  Result<void> Init(const std::string& url, const OpenOptions& options) {
    const int readers = options.read_connections > 0 ? options.read_connections : 1;
    for (int i = 0; i < readers + kWriteConnections; ++i) {
      JC_ASSIGN_OR_RETURN(PGconn * conn, Connect(url));
      (i < readers ? read_pool_ : write_pool_).Add(conn);
    }
    return {};
  }

  Result<void> Read(const std::function<Result<void>(Session&)>& fn) override {
    // A read inside a read (or a write) on this thread reuses that transaction's connection:
    // taking another from the pool could wait forever once outer reads hold them all.
    if (t_read_owner == this && t_read_session != nullptr) return fn(*t_read_session);
    if (t_write_owner == this && t_write_session != nullptr) return fn(*t_write_session);
    return Transaction(read_pool_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn,
                       /*is_write=*/false);
  }

  Result<void> Write(const std::function<Result<void>(Session&)>& fn) override {
    // A write issued from inside another write joins the running transaction (as on SQLite):
    // a second connection would commit on its own, and could wait on the outer one's locks.
    if (t_write_owner == this && t_write_session != nullptr) return fn(*t_write_session);
    return Transaction(write_pool_, "BEGIN", fn, /*is_write=*/true);
  }

  // Each Write is already its own transaction, so exclusive needs nothing more.
  Result<void> WriteExclusive(const std::function<Result<void>(Session&)>& fn) override {
    return Write(fn);
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  DatabaseStats stats() const override {
    DatabaseStats s;
    s.write_queue_depth = write_pool_.waiting();
    s.write_batches = write_batches_.load(std::memory_order_relaxed);
    s.write_requests = write_requests_.load(std::memory_order_relaxed);
    s.read_connections = read_pool_.size();
    return s;
  }

  Result<void> Backup(const std::string& to_path) override {
    return DomainError::Invalid("db.backup.unsupported", "PostgreSQL 请使用 pg_dump 备份");
  }

  void Close() override {
    read_pool_.Close();
    write_pool_.Close();
  }

 private:
  Result<void> Transaction(Pool& pool, const char* begin,
                           const std::function<Result<void>(Session&)>& fn, bool is_write) {
    PGconn* conn = pool.Acquire();
    if (conn == nullptr) return Closed();
    Lease lease(pool, conn);

    if (is_write) write_requests_.fetch_add(1, std::memory_order_relaxed);

    Result<void> begun = Command(conn, begin);
    if (!begun.ok() && PQstatus(conn) == CONNECTION_OK &&
        PQtransactionStatus(conn) == PQTRANS_IDLE) {
      // Typically the connection was lost while idle in the pool (server restart, idle
      // timeout) and Command has just reset it. Nothing of fn has run, so one retry is safe.
      begun = Command(conn, begin);
    }
    if (!begun.ok()) return begun;

    PgSession session(conn);
    Result<void> outcome;
    // Marks this thread's running transaction so nested calls can join it.
    struct CurrentTransaction {
      PgDatabase** owner;
      PgSession** current;
      CurrentTransaction(PgDatabase* db, PgSession* s, bool is_write)
          : owner(is_write ? &t_write_owner : &t_read_owner),
            current(is_write ? &t_write_session : &t_read_session) {
        *owner = db;
        *current = s;
      }
      ~CurrentTransaction() {
        *owner = nullptr;
        *current = nullptr;
      }
    } current(this, &session, is_write);
    try {
      outcome = fn(session);
    } catch (...) {
      // Best effort: if this fails too, Lease resets the connection before reusing it.
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) (void)Command(conn, "ROLLBACK");
      throw;
    }
    if (outcome.ok() && session.first_error()) {
      // fn ignored a failed statement, but the server has aborted the transaction: COMMIT
      // would silently roll back. Report the statement's error instead of a false success.
      outcome = *session.first_error();
    }
    if (!outcome.ok()) {
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) (void)Command(conn, "ROLLBACK");
      return outcome;
    }
    JC_TRY(Command(conn, "COMMIT"));
    if (is_write) write_batches_.fetch_add(1, std::memory_order_relaxed);
    return {};
  }

  static thread_local PgDatabase* t_write_owner;
  static thread_local PgSession* t_write_session;
  static thread_local PgDatabase* t_read_owner;
  static thread_local PgSession* t_read_session;
  Pool read_pool_;
  Pool write_pool_;
  std::atomic<std::int64_t> write_batches_{0};
  std::atomic<std::int64_t> write_requests_{0};
};

thread_local PgDatabase* PgDatabase::t_write_owner = nullptr;
thread_local PgSession* PgDatabase::t_write_session = nullptr;
thread_local PgDatabase* PgDatabase::t_read_owner = nullptr;
thread_local PgSession* PgDatabase::t_read_session = nullptr;

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const OpenOptions& options) {
  if (!PQisthreadsafe()) return DbError("libpq was built without thread safety");
  auto db = std::make_unique<PgDatabase>();
  JC_TRY(db->Init(url, options));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace jiceng::core::db
