// A 32-byte secret kept in a file outside the database (the field-encryption key and the audit
// key). One format and one set of checks for both: 64 hex characters and an optional line end,
// mode 0600, a regular file. Created with a fresh random key only when asked (the server on its
// first start); the verifying tools never create one.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::crypto {

// The raw key bytes; wiped when the object goes away.
class KeyBytes {
 public:
  static constexpr std::size_t kSize = 32;
  explicit KeyBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  KeyBytes(KeyBytes&& other) noexcept;
  KeyBytes& operator=(KeyBytes&&) = delete;
  KeyBytes(const KeyBytes&) = delete;
  KeyBytes& operator=(const KeyBytes&) = delete;
  ~KeyBytes();
  std::string_view view() const { return bytes_; }

 private:
  std::string bytes_;
};

// How errors name the file: codes are `<code_prefix>.missing|unreadable|permissions|format|create`,
// the field is `field`, messages say `noun` ("密钥文件", "审计密钥文件").
struct KeyFileKind {
  const char* code_prefix;
  const char* field;
  const char* noun;
};

// Reads the key at path; with create, writes a new random key first when there is none (O_EXCL:
// two processes starting together cannot overwrite each other's key).
Result<KeyBytes> ReadKeyFile(const std::string& path, bool create, const KeyFileKind& kind);

}  // namespace jiceng::core::crypto
