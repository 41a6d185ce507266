#include "core/db/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace jiceng::core::db {

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  // Skip string literals, quoted identifiers and comments: a '$' (or a quote) there is text.
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      std::size_t end = sql.find(c, i + 1);
      end = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else {
      out.push_back(c == '$' ? '?' : c);
    }
  }
  return out;
}

namespace {

DomainError SqliteError(sqlite3* db, int rc) {
  int ext = sqlite3_extended_errcode(db);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ||
      ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
    DomainError e = DomainError::Conflict("db.conflict", "数据冲突：记录已存在或仍被引用");
    e.detail = sqlite3_errmsg(db);
    return e;
  }
  DomainError e = DomainError::Internal("db.error", "数据库错误");
  e.detail = std::string(sqlite3_errstr(rc)) + ": " + sqlite3_errmsg(db);
  return e;
}

// One SQLite connection with a prepared-statement cache. Not thread-safe: owned by one
// caller at a time (the reader pool hands it out, the writer thread owns its own).
class Connection final : public Session {
 public:
  ~Connection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close_v2(db_);
  }

  Result<void> Open(const std::string& path, bool read_only, int busy_timeout_ms) {
    int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      DomainError e = DomainError::Internal("db.open", "无法打开数据库");
      e.detail = path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      return e;
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    sqlite3_extended_result_codes(db_, 1);
    // Debian builds SQLite with synchronous=FULL under WAL; NORMAL is durable across process
    // crashes and loses at most the last commits on power loss, at ~10x the commit rate.
    std::string pragmas =
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;";
    if (!read_only) pragmas = "PRAGMA journal_mode=WAL; " + pragmas;
    return ExecScript(pragmas);
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    Rows rows;
    JC_TRY(Run(sql, params, &rows));
    return rows;
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    JC_TRY(Run(sql, params, nullptr));
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
  }

  Result<void> ExecScript(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      DomainError e = SqliteError(db_, rc);
      if (err) e.detail = err;
      sqlite3_free(err);
      return e;
    }
    return {};
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  sqlite3* handle() { return db_; }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::string rewritten = RewritePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      DomainError e = SqliteError(db_, rc);
      e.detail += " in: " + rewritten.substr(0, 200);
      return e;
    }
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  Result<void> Run(std::string_view sql, const Params& params, Rows* out) {
    JC_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      if (std::holds_alternative<Null>(v)) {
        sqlite3_bind_null(stmt, idx);
      } else if (auto p = std::get_if<std::int64_t>(&v)) {
        sqlite3_bind_int64(stmt, idx, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, idx, *p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        sqlite3_bind_text64(stmt, idx, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (auto p = std::get_if<Blob>(&v)) {
        sqlite3_bind_blob64(stmt, idx, p->bytes.data(), p->bytes.size(), SQLITE_STATIC);
      }
    }
    int ncol = sqlite3_column_count(stmt);
    if (out && out->columns.empty()) {
      for (int c = 0; c < ncol; ++c) out->columns.emplace_back(sqlite3_column_name(stmt, c));
    }
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(db_, rc);
      if (!out) continue;
      std::vector<Value>& row = out->data.emplace_back();
      row.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_TEXT:
            row.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                            sqlite3_column_bytes(stmt, c)));
            break;
          case SQLITE_BLOB: {
            const char* b = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            row.emplace_back(Blob{std::string(b ? b : "", sqlite3_column_bytes(stmt, c))});
            break;
          }
          default:
            row.emplace_back(Null{});
        }
      }
    }
    if (out) out->affected = sqlite3_changes64(db_);
    return {};
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

struct WriteRequest {
  const std::function<Result<void>(Session&)>* fn;
  bool exclusive = false;
  std::promise<Result<void>> done;
  std::exception_ptr exception;
};

