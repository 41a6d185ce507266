#include "modules/cases/photos/upload_token.hpp"

#include "core/crypto/crypto.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;

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
  // Expired tokens are useless: clear them here so the table stays as small as the last hour.
  JC_TRY(s.Exec("DELETE FROM cases_photo_tokens WHERE expires_at <= $1", {now_ms}));
  std::string token = core::crypto::RandomToken(32);
  JC_TRY(
      s.Exec("INSERT INTO cases_photo_tokens (token_hash, case_id, expires_at, photos_left, "
             "created_at) VALUES "
             "($1, $2, $3, $4, $5)",
             {core::crypto::Sha256Hex(token), case_id, now_ms + kUploadTokenTtlMs,
              kUploadTokenPhotos, now_ms}));
  return token;
}

Result<std::int64_t> CheckUploadToken(core::db::Session& s, const std::string& tracking_code,
                                      const std::string& token, std::int64_t now_ms) {
  if (token.empty() || token.size() > kMaxTokenChars || tracking_code.empty()) return BadToken();
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s.Query(
          "SELECT t.case_id, t.photos_left FROM cases_photo_tokens t JOIN cases_cases c ON "
          "c.id = t.case_id WHERE t.token_hash = $1 AND c.tracking_code = $2 AND t.expires_at > $3",
          {core::crypto::Sha256Hex(token), tracking_code, now_ms}));
  if (rows.empty()) return BadToken();
  if (rows[0].Int(1) <= 0) return UsedUp();
  return rows[0].Int(0);
}

Result<void> UseUploadToken(core::db::Session& s, std::int64_t case_id, const std::string& token,
                            std::int64_t now_ms) {
  if (token.empty() || token.size() > kMaxTokenChars) return BadToken();
  std::string hash = core::crypto::Sha256Hex(token);
  JC_ASSIGN_OR_RETURN(
      std::int64_t n,
      s.Exec(
          "UPDATE cases_photo_tokens SET photos_left = photos_left - 1 WHERE token_hash = $1 AND "
          "case_id = $2 AND expires_at > $3 AND photos_left > 0",
          {hash, case_id, now_ms}));
  if (n == 1) return {};
  JC_ASSIGN_OR_RETURN(
      auto rows, s.Query("SELECT photos_left FROM cases_photo_tokens WHERE token_hash = $1 AND "
                         "case_id = $2 AND expires_at > $3",
                         {hash, case_id, now_ms}));
  if (rows.empty()) return BadToken();
  return UsedUp();
}

}  // namespace jiceng::cases
