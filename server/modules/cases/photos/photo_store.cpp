#include "modules/cases/photos/photo_store.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/crypto/crypto.hpp"
#include "core/module_names.hpp"

namespace jiceng::cases {

namespace fs = std::filesystem;

namespace {

DomainError StorageError(const std::string& what, const std::string& path, int err) {
  spdlog::error("cases: photo {} failed for {}: {}", what, path, std::strerror(err));
  return DomainError::Internal("cases.photo.storage", "图片保存或读取失败，请稍后重试");
}

// Writes all of bytes to a new file and syncs it; false with errno set on failure.
bool WriteSynced(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      errno = err;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    errno = err;
    return false;
  }
  return ::close(fd) == 0;
}

// Makes a rename inside dir durable.
void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool MakeDir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return true;
  return false;
}

constexpr const char* kColumns =
    "id, case_id, event_id, sha256, mime, bytes, uploader_id, uploader_name, created_at";

Photo FromRow(const core::db::Row& r) {
  return {r.Int(0), r.Int(1),    r.OptInt(2), r.Text(3), r.Text(4),
          r.Int(5), r.OptInt(6), r.Text(7),   r.Int(8)};
}

// "event_id = $n", or "event_id IS NULL" for a photo of the case as a whole.
std::string EventIs(std::optional<std::int64_t> event_id, core::db::Params& params) {
  if (!event_id) return "event_id IS NULL";
  return "event_id = " + core::db::Bind(params, *event_id);
}

}  // namespace

std::string PhotoDir(const core::app::Config& config) {
  const std::string& url = config.database.url;
  if (url.rfind("postgres", 0) != 0) return url + ".photos";
  if (config.security.key_file.empty()) return "var/photos";
  fs::path parent = fs::path(config.security.key_file).parent_path();
  return (parent / "photos").string();
}

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string PhotoFiles::PathOf(const std::string& sha256) const {
  return (fs::path(dir_) / sha256.substr(0, 2) / sha256).string();
}

Result<std::string> PhotoFiles::Put(std::string_view bytes) const {
  std::string sha = core::crypto::Sha256Hex(bytes);
  std::string folder = (fs::path(dir_) / sha.substr(0, 2)).string();
  std::string path = PathOf(sha);
  struct stat st {};
  // Same name, same size: the same bytes (a changed file would be damage, not a collision).
  if (::stat(path.c_str(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) == bytes.size())
    return sha;
  std::error_code ec;
  if (fs::create_directories(dir_, ec)) fs::permissions(dir_, fs::perms::owner_all, ec);
  if (ec) return StorageError("folder", dir_, ec.value());
  if (!MakeDir(folder)) return StorageError("folder", folder, errno);
  std::string tmp =
      (fs::path(folder) / ("." + sha + "." + core::crypto::RandomToken(6) + ".tmp")).string();
  if (!WriteSynced(tmp, bytes)) {
    int err = errno;
    ::unlink(tmp.c_str());
    return StorageError("write", tmp, err);
  }
  // rename replaces atomically: a concurrent upload of the same bytes writes the same content.
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return StorageError("rename", path, err);
  }
  SyncDir(folder);
  return sha;
}

Result<std::optional<std::string>> PhotoFiles::Get(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return std::optional<std::string>();
  std::string path = PathOf(sha256);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return StorageError("read", path, errno);
  }
  std::string out;
  char buf[64 * 1024];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return StorageError("read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return std::optional<std::string>(std::move(out));
}

Result<std::vector<Photo>> PhotoStore::OfCase(std::int64_t case_id) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT ") + kColumns +
                                   " FROM cases_photos WHERE case_id = $1 ORDER BY created_at, id",
                               {case_id}));
  std::vector<Photo> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows[i]));
  return out;
}

Result<std::optional<Photo>> PhotoStore::Find(std::int64_t case_id, const std::string& sha256) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query(std::string("SELECT ") + kColumns +
                              " FROM cases_photos WHERE case_id = $1 AND sha256 = $2 ORDER BY id "
                              "LIMIT 1",
                          {case_id, sha256}));
  if (rows.empty()) return std::optional<Photo>();
  return std::optional<Photo>(FromRow(rows[0]));
}

Result<std::optional<Photo>> PhotoStore::OnEvent(std::int64_t case_id,
                                                 std::optional<std::int64_t> event_id,
                                                 const std::string& sha256) {
  core::db::Params params{case_id, sha256};
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM cases_photos WHERE case_id = $1 AND sha256 = $2 AND " +
                    EventIs(event_id, params) + " ORDER BY id LIMIT 1";
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Photo>();
  return std::optional<Photo>(FromRow(rows[0]));
}

Result<std::int64_t> PhotoStore::CountOnEvent(std::int64_t case_id,
                                              std::optional<std::int64_t> event_id) {
  core::db::Params params{case_id};
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT COUNT(*) FROM cases_photos WHERE case_id = $1 AND " +
                                   EventIs(event_id, params),
                               params));
  return rows[0].Int(0);
}

Result<void> PhotoStore::Insert(Photo& p) {
  auto rows = s_.Query(
      "INSERT INTO cases_photos (case_id, event_id, sha256, mime, bytes, uploader_id, "
      "uploader_name, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {p.case_id, Opt(p.event_id), p.sha256, p.mime, p.bytes, Opt(p.uploader_id), p.uploader_name,
       p.created_at});
  if (!rows.ok()) {
    if (rows.error().code == "db.conflict") {
      return DomainError::Conflict("cases.photo.duplicate", "这张图片已添加到该环节");
    }
    return rows.error();
  }
  p.id = (*rows)[0].Int(0);
  return {};
}

Result<std::optional<std::int64_t>> PhotoStore::ReportEventId(std::int64_t case_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT id FROM cases_case_events WHERE case_id = $1 ORDER BY id LIMIT 1",
                          {case_id}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<bool> PhotoStore::IsEventOf(std::int64_t case_id, std::int64_t event_id) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT 1 FROM cases_case_events WHERE id = $1 AND case_id = $2",
                               {event_id, case_id}));
  return !rows.empty();
}

Result<void> PhotoStore::LockCase(std::int64_t case_id) {
  JC_TRY(s_.Exec("UPDATE cases_cases SET version = version WHERE id = $1", {case_id}));
  return {};
}

}  // namespace jiceng::cases
