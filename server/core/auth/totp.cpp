#include "core/auth/totp.hpp"

#include <liboath/oath.h>

#include <cctype>
#include <cstdlib>
#include <mutex>

#include "core/crypto/crypto.hpp"

namespace jiceng::core::auth {

namespace {

void InitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string CodeForStep(const std::string& secret, std::int64_t step) {
  InitOnce();
  char out[7] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(step * kTotpStepSeconds),
                         kTotpStepSeconds, OATH_TOTP_DEFAULT_START_TIME, 6, out) != OATH_OK) {
    return {};
  }
  return out;
}

std::string UriEscape(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() { return crypto::RandomBytes(20); }

std::string TotpBase32(const std::string& secret) {
  InitOnce();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &len) != OATH_OK) return {};
  std::string text(out, len);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> TotpSecretFromBase32(const std::string& text) {
  InitOnce();
  std::string padded = text;
  while (padded.size() % 8) padded += '=';
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_decode(padded.data(), padded.size(), &out, &len) != OATH_OK) return std::nullopt;
  std::string secret(out, len);
  std::free(out);
  return secret;
}

std::string TotpUri(const std::string& issuer, const std::string& account,
                    const std::string& secret) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) +
         "?secret=" + TotpBase32(secret) + "&issuer=" + UriEscape(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::string TotpCode(const std::string& secret, std::int64_t now_ms) {
  return CodeForStep(secret, now_ms / 1000 / kTotpStepSeconds);
}

std::optional<std::int64_t> VerifyTotp(const std::string& secret, const std::string& code,
                                       std::int64_t now_ms, std::int64_t last_step) {
  if (code.size() != 6) return std::nullopt;
  const std::int64_t now_step = now_ms / 1000 / kTotpStepSeconds;
  std::optional<std::int64_t> accepted;
  // Every candidate is computed and compared, so the time taken does not say which matched.
  for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step) {
    const bool match = crypto::ConstantTimeEquals(CodeForStep(secret, step), code);
    if (match && step > last_step && !accepted) accepted = step;
  }
  return accepted;
}

}  // namespace jiceng::core::auth
