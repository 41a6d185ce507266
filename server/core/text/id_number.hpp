// Citizen ID numbers (GB 11643-1999): parsing, check character, birth date and sex.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::text {

enum class IdNumberKind {
  kStandard,  // 18 characters with a check character
  kLegacy15,  // first-generation card: 15 digits, YYMMDD birth date, no check character
};

struct IdNumberInfo {
  IdNumberKind kind = IdNumberKind::kStandard;
  std::string normalized;    // trimmed, upper-case X; a 15-digit number is kept as entered
  std::string address_code;  // 6 digits
  std::string birth_date;    // YYYY-MM-DD
  bool male = false;         // odd sequence number
};

// Check character of an 18-character number: "10X98765432"[Σ aᵢ·Wᵢ mod 11]. `first17` must be
// 17 ASCII digits; anything else gives '\0'.
char IdCheckChar(std::string_view first17);

// Parses and validates an ID number. Surrounding spaces are trimmed and a lower-case x accepted.
// `address_exists(six_digits)` decides whether the address code exists; an empty function skips
// that check. `today` is "YYYY-MM-DD" and refuses birth dates after it (empty: not checked).
// Errors (kind invalid, field "id_number"): people.id_number.format, people.id_number.check_digit,
// people.id_number.birth_date, people.id_number.address_code.
// A kLegacy15 result is valid but the caller should warn and ask for the 18-character number.
Result<IdNumberInfo> ParseIdNumber(std::string_view text,
                                   const std::function<bool(std::string_view)>& address_exists,
                                   std::string_view today);

// Age in full years on `today` (both "YYYY-MM-DD"); someone born on 29 February turns a year
// older on 1 March in common years. Returns -1 if a date is malformed or birth is after today.
int AgeOn(std::string_view birth_date, std::string_view today);

}  // namespace jiceng::core::text
