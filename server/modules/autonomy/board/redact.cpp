#include "modules/autonomy/board/redact.hpp"

#include <optional>
#include <vector>

#include "core/text/utf8.hpp"

namespace jiceng::autonomy {

namespace {

// One character of the text: its bytes and, for a digit (ASCII or full-width), its value.
struct Char {
  std::size_t begin = 0, end = 0;
  int digit = -1;
  char32_t c = 0;
};

std::vector<Char> Characters(std::string_view text) {
  std::vector<Char> out;
  for (std::size_t pos = 0; pos < text.size();) {
    Char ch;
    ch.begin = pos;
    std::optional<char32_t> c = core::text::NextCodePoint(text, pos);
    if (pos == ch.begin) ++pos;  // never stall on a bad byte
    ch.end = pos;
    ch.c = c.value_or(0xFFFD);
    if (ch.c >= '0' && ch.c <= '9') ch.digit = static_cast<int>(ch.c - '0');
    if (ch.c >= 0xFF10 && ch.c <= 0xFF19) ch.digit = static_cast<int>(ch.c - 0xFF10);
    out.push_back(ch);
  }
  return out;
}

// What may stand between the digit groups of one written number: "138 1234 5678",
// "0575-87000002", "３３０６８１－…".
bool Separator(char32_t c) { return c == ' ' || c == '-' || c == 0x3000 || c == 0xFF0D; }

bool CheckLetter(char32_t c) { return c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58; }

struct Group {
  std::size_t first = 0, last = 0;  // indexes of its first and one past its last digit
  std::size_t size() const { return last - first; }
};

}  // namespace

// A number is written as digit groups joined by single separators. Any groups in a row whose
// digits form a mobile number (11 digits from 1, or 86 and those 11), an ID number (15 or 18,
// or 17 and a check letter X) or a landline (a 3–4 digit area code from 0, then 7–8 digits)
// are hidden, wherever they stand in a longer run ("第3 138 1234 5678"); so is any group of
// 11 digits or more. Dates (2025-09-30), amounts (8200.00) and short codes stay.
std::string RedactNumbers(std::string_view text) {
  const std::vector<Char> chars = Characters(text);
  std::vector<bool> hide(chars.size(), false);
  auto hide_range = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) hide[k] = true;
  };
  for (std::size_t i = 0; i < chars.size();) {
    if (chars[i].digit < 0) {
      ++i;
      continue;
    }
    std::vector<Group> groups;
    for (std::size_t j = i;;) {
      Group g{j, j};
      while (g.last < chars.size() && chars[g.last].digit >= 0) ++g.last;
      groups.push_back(g);
      j = g.last;
      if (j + 1 < chars.size() && Separator(chars[j].c) && chars[j + 1].digit >= 0) {
        ++j;
        continue;
      }
      break;
    }
    // The run's digits in order, and where each group's start among them.
    std::vector<int> d;
    std::vector<std::size_t> offset;
    for (const Group& g : groups) {
      offset.push_back(d.size());
      for (std::size_t k = g.first; k < g.last; ++k) d.push_back(chars[k].digit);
    }
    for (std::size_t a = 0; a < groups.size(); ++a) {
      auto nth = [&](std::size_t n) { return offset[a] + n < d.size() ? d[offset[a] + n] : -1; };
      const int first = nth(0), second = nth(1), third = nth(2);
      std::size_t digits = 0;
      for (std::size_t b = a; b < groups.size(); ++b) {
        digits += groups[b].size();
        const std::size_t end = groups[b].last;
        const bool letter = end < chars.size() && CheckLetter(chars[end].c);
        const bool mobile = (digits == 11 && first == 1) ||
                            (digits == 13 && first == 8 && second == 6 && third == 1);
        const bool id = digits == 15 || digits == 18 || (digits == 17 && letter);
        const bool landline = first == 0 && b > a &&
                              (groups[a].size() == 3 || groups[a].size() == 4) &&
                              digits - groups[a].size() >= 7 && digits - groups[a].size() <= 8;
        if (mobile || id || landline) hide_range(groups[a].first, id && letter ? end + 1 : end);
      }
      if (groups[a].size() >= 11) {
        const bool letter = groups[a].last < chars.size() && CheckLetter(chars[groups[a].last].c);
        hide_range(groups[a].first, groups[a].last + (letter ? 1 : 0));
      }
    }
    i = groups.back().last;
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < chars.size(); ++k) {
    if (hide[k]) {
      out += '*';
    } else {
      out.append(text.substr(chars[k].begin, chars[k].end - chars[k].begin));
    }
  }
  return out;
}

}  // namespace jiceng::autonomy
