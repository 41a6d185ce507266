#include "core/auth/password.hpp"

#include <sodium.h>

#include <semaphore>
#include <stdexcept>

#include "core/crypto/crypto.hpp"
#include "core/text/utf8.hpp"

namespace jiceng::core::auth {

namespace {

// Each argon2 computation holds kPasswordMemLimit of RAM. Bounding concurrency keeps a burst of
// logins (or an attack on the login route) from exhausting memory: 4 x 32 MiB at most.
std::counting_semaphore<4>& HashSlots() {
  static std::counting_semaphore<4> slots(4);
  return slots;
}

class SlotGuard {
 public:
  SlotGuard() { HashSlots().acquire(); }
  ~SlotGuard() { HashSlots().release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

DomainError PolicyError(std::string code, std::string message) {
  return DomainError::Invalid(std::move(code), std::move(message), "password");
}

}  // namespace

std::string HashPassword(std::string_view password) {
  crypto::InitSodium();
  char out[crypto_pwhash_STRBYTES];
  SlotGuard slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  crypto::InitSodium();
  // crypto_pwhash_str_verify needs a NUL-terminated hash.
  std::string hash(encoded_hash);
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view encoded_hash) {
  crypto::InitSodium();
  std::string hash(encoded_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kPasswordOpsLimit, kPasswordMemLimit) != 0;
}

const std::string& DummyPasswordHash() {
  static const std::string kDummy = HashPassword(crypto::RandomToken(24));
  return kDummy;
}

Result<void> CheckPasswordPolicy(std::string_view password, const app::AuthConfig& config) {
  // Code points: a Chinese character is one character of a password, not three.
  const auto length = static_cast<int>(text::Utf8Length(password));
  if (length < config.password_min_length) {
    return PolicyError(
        "auth.password.too_short",
        "密码长度不足，至少需要 " + std::to_string(config.password_min_length) + " 位");
  }
  if (length > kPasswordMaxLength) {
    return PolicyError("auth.password.too_long",
                       "密码过长，最多 " + std::to_string(kPasswordMaxLength) + " 位");
  }
  bool lower = false, upper = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;
    }
  }
  const int classes = int{lower} + int{upper} + int{digit} + int{symbol};
  if (classes < config.password_min_classes) {
    return PolicyError("auth.password.too_weak",
                       "密码强度不足，需包含小写字母、大写字母、数字、符号中的至少 " +
                           std::to_string(config.password_min_classes) + " 类");
  }
  return {};
}

}  // namespace jiceng::core::auth
