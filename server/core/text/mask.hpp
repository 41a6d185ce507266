// Masking of personal identifiers for responses to callers without people.sensitive.read.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::core::text {

// 18 characters: first 6 + 8 stars + last 4 ("330681********123X"); 15 characters: first 6 +
// 6 stars + last 3. Other documents (passports, permits): first 1 and last 2 kept, the rest
// starred; 3 characters or fewer: all stars. Counts characters, not bytes, and never fails:
// malformed UTF-8 bytes are starred.
std::string MaskIdNumber(std::string_view id);

// Mobile: "138****5678"; landline: area code and last 4 digits kept ("0575-****4321", extension
// kept); anything else: all but the last 4 characters starred. Input is normalized first (see
// NormalizePhone), so "+86 138 1234 5678" masks like "13812345678".
std::string MaskPhone(std::string_view phone);

}  // namespace jiceng::core::text
