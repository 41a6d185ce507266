// Password hashing (argon2id via libsodium) and the password policy (MLPS level 3: complex
// passwords). Hashes are self-describing strings ($argon2id$v=19$m=...,t=...,p=1$...), so the
// cost can be raised later without breaking existing hashes (see PasswordNeedsRehash).
#pragma once
#include <string>
#include <string_view>

#include "core/app/config.hpp"
#include "core/result.hpp"

namespace jiceng::core::auth {

// Cost of new hashes. libsodium's INTERACTIVE preset (t=2, 64 MiB) measured 106-140 ms per hash
// on the 2-core target machines, above the ~100 ms budget; t=2 with 32 MiB measured 48 ms and is
// still above the OWASP minimum for argon2id (t=2, 19 MiB).
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr std::size_t kPasswordMemLimit = std::size_t{32} << 20;
// Longest accepted password, in characters: argon2 takes any length, but a bound keeps a
// megabyte "password" from becoming a cheap way to burn server time.
inline constexpr int kPasswordMaxLength = 128;

// Returns the encoded argon2id hash. Throws std::runtime_error only if memory is exhausted.
std::string HashPassword(std::string_view password);

// True if password matches the encoded hash. False for a malformed hash.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// True if the hash was made with other parameters than the current ones.
bool PasswordNeedsRehash(std::string_view encoded_hash);

// A valid hash of a random secret: verifying against it costs the same as a real verify, so a
// login for an unknown user takes as long as one with a wrong password.
const std::string& DummyPasswordHash();

// Checks length (characters, not bytes) and character classes (lower, upper, digit, symbol;
// anything not an ASCII letter or digit counts as a symbol).
// Errors: auth.password.too_short, auth.password.too_weak, auth.password.too_long.
Result<void> CheckPasswordPolicy(std::string_view password, const app::AuthConfig& config);

}  // namespace jiceng::core::auth
