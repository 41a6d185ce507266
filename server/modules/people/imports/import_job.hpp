// Resident import jobs: a file is checked (every bad row with its reason) and, in a commit
// mode, written. Jobs run one at a time on a background thread (others wait in a queue) and
// their progress counters can be read while they run; a finished job is kept in people_imports
// and its file for an hour, so a dry run can be committed without uploading again.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/app/rate_limiter.hpp"
#include "core/auth/principal.hpp"
#include "modules/people/imports/import_rows.hpp"
#include "modules/people/imports/import_store.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

enum class ImportMode { kDryRun, kAllOrNothing, kValidOnly };
std::optional<ImportMode> ParseImportMode(std::string_view text);
const char* ImportModeName(ImportMode mode);

// What a job answers (docs/api-people.md "Imports"): what people_imports keeps of it (status
// queued | running | done | failed; errors_json is written only when the job is stored), and
// the progress of a running job.
struct ImportStatus : ImportRecord {
  std::string phase;  // checking | writing while running
  std::int64_t processed_rows = 0;
  std::int64_t error_count = 0;
  double progress = 0;              // 0..1 over the whole job
  std::vector<ImportError> errors;  // the first kMaxListedErrors
  std::string failure;              // why a failed job failed (zh-CN)
};
inline constexpr std::size_t kMaxListedErrors = 1000;

// Who imports, as the request gave it: the audit actor and the scope grids must be in.
struct ImportCaller {
  core::auth::Principal who;
  std::string request_id;
  std::string source;
};

struct ImportOptions {
  int worker_threads = 0;                     // per-row CPU work; 0 = hardware threads
  std::size_t batch_rows = 8192;              // rows per prepared batch and per write transaction
  const std::atomic<bool>* cancel = nullptr;  // stops between batches (server shutdown)
};

// Runs one file from start to end on the calling thread: the CLI, the benchmark and the job
// queue's thread use it. on_progress (optional) sees the status as it moves.
ImportStatus RunImport(PeopleContext& ctx, const ImportCaller& caller, const std::string& path,
                       ImportMode mode, ImportStatus status, const ImportOptions& options = {},
                       const std::function<void(const ImportStatus&)>& on_progress = {});

class ImportQueue {
 public:
  ImportQueue(PeopleContext& ctx, std::string upload_dir);
  ~ImportQueue();  // Stop()
  // Interrupts the running job after its current batch (recorded as failed; an all_or_nothing
  // job writes nothing) and ends the thread. Queued jobs are failed at the next start.
  void Stop();
  ImportQueue(const ImportQueue&) = delete;
  ImportQueue& operator=(const ImportQueue&) = delete;

  // Takes the uploaded bytes: stores them (mode 0600 in dir()) and queues a job. import.file.*
  // for a bad file; import.rate_limited (kRateLimited) past [people] import_uploads_per_hour
  // uploads of this account in an hour (the first refusal audited); import.dir (kInternal) when
  // the folder is not private (see the log).
  core::Result<ImportStatus> Submit(const ImportCaller& caller, const std::string& filename,
                                    const std::string& bytes, ImportMode mode);
  // Runs the file of an earlier job of the same user again in a commit mode.
  core::Result<ImportStatus> Commit(const ImportCaller& caller, std::int64_t job_id,
                                    ImportMode mode);
  // A job of this user (running ones from memory, finished ones from people_imports).
  core::Result<ImportStatus> Get(std::int64_t user_id, std::int64_t job_id);
  core::Result<std::vector<ImportStatus>> Recent(std::int64_t user_id, int limit);

  // Uploads older than this are deleted.
  static constexpr std::int64_t kKeepFileMs = 60 * 60 * 1000;

  // The private folder (mode 0700, owned by this process's user) uploads wait in; import.dir
  // when it could not be made private.
  core::Result<std::string> PrivateDir() const {
    if (dir_error_) return *dir_error_;
    return dir_;
  }

 private:
  struct Job {
    ImportCaller caller;
    ImportMode mode;
    std::string path;
    ImportStatus status;
  };
  core::Result<ImportStatus> Enqueue(const ImportCaller& caller, const std::string& filename,
                                     const std::string& path, ImportMode mode);
  std::string FilePath(std::int64_t job_id) const;
  void SweepOldFiles();
  void Loop();

  PeopleContext& ctx_;
  std::string dir_;
  std::optional<core::DomainError> dir_error_;  // the folder is not private: no uploads
  core::app::RateLimiter uploads_{60 * 60 *
                                  1000};  // per "user:<id>", [people] import_uploads_per_hour
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::int64_t, std::shared_ptr<Job>> live_;  // queued and running, by id
  bool stopping_ = false;
  std::atomic<bool> cancel_{false};
  std::thread thread_;
};

}  // namespace jiceng::people