thread_local bool t_in_writer = false;
class SqliteDatabase;
thread_local SqliteDatabase* t_read_owner = nullptr;  // the read running on this thread
thread_local Connection* t_read_conn = nullptr;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, OpenOptions options)
      : path_(std::move(path)), options_(options) {}
  ~SqliteDatabase() override { Close(); }

  Result<void> Init() {
    writer_conn_ = std::make_unique<Connection>();
    JC_TRY(writer_conn_->Open(path_, false, options_.busy_timeout_ms));
    for (int i = 0; i < options_.read_connections; ++i) {
      auto c = std::make_unique<Connection>();
      JC_TRY(c->Open(path_, true, options_.busy_timeout_ms));
      readers_.push_back(c.get());
      reader_storage_.push_back(std::move(c));
    }
    writer_ = std::thread([this] { WriterLoop(); });
    return {};
  }

  Result<void> Read(const std::function<Result<void>(Session&)>& fn) override {
    // A read issued inside a read on this thread reuses its connection: taking a second one
    // from the pool could wait forever once every connection is held by an outer read.
    if (t_read_owner == this) return fn(*t_read_conn);
    // Inside a write (on the writer thread) a read sees that transaction's own changes.
    if (t_in_writer) return fn(*writer_conn_);
    Connection* conn = AcquireReader();
    if (!conn) return DomainError::Internal("db.closed", "数据库已关闭");
    struct Release {
      SqliteDatabase* self;
      Connection* c;
      ~Release() { self->ReleaseReader(c); }
    } release{this, conn};
    JC_TRY(conn->ExecScript("BEGIN"));
    Result<void> r;
    struct CurrentRead {
      CurrentRead(SqliteDatabase* db, Connection* c) {
        t_read_owner = db;
        t_read_conn = c;
      }
      ~CurrentRead() {
        t_read_owner = nullptr;
        t_read_conn = nullptr;
      }
    } current(this, conn);
    try {
      r = fn(*conn);
    } catch (...) {
      (void)conn->ExecScript("ROLLBACK");
      throw;
    }
    (void)conn->ExecScript("COMMIT");
    return r;
  }

  Result<void> Write(const std::function<Result<void>(Session&)>& fn) override {
    return Submit(fn, false);
  }
  Result<void> WriteExclusive(const std::function<Result<void>(Session&)>& fn) override {
    return Submit(fn, true);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  DatabaseStats stats() const override {
    std::lock_guard lock(mu_);
    return DatabaseStats{static_cast<std::int64_t>(queue_.size()), batches_, requests_,
                         static_cast<std::int64_t>(reader_storage_.size())};
  }

  Result<void> Backup(const std::string& to_path) override {
    // A fresh source connection reads one WAL snapshot, so the copy is consistent while
    // writers go on; the backup API copies pages without blocking them.
    Connection src;
    JC_TRY(src.Open(path_, true, options_.busy_timeout_ms));
    sqlite3* dst = nullptr;
    if (sqlite3_open(to_path.c_str(), &dst) != SQLITE_OK) {
      sqlite3_close(dst);
      return DomainError::Invalid("db.backup.target", "无法写入备份文件", "to");
    }
    JC_TRY(src.ExecScript("BEGIN"));
    (void)src.Query("SELECT 1 FROM sqlite_master LIMIT 1", {});
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src.handle(), "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b) sqlite3_backup_finish(b);
    (void)src.ExecScript("COMMIT");
    sqlite3_close(dst);
    if (rc != SQLITE_DONE) return DomainError::Internal("db.backup.failed", "备份失败");
    return {};
  }

  void Close() override {
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
    }
    cv_.notify_all();
    reader_cv_.notify_all();
    if (writer_.joinable()) writer_.join();
    std::unique_lock lock(reader_mu_);
    reader_cv_.wait(lock, [&] { return readers_.size() == reader_storage_.size(); });
    readers_.clear();
    reader_storage_.clear();
    if (writer_conn_) {
      (void)writer_conn_->ExecScript("PRAGMA wal_checkpoint(TRUNCATE)");
      writer_conn_.reset();
    }
  }

 private:
  Result<void> Submit(const std::function<Result<void>(Session&)>& fn, bool exclusive) {
    if (t_in_writer) {
      // A write issued from inside another write joins the running transaction.
      return fn(*writer_conn_);
    }
    WriteRequest req{&fn, exclusive, {}, nullptr};
    auto future = req.done.get_future();
    {
      std::lock_guard lock(mu_);
      if (closed_) return DomainError::Internal("db.closed", "数据库已关闭");
      queue_.push_back(&req);
    }
    cv_.notify_one();
    Result<void> r = future.get();
    if (req.exception) std::rethrow_exception(req.exception);
    return r;
  }

  void WriterLoop() {
    t_in_writer = true;
    std::vector<WriteRequest*> batch;
    while (true) {
      batch.clear();
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;  // closed and drained
        // An exclusive request runs alone; otherwise take everything waiting, up to max_batch.
        if (queue_.front()->exclusive) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        } else {
          while (!queue_.empty() && !queue_.front()->exclusive &&
                 static_cast<int>(batch.size()) < options_.max_batch) {
            batch.push_back(queue_.front());
            queue_.pop_front();
          }
        }
      }
      RunBatch(batch);
    }
  }

  void RunBatch(std::vector<WriteRequest*>& batch) {
    Connection& c = *writer_conn_;
    std::vector<Result<void>> results(batch.size());
    Result<void> begin = c.ExecScript("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (auto* r : batch) r->done.set_value(begin.error());
      return;
    }
    bool single = batch.size() == 1;
    std::size_t ran = 0;
    bool transaction_lost = false;
    for (; ran < batch.size(); ++ran) {
      // Each request gets a savepoint so its failure undoes only its own statements.
      if (!single) (void)c.ExecScript("SAVEPOINT w");
      try {
        results[ran] = (*batch[ran]->fn)(c);
      } catch (...) {
        batch[ran]->exception = std::current_exception();
        results[ran] = DomainError::Internal("db.exception", "内部错误");
      }
      // Some failures (ON CONFLICT ROLLBACK, RAISE(ROLLBACK), I/O errors) end the whole
      // transaction: what ran before is gone, and what follows must not run outside it.
      if (!c.InTransaction()) {
        transaction_lost = true;
        ++ran;
        break;
      }
      if (!single) {
        if (!results[ran].ok()) (void)c.ExecScript("ROLLBACK TO w");
        (void)c.ExecScript("RELEASE w");
      }
    }
    Result<void> end;
    if (transaction_lost) {
      end = DomainError::Internal("db.rolled_back", "数据库事务已回滚，请重试");
    } else {
      end = (single && !results[0].ok()) ? c.ExecScript("ROLLBACK") : c.ExecScript("COMMIT");
      if (!end.ok()) (void)c.ExecScript("ROLLBACK");
    }
    if (!end.ok()) {
      for (std::size_t i = 0; i < ran; ++i) {
        if (results[i].ok()) results[i] = end.error();
      }
    }
    {
      std::lock_guard lock(mu_);
      ++batches_;
      requests_ += static_cast<std::int64_t>(ran);
      // Requests that never ran go back to the front of the queue for the next transaction.
      for (std::size_t i = batch.size(); i > ran; --i) queue_.push_front(batch[i - 1]);
    }
    for (std::size_t i = 0; i < ran; ++i) batch[i]->done.set_value(std::move(results[i]));
  }

  Connection* AcquireReader() {
    std::unique_lock lock(reader_mu_);
    reader_cv_.wait(lock, [&] { return !readers_.empty() || closed_; });
    if (readers_.empty()) return nullptr;
    Connection* c = readers_.back();
    readers_.pop_back();
    return c;
  }
  void ReleaseReader(Connection* c) {
    {
      std::lock_guard lock(reader_mu_);
      readers_.push_back(c);
    }
    reader_cv_.notify_all();
  }

  std::string path_;
  OpenOptions options_;
  std::unique_ptr<Connection> writer_conn_;
  std::vector<std::unique_ptr<Connection>> reader_storage_;
  std::vector<Connection*> readers_;
  std::mutex reader_mu_;
  std::condition_variable reader_cv_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WriteRequest*> queue_;
  bool closed_ = false;
  std::int64_t batches_ = 0;
  std::int64_t requests_ = 0;
  std::thread writer_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(path, options);
  JC_TRY(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace jiceng::core::db
