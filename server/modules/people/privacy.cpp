#include "modules/people/privacy.hpp"

#include "core/text/utf8.hpp"

namespace jiceng::people {

std::string Privacy::Seal(std::string_view clear) const {
  if (clear.empty()) return {};
  return cipher_->Encrypt(clear);
}

core::Result<std::string> Privacy::Open(std::string_view blob) const {
  if (blob.empty()) return std::string();
  return cipher_->Decrypt(blob);
}

std::string Privacy::IdNumberIndex(std::string_view id) const {
  return id.empty() ? std::string() : cipher_->BlindIndex("id", id);
}

std::string Privacy::PhoneIndex(std::string_view phone) const {
  return phone.empty() ? std::string() : cipher_->BlindIndex("phone", phone);
}

std::string Privacy::IdTailTerm(std::string_view last4) const {
  return cipher_->BlindIndex("id4", last4);
}

std::string Privacy::PhoneTailTerm(std::string_view last4) const {
  return cipher_->BlindIndex("phone4", last4);
}

core::Result<std::string> ParsePurpose(std::string_view purpose) {
  std::size_t n = core::text::Utf8Length(purpose);
  if (n < 2 || n > 200) {
    return core::DomainError::Invalid("people.purpose.invalid",
                                      "请填写查看完整信息的用途（2–200 个字）", "purpose");
  }
  return std::string(purpose);
}

}  // namespace jiceng::people
