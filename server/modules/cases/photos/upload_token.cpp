#include "modules/cases/photos/upload_token.hpp"

#include "core/crypto/crypto.hpp"
#include "core/module_names.hpp"
#include "modules/cases/photos/upload_token_store.hpp"

namespace jiceng::cases {

namespace {

// Tokens are 43 characters (32 random bytes, URL-safe base64); anything much longer is not one
// of ours and is refused before hashing.
constexpr std::size_t kMaxTokenChars = 128;

DomainError BadToken() {
  return DomainError::Forbidden("cases.photo.token",
                                "上传凭证无效或已过期，请在上报后一小时内上传照片");
}

DomainError UsedUp() {
  return DomainError::Conflict("cases.photo.limit", "每次上报最多上传 4 张照片");
}

}  // namespace

Result<std::string> IssueUploadToken(core::db::Session& s, std::int64_t case_id,
                                     std::int64_t now_ms) {
  UploadTokenStore store(s);
  // Expired tokens are useless: clear them here so the table stays as small as the last hour.
  JC_TRY(store.DeleteExpired(now_ms));
  std::string token = core::crypto::RandomToken(32);
  JC_TRY(store.Insert(core::crypto::Sha256Hex(token), case_id, now_ms + kUploadTokenTtlMs,
                      kUploadTokenPhotos, now_ms));
  return token;
}

Result<std::int64_t> CheckUploadToken(core::db::Session& s, const std::string& tracking_code,
                                      const std::string& token, std::int64_t now_ms) {
  if (token.empty() || token.size() > kMaxTokenChars || tracking_code.empty()) return BadToken();
  JC_ASSIGN_OR_RETURN(auto row, UploadTokenStore(s).FindForCase(core::crypto::Sha256Hex(token),
                                                                tracking_code, now_ms));
  if (!row) return BadToken();
  if (row->photos_left <= 0) return UsedUp();
  return row->case_id;
}

Result<void> UseUploadToken(core::db::Session& s, std::int64_t case_id, const std::string& token,
                            std::int64_t now_ms) {
  if (token.empty() || token.size() > kMaxTokenChars) return BadToken();
  std::string hash = core::crypto::Sha256Hex(token);
  UploadTokenStore store(s);
  JC_ASSIGN_OR_RETURN(bool taken, store.TakeOne(hash, case_id, now_ms));
  if (taken) return {};
  JC_ASSIGN_OR_RETURN(auto left, store.PhotosLeft(hash, case_id, now_ms));
  if (!left) return BadToken();
  return UsedUp();
}

}  // namespace jiceng::cases
