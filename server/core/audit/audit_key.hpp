// The audit key: a 32-byte secret kept outside the database, under which every audit row and
// every sealed batch of rows is authenticated with HMAC-SM3 (GB/T 32905 digest, RFC 2104 MAC).
// Someone who can write the database but does not hold this file cannot forge, change or
// re-chain audit records without `jiceng audit verify` noticing.
//
// File format: 64 lower- or upper-case hex characters, optionally followed by a newline, mode
// 0600 (no access for group or others). Created with a fresh random key on first start of the
// server (create=true); the verifying tools never create it.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jiceng::core::audit {

class AuditKey {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Errors (field "[audit] key_file"): audit.key_file.missing (no file and create=false, or no
  // path), audit.key_file.permissions (group/others may read or write it),
  // audit.key_file.format (not 64 hex characters), audit.key_file.unreadable,
  // audit.key_file.create.
  static Result<std::shared_ptr<const AuditKey>> FromFile(const std::string& path, bool create);
  // The raw 32 bytes (tests, tools). Throws std::invalid_argument for another length.
  static std::shared_ptr<const AuditKey> FromBytes(std::string_view key32);
  // A fresh random key held only in memory (tests and throwaway tools: nothing it protects can
  // be verified after the process ends).
  static std::shared_ptr<const AuditKey> Random();

  ~AuditKey();
  AuditKey(const AuditKey&) = delete;
  AuditKey& operator=(const AuditKey&) = delete;

  // HMAC-SM3(key, message) as 64 lower-case hex characters. Thread-safe.
  std::string MacHex(std::string_view message) const;

 private:
  explicit AuditKey(std::string_view key32);
  std::string key_;
};

// SM3 Merkle tree over leaves given as hex strings (RFC 6962 shape with SM3: leaf = SM3(0x00 ||
// leaf bytes), node = SM3(0x01 || left || right), the left subtree the largest power of two
// below n). Empty input gives SM3(0x00). Answers 64 lower-case hex characters.
std::string MerkleRootHex(const std::vector<std::string>& leaves_hex);

}  // namespace jiceng::core::audit
