// Small, well-reviewed primitives only: hashing, random tokens, constant-time comparison.
// SM3 comes from OpenSSL 3 (national algorithm, GB/T 32905); randomness from libsodium.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace jiceng::core::crypto {

// Initializes libsodium once per process; safe to call from any thread, any number of times.
// Throws std::runtime_error if the library cannot start (no entropy source).
void InitSodium();

// SM3 digest of bytes as 64 lower-case hex characters.
std::string Sm3Hex(std::string_view bytes);

// SHA-256 digest as 64 lower-case hex characters. Used to store session tokens: the database
// holds only the hash, so a leaked database does not yield usable tokens.
std::string Sha256Hex(std::string_view bytes);

// n_bytes of CSPRNG output encoded as URL-safe base64 without padding (32 bytes -> 43 chars).
std::string RandomToken(std::size_t n_bytes = 32);

// n_bytes of raw CSPRNG output.
std::string RandomBytes(std::size_t n_bytes);
// n random characters drawn uniformly from alphabet (e.g. recovery codes).
std::string RandomChars(std::size_t n, std::string_view alphabet);

// Compares without an early exit, so the time taken does not reveal where two secrets differ.
// Strings of different length compare unequal (their lengths are not secret here).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace jiceng::core::crypto
