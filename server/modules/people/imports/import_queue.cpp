// ImportQueue (import_job.hpp): uploads on disk beside the database, one job at a time.
#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/app/call.hpp"
#include "core/app/private_dir.hpp"
#include "core/module_names.hpp"
#include "core/tabular/table_reader.hpp"
#include "core/text/utf8.hpp"
#include "modules/people/imports/import_job.hpp"
#include "modules/people/imports/import_store.hpp"

namespace jiceng::people {

namespace fs = std::filesystem;

namespace {

ImportStatus StatusOf(const ImportRecord& r) {
  ImportStatus s;
  static_cast<ImportRecord&>(s) = r;
  s.processed_rows = r.finished_at ? r.total_rows : 0;
  s.progress = r.finished_at ? 1 : 0;
  Json stored = Json::parse(r.errors_json, nullptr, false);
  const Json& list = stored.is_object() ? stored.value("errors", Json::array()) : stored;
  if (list.is_array()) {
    for (const auto& e : list) {
      s.errors.push_back({e.value("row", std::int64_t{0}), e.value("column", std::string()),
                          e.value("code", std::string()), e.value("message", std::string())});
    }
  }
  s.error_count = stored.is_object()
                      ? stored.value("error_count", static_cast<std::int64_t>(s.errors.size()))
                      : static_cast<std::int64_t>(s.errors.size());
  if (stored.is_object()) s.failure = stored.value("failure", std::string());
  return s;
}

// A file name as shown back to the user: its last path part, at most 200 bytes of UTF-8.
std::string CleanFilename(const std::string& name) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (char c : base)
    if (static_cast<unsigned char>(c) >= 0x20) out.push_back(c);
  out.resize(core::text::Utf8Prefix(out, 200).size());
  return out.empty() ? "residents" : out;
}

// Reads only the header row: a file that is no spreadsheet, or lacks the required columns, is
// refused at upload instead of becoming a failed job.
Result<void> CheckHeader(const std::string& path) {
  std::optional<DomainError> header_error;
  bool seen = false;
  JC_TRY(core::tabular::ReadTable(path, [&](std::size_t, const core::tabular::Row& cells) {
    seen = true;
    auto h = MapImportHeader(cells);
    if (!h.ok()) header_error = h.error();
    return false;
  }));
  if (header_error) return *header_error;
  if (!seen) return DomainError::Invalid("import.file.empty", "文件中没有表头和数据行", "file");
  return {};
}

// Writes a new file readable by this user only; never follows or replaces an existing name.
bool WritePrivateFile(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace

ImportQueue::ImportQueue(PeopleContext& ctx, std::string upload_dir)
    : ctx_(ctx), dir_(std::move(upload_dir)) {
  if (auto made = core::app::EnsurePrivateDir(dir_, "import.dir"); !made.ok())
    dir_error_ = made.error();
  auto r = ctx_.db.Write(
      [&](core::db::Session& s) { return ImportStore(s).FailUnfinished(ctx_.clock.NowMs()); });
  if (!r.ok()) spdlog::warn("imports: could not close unfinished jobs: {}", r.error().message);
  thread_ = std::thread([this] { Loop(); });
}

ImportQueue::~ImportQueue() { Stop(); }

void ImportQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string ImportQueue::FilePath(std::int64_t job_id) const {
  return (fs::path(dir_) / ("import-" + std::to_string(job_id) + ".upload")).string();
}

void ImportQueue::SweepOldFiles() {
  std::error_code ec;
  auto limit = fs::file_time_type::clock::now() - std::chrono::milliseconds(kKeepFileMs);
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    auto t = entry.last_write_time(ec);
    if (!ec && t < limit) fs::remove(entry.path(), ec);
  }
}

Result<ImportStatus> ImportQueue::Submit(const ImportCaller& caller, const std::string& filename,
                                         const std::string& bytes, ImportMode mode) {
  if (bytes.empty()) return DomainError::Invalid("import.file.empty", "上传的文件是空的", "file");
  if (dir_error_) return *dir_error_;
  // Every upload checks its ID numbers county-wide (see RunImport): a probe, limited per account.
  const int per_hour = ctx_.config.people.import_uploads_per_hour;
  switch (
      uploads_.Check("user:" + std::to_string(caller.who.user_id), ctx_.clock.NowMs(), per_hour)) {
    case core::app::RateLimiter::Verdict::kAllow:
      break;
    case core::app::RateLimiter::Verdict::kDenyFirst: {
      core::app::Call call{caller.who, caller.request_id, caller.source};
      core::audit::AuditEntry e =
          call.Audit("people.import", "import", "", caller.who.org_code,
                     Json{{"reason", "rate_limited"}, {"uploads_per_hour", per_hour}});
      e.outcome = "denied";
      JC_TRY(ctx_.audit.AppendAlone(std::move(e)));
      [[fallthrough]];
    }
    case core::app::RateLimiter::Verdict::kDeny:
      return DomainError{core::ErrorKind::kRateLimited,
                         "import.rate_limited",
                         "上传过于频繁：每个账号每小时最多导入 " + std::to_string(per_hour) +
                             " 个文件，请稍后再试",
                         {},
                         {}};
  }
  SweepOldFiles();
  std::string tmp =
      (fs::path(dir_) / ("upload-" + std::to_string(randombytes_random()) + ".part")).string();
  if (!WritePrivateFile(tmp, bytes)) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return DomainError::Internal("import.file.store", "无法保存上传的文件");
  }
  if (auto r = CheckHeader(tmp); !r.ok()) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return r.error();
  }
  auto status = Enqueue(caller, CleanFilename(filename), tmp, mode);
  if (!status.ok()) {
    std::error_code ec;
    fs::remove(tmp, ec);
  }
  return status;
}

