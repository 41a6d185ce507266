#include "modules/cases/photos/upload_token_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::cases {

Result<void> UploadTokenStore::DeleteExpired(std::int64_t now_ms) {
  JC_TRY(s_.Exec("DELETE FROM cases_photo_tokens WHERE expires_at <= $1", {now_ms}));
  return {};
}

Result<void> UploadTokenStore::Insert(const std::string& token_hash, std::int64_t case_id,
                                      std::int64_t expires_at, std::int64_t photos,
                                      std::int64_t now_ms) {
  JC_TRY(
      s_.Exec("INSERT INTO cases_photo_tokens (token_hash, case_id, expires_at, photos_left, "
              "created_at) VALUES ($1, $2, $3, $4, $5)",
              {token_hash, case_id, expires_at, photos, now_ms}));
  return {};
}

Result<std::optional<UploadTokenRow>> UploadTokenStore::FindForCase(
    const std::string& token_hash, const std::string& tracking_code, std::int64_t now_ms) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(
          "SELECT t.case_id, t.photos_left FROM cases_photo_tokens t JOIN cases_cases c ON "
          "c.id = t.case_id WHERE t.token_hash = $1 AND c.tracking_code = $2 AND t.expires_at > $3",
          {token_hash, tracking_code, now_ms}));
  if (rows.empty()) return std::optional<UploadTokenRow>();
  return std::optional<UploadTokenRow>(UploadTokenRow{rows[0].Int(0), rows[0].Int(1)});
}

Result<bool> UploadTokenStore::TakeOne(const std::string& token_hash, std::int64_t case_id,
                                       std::int64_t now_ms) {
  JC_ASSIGN_OR_RETURN(
      std::int64_t n,
      s_.Exec(
          "UPDATE cases_photo_tokens SET photos_left = photos_left - 1 WHERE token_hash = $1 AND "
          "case_id = $2 AND expires_at > $3 AND photos_left > 0",
          {token_hash, case_id, now_ms}));
  return n == 1;
}

Result<std::optional<std::int64_t>> UploadTokenStore::PhotosLeft(const std::string& token_hash,
                                                                 std::int64_t case_id,
                                                                 std::int64_t now_ms) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT photos_left FROM cases_photo_tokens WHERE token_hash = $1 AND "
                          "case_id = $2 AND expires_at > $3",
                          {token_hash, case_id, now_ms}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

}  // namespace jiceng::cases
