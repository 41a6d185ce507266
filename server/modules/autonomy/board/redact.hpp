// What the public village board never shows: ID numbers and phone numbers typed into a
// disclosure's text. A run of 11 or more digits (a mobile number, an 18- or 15-digit ID number,
// with a final X) and a landline with its area code (0575-87000002) become asterisks.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::autonomy {

std::string RedactNumbers(std::string_view text);

}  // namespace jiceng::autonomy
