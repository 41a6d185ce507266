// Unified social credit codes (统一社会信用代码, GB 32100-2015) of companies and organizations.
#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiceng::core::text {

// Validates an 18-character code and returns it trimmed and upper-cased. Characters come from
// "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), characters 3–8 are the administrative
// division code (digits) and the last one is the check character.
// Errors (kind invalid, field "credit_code"): people.credit_code.format,
// people.credit_code.check_digit.
Result<std::string> ParseCreditCode(std::string_view text);

}  // namespace jiceng::core::text