Result<ImportStatus> ImportQueue::Commit(const ImportCaller& caller, std::int64_t job_id,
                                         ImportMode mode) {
  if (mode == ImportMode::kDryRun) {
    return DomainError::Invalid("import.mode", "提交时请选择 all_or_nothing 或 valid_only", "mode");
  }
  JC_ASSIGN_OR_RETURN(ImportStatus earlier, Get(caller.who.user_id, job_id));
  std::string from = FilePath(job_id);
  if (!fs::exists(from)) {
    return DomainError::NotFound("import.file.expired",
                                 "上传的文件已过期（保留 1 小时），请重新上传");
  }
  std::string tmp = from + "." + std::to_string(randombytes_random()) + ".part";
  std::error_code ec;
  fs::create_hard_link(from, tmp, ec);
  if (ec) fs::copy_file(from, tmp, ec);
  if (ec) return DomainError::Internal("import.file.store", "无法读取上传的文件");
  auto status = Enqueue(caller, earlier.filename, tmp, mode);
  if (!status.ok()) fs::remove(tmp, ec);
  return status;
}

Result<ImportStatus> ImportQueue::Enqueue(const ImportCaller& caller, const std::string& filename,
                                          const std::string& tmp, ImportMode mode) {
  ImportRecord rec;
  rec.user_id = caller.who.user_id;
  rec.filename = filename;
  rec.mode = ImportModeName(mode);
  rec.status = "queued";
  rec.created_at = ctx_.clock.NowMs();
  JC_TRY(ctx_.db.Write([&](core::db::Session& s) { return ImportStore(s).InsertJob(rec); }));
  std::string path = FilePath(rec.id);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return DomainError::Internal("import.file.store", "无法保存上传的文件");
  auto job = std::make_shared<Job>(Job{caller, mode, path, StatusOf(rec)});
  ImportStatus snapshot = job->status;
  {
    std::lock_guard lock(mu_);
    live_[rec.id] = job;
    queue_.push_back(job);
  }
  cv_.notify_all();
  return snapshot;
}

Result<ImportStatus> ImportQueue::Get(std::int64_t user_id, std::int64_t job_id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = live_.find(job_id); it != live_.end() && it->second->status.user_id == user_id) {
      return it->second->status;
    }
  }
  std::optional<ImportRecord> rec;
  JC_TRY(ctx_.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(rec, ImportStore(s).GetJob(job_id));
    return {};
  }));
  // Another user's job is as absent as a missing one.
  if (!rec || rec->user_id != user_id)
    return DomainError::NotFound("import.not_found", "导入任务不存在");
  {
    std::lock_guard lock(mu_);  // it may have finished between the two looks
    if (auto it = live_.find(job_id); it != live_.end()) return it->second->status;
  }
  return StatusOf(*rec);
}

Result<std::vector<ImportStatus>> ImportQueue::Recent(std::int64_t user_id, int limit) {
  std::vector<ImportRecord> recs;
  JC_TRY(ctx_.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(recs, ImportStore(s).UserJobs(user_id, limit));
    return {};
  }));
  std::vector<ImportStatus> out;
  std::lock_guard lock(mu_);
  for (const auto& r : recs) {
    auto it = live_.find(r.id);
    out.push_back(it != live_.end() ? it->second->status : StatusOf(r));
  }
  return out;
}

void ImportQueue::Loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    ImportOptions options;
    options.cancel = &cancel_;
    ImportStatus start;
    {
      std::lock_guard lock(mu_);
      start = job->status;
    }
    ImportStatus done = RunImport(ctx_, job->caller, job->path, job->mode, start, options,
                                  [&](const ImportStatus& s) {
                                    std::lock_guard lock(mu_);
                                    job->status = s;
                                  });
    std::lock_guard lock(mu_);
    job->status = done;
    live_.erase(done.id);
  }
}

}  // namespace jiceng::people
