#include "modules/autonomy/board/redact.hpp"

namespace jiceng::autonomy {

namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string RedactNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!Digit(text[i])) {
      out += text[i++];
      continue;
    }
    // A run of digits, possibly "area code - number" or ending in X (ID numbers).
    std::size_t j = i;
    while (j < text.size() && Digit(text[j])) ++j;
    std::size_t run = j - i;
    std::size_t end = j;
    bool sensitive = false;
    if (run >= 11) {
      sensitive = true;
      if (end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    } else if (text[i] == '0' && run >= 3 && run <= 4 && j < text.size() && text[j] == '-') {
      std::size_t k = j + 1;
      while (k < text.size() && Digit(text[k])) ++k;
      if (k - (j + 1) >= 7 && k - (j + 1) <= 8) {
        sensitive = true;
        end = k;
      }
    }
    if (sensitive) {
      out.append(end - i, '*');
    } else {
      out.append(text.substr(i, run));
    }
    i = sensitive ? end : j;
  }
  return out;
}

}  // namespace jiceng::autonomy
