// The SQL of upload tokens (table cases_photo_tokens). Rows are found by the token's SHA-256, which
// is the credential, not by the caller's scope: a resident holding a token has no account.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/db/database.hpp"

namespace jiceng::cases {

struct UploadTokenRow {
  std::int64_t case_id = 0;
  std::int64_t photos_left = 0;
};

class UploadTokenStore {
 public:
  explicit UploadTokenStore(core::db::Session& s) : s_(s) {}

  // Drops tokens expired at now_ms.
  core::Result<void> DeleteExpired(std::int64_t now_ms);
  core::Result<void> Insert(const std::string& token_hash, std::int64_t case_id,
                            std::int64_t expires_at, std::int64_t photos, std::int64_t now_ms);
  // The unexpired token with this hash, issued for the case with this tracking code.
  core::Result<std::optional<UploadTokenRow>> FindForCase(const std::string& token_hash,
                                                          const std::string& tracking_code,
                                                          std::int64_t now_ms);
  // Takes one photo from the unexpired token of case_id; false when none was left (or no token).
  core::Result<bool> TakeOne(const std::string& token_hash, std::int64_t case_id,
                             std::int64_t now_ms);
  // Photos left on the unexpired token of case_id; nullopt without one.
  core::Result<std::optional<std::int64_t>> PhotosLeft(const std::string& token_hash,
                                                       std::int64_t case_id, std::int64_t now_ms);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::cases
