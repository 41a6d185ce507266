// Text for XML 1.0 and HTML documents that servers write by hand (Open311 XML, printable HTML
// summaries): the five special characters escaped (& < > " '), so user text is always text, and
// the result well-formed whatever the input: bytes that are not UTF-8 become U+FFFD and
// characters XML 1.0 does not allow (control characters other than tab, LF, CR; U+FFFE/U+FFFF)
// are dropped.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::core::text {

// s escaped for element content or attribute values, with the repairs above.
std::string EscapeMarkup(std::string_view s);

}  // namespace jiceng::core::text
