// One-hour tokens that let a resident add photos to the case they have just reported, without an
// account. Only the token's SHA-256 is stored (a leaked database yields no usable token); the
// clear token goes once to the reporter's browser with the intake answer.
#pragma once
#include <cstdint>
#include <string>

#include "core/db/database.hpp"

namespace jiceng::cases {

inline constexpr std::int64_t kUploadTokenTtlMs = 60 * 60 * 1000;
inline constexpr std::int64_t kUploadTokenPhotos = 4;

// Issues a one-hour token for up to 4 photos on a just-reported case; returns the clear token
// (store only its SHA-256).
core::Result<std::string> IssueUploadToken(core::db::Session& s, std::int64_t case_id,
                                           std::int64_t now_ms);

// The id of the case with this tracking code if the token was issued for it, has not expired and
// has photos left. 403 cases.photo.token for a wrong, foreign or expired token (one answer for
// all, so the code cannot be probed), 409 cases.photo.limit when its photos are used up. Cheap:
// one hash and one indexed read, so the public route checks it before looking at the image.
core::Result<std::int64_t> CheckUploadToken(core::db::Session& s, const std::string& tracking_code,
                                            const std::string& token, std::int64_t now_ms);

// Uses one photo of the token, inside the write transaction that stores the photo (the same
// errors as CheckUploadToken: the token may have run out since it was checked).
core::Result<void> UseUploadToken(core::db::Session& s, std::int64_t case_id,
                                  const std::string& token, std::int64_t now_ms);

}  // namespace jiceng::cases
