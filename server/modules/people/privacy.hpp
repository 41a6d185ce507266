// Personal data at rest and in answers: ID and phone numbers are encrypted with the data key and
// found again through keyed hashes (blind indexes); answers mask them unless a purpose was given.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/crypto/field_cipher.hpp"
#include "core/result.hpp"

namespace jiceng::people {

class Privacy {
 public:
  explicit Privacy(std::shared_ptr<core::crypto::FieldCipher> cipher)
      : cipher_(std::move(cipher)) {}

  // Encrypted blob of a value, or "" for an empty value (stored as NULL).
  std::string Seal(std::string_view clear) const;
  // The clear value of a blob ("" for an empty blob); a blob that fails to decrypt is an error.
  core::Result<std::string> Open(std::string_view blob) const;

  // Exact-match keys. Empty for an empty value.
  std::string IdNumberIndex(std::string_view normalized_id) const;
  std::string PhoneIndex(std::string_view normalized_phone) const;
  // Search terms for the last 4 characters of an ID number and of a phone number.
  std::string IdTailTerm(std::string_view last4) const;
  std::string PhoneTailTerm(std::string_view last4) const;

 private:
  std::shared_ptr<core::crypto::FieldCipher> cipher_;
};

// A reason for reading personal data in full, as the caller gave it (2-200 characters).
core::Result<std::string> ParsePurpose(std::string_view purpose);

}  // namespace jiceng::people
