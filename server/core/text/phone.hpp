// Phone numbers as residents and staff type them, normalized for storage and lookup.
#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::text {

// Normalizes a mainland China phone number. Spaces, dashes and parentheses are ignored, and
// full-width digits and signs are read as ASCII.
//   mobile    1[3-9] + 9 digits, optionally after +86 / 86 / 0086     -> "13812345678"
//   landline  area code (010, 02X or 0 + 3 digits) + 7–8 digit number,
//             optional extension after "-" or "转"                    -> "0575-87654321[-123]"
//             (+86 575 ... without the leading 0 is accepted too)
//   service   400 / 800 + 7 digits                                    -> "400-123-4567"
//             95 + 3–6 digits                                         -> "95588"
// Error (kind invalid, field "phone"): people.phone.format.
Result<std::string> NormalizePhone(std::string_view text);

}  // namespace jiceng::core::text
