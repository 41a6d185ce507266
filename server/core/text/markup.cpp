#include "core/text/markup.hpp"

#include <optional>

#include "core/text/utf8.hpp"

namespace jiceng::core::text {

namespace {

bool AllowedInXml(char32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

}  // namespace

std::string EscapeMarkup(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    std::optional<char32_t> cp = NextCodePoint(s, i);
    if (!cp) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that does not start valid UTF-8
      continue;
    }
    if (!AllowedInXml(*cp)) continue;
    switch (*cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;  // kept: a parser would fold a literal CR into LF
      default:
        out.append(s.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace jiceng::core::text
