// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through
// Debian's liboath, for the administrators' second factor.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace jiceng::core::auth {

inline constexpr std::int64_t kTotpStepSeconds = 30;

// 20 random bytes (160 bits, as RFC 4226 recommends).
std::string NewTotpSecret();
// RFC 4648 base32 without padding: what authenticator apps accept typed in.
std::string TotpBase32(const std::string& secret);
// The secret behind a base32 text (as TotpBase32 writes it), or nullopt if it is not base32.
std::optional<std::string> TotpSecretFromBase32(const std::string& text);
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=... for the enrolment QR code.
std::string TotpUri(const std::string& issuer, const std::string& account,
                    const std::string& secret);
// The code for the step that contains now_ms.
std::string TotpCode(const std::string& secret, std::int64_t now_ms);
// The step a code belongs to if it is valid now (one step of clock drift either way) and
// newer than last_step, so that a code is never accepted twice.
std::optional<std::int64_t> VerifyTotp(const std::string& secret, const std::string& code,
                                       std::int64_t now_ms, std::int64_t last_step);

}  // namespace jiceng::core::auth
