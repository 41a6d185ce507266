// What the public village board and the printed notice never show: ID numbers and phone numbers
// typed into a disclosure's text, however they are written (13857500003, 138 5750 0003,
// +86 138…, full-width digits, 330681 19900101 123X, 0575-87000002). Each character of such a
// number becomes one asterisk; everything else is kept byte for byte. Applying it twice changes
// nothing more.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::autonomy {

std::string RedactNumbers(std::string_view text);

}  // namespace jiceng::autonomy
