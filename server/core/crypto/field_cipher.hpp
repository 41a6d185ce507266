// Encryption at rest for personal fields (ID numbers, phone numbers) and their blind indexes.
// GB/T 39786-2021 asks for these to be confidential at rest; SM4/SM3 are the national
// algorithms, AES-256-GCM the international alternative DESIGN.md allows.
//
// The 32-byte master key lives in a key file outside the database, so a copied database alone
// reveals nothing. Losing the key file loses every encrypted field: back it up separately from
// the database. Separate subkeys for SM4, HMAC-SM3, AES and the blind index are derived from it
// with HKDF-SM3, so no key is ever used by two algorithms.
//
// Blob format (binary; store as BLOB/bytea):
//   0x01 = SM4-CTR + HMAC-SM3 (encrypt-then-MAC): 0x01 | IV 16 | ciphertext | tag 16
//          tag = first 16 bytes of HMAC-SM3(mac key, 0x01 | IV | ciphertext)
//   0x02 = AES-256-GCM: 0x02 | nonce 12 | ciphertext | tag 16, the first byte as associated data
// Decrypt reads both, whatever the configured suite, so [security] field_suite can change
// without re-encrypting the existing rows.
//
// The blind index is HMAC-SM3 whatever the suite, for the same reason: indexes stay valid when
// the suite changes. It is deterministic (equal values give equal indexes, which is what makes
// lookups possible), so hash only values normalised by the caller (upper-case X, digits only).
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::crypto {

// Encrypt-then-MAC with SM4-CTR + HMAC-SM3, or AES-256-GCM.
enum class FieldSuite { kSm4CtrHmacSm3, kAes256Gcm };

// "sm4" or "aes" (the values of [security] field_suite); nullopt for anything else.
std::optional<FieldSuite> ParseFieldSuite(std::string_view name);

class FieldCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::size_t kBlindIndexHexChars = 32;

  // Reads a key file: 64 hex characters (the 32-byte master key), optionally followed by a
  // newline. With create=true and no file, writes a new random key with mode 0600. Errors:
  // security.key_file.missing (no file, create=false), security.key_file.permissions (readable
  // or writable by group/others), security.key_file.format (not 64 hex characters),
  // security.key_file.unreadable, security.key_file.create.
  static core::Result<std::shared_ptr<FieldCipher>> FromKeyFile(const std::string& path,
                                                                bool create, FieldSuite suite);
  // For tests and tools holding the raw key. Throws std::invalid_argument unless 32 bytes.
  static std::shared_ptr<FieldCipher> FromKey(std::string_view key32, FieldSuite suite);

  ~FieldCipher();
  FieldCipher(const FieldCipher&) = delete;
  FieldCipher& operator=(const FieldCipher&) = delete;

  FieldSuite suite() const { return suite_; }

  // All methods are const and safe to call from many threads at once.
  // A fresh random IV/nonce each call, so equal plaintexts give different blobs.
  std::string Encrypt(std::string_view plaintext) const;
  // Blobs of either suite. A changed, truncated or foreign blob (or a different key) gives
  // security.field.decrypt.
  core::Result<std::string> Decrypt(std::string_view blob) const;
  // Keyed hash of value, 16 bytes as 32 lower-case hex characters. domain separates uses ("id",
  // "id_tail4", "phone", ...), so equal values in two domains give unrelated indexes.
  std::string BlindIndex(std::string_view domain, std::string_view value) const;

 private:
  struct Keys;
  FieldCipher(std::string_view key32, FieldSuite suite);

  std::unique_ptr<Keys> keys_;
  FieldSuite suite_;
};

}  // namespace jiceng::core::crypto
