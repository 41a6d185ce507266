// Case photos: the files, content-addressed on disk beside the database, and the rows that
// attach them to a case and one of its timeline events (table cases_photos). A file is named by
// the SHA-256 of its stored (location-stripped) bytes, so the same photo is stored once however
// many cases or events it is attached to, and a file never changes once written. Whether a
// caller may see a photo is decided by its rows (a case in the caller's scope), never by the
// file: the digest alone opens nothing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/config.hpp"
#include "core/db/database.hpp"

namespace jiceng::cases {

inline constexpr std::int64_t kMaxPhotosPerEvent = 4;

struct Photo {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::optional<std::int64_t>
      event_id;        // the timeline event it shows; nullopt: the case as a whole
  std::string sha256;  // of the stored bytes, lower-case hex: the file name
  std::string mime;
  std::int64_t bytes = 0;
  std::optional<std::int64_t> uploader_id;  // nullopt: the reporting resident (upload token)
  std::string uploader_name;
  std::int64_t created_at = 0;
};

// Where the files live: <database>.photos beside an SQLite file; on PostgreSQL a "photos"
// folder beside the data key file ([security] key_file, which PostgreSQL needs anyway), or
// var/photos when none is set.
std::string PhotoDir(const core::app::Config& config);

// 64 lower-case hex characters.
bool IsSha256Hex(std::string_view s);

// The files: <dir>/<first 2 hex digits>/<sha256>, folders and files readable by the server's
// user only.
class PhotoFiles {
 public:
  explicit PhotoFiles(std::string dir) : dir_(std::move(dir)) {}

  // Stores bytes under their SHA-256 and returns it: written to a temporary file in the target
  // folder, synced, then renamed into place, so a reader never sees half a file and a crash
  // leaves at most a stray temporary. Bytes already stored are not written again.
  core::Result<std::string> Put(std::string_view bytes) const;
  // The stored bytes, or nullopt when there is no such file.
  core::Result<std::optional<std::string>> Get(const std::string& sha256) const;
  std::string PathOf(const std::string& sha256) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// The rows. Every read names the case, so a digest known from one case finds nothing through
// another.
class PhotoStore {
 public:
  explicit PhotoStore(core::db::Session& s) : s_(s) {}

  // The case's photos, oldest first.
  core::Result<std::vector<Photo>> OfCase(std::int64_t case_id);
  // A photo of this case with these bytes (on any of its events).
  core::Result<std::optional<Photo>> Find(std::int64_t case_id, const std::string& sha256);
  // The photo with these bytes already on this event of the case.
  core::Result<std::optional<Photo>> OnEvent(std::int64_t case_id,
                                             std::optional<std::int64_t> event_id,
                                             const std::string& sha256);
  core::Result<std::int64_t> CountOnEvent(std::int64_t case_id,
                                          std::optional<std::int64_t> event_id);
  // Inserts p and sets its id.
  core::Result<void> Insert(Photo& p);

  // The case's first timeline event (its report), nullopt if it has none.
  core::Result<std::optional<std::int64_t>> ReportEventId(std::int64_t case_id);
  core::Result<bool> IsEventOf(std::int64_t case_id, std::int64_t event_id);
  // Holds the case row until the transaction ends (a no-op UPDATE: a row lock on PostgreSQL;
  // SQLite has one writer anyway), so two uploads at once cannot both pass the per-event limit.
  core::Result<void> LockCase(std::int64_t case_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::cases
