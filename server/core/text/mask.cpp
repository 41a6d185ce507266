#include "core/text/mask.hpp"

#include <vector>

#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"

namespace jiceng::core::text {
namespace {

// Splits UTF-8 into characters. Bytes that are not UTF-8 become an empty entry (a stray byte
// with the continuation bytes after it, as SplitUtf8 groups them), so that they are always
// starred and never copied into the output.
std::vector<std::string> Characters(std::string_view s) {
  std::vector<std::string> out = SplitUtf8(s);
  for (auto& c : out) {
    if (!ValidUtf8(c)) c.clear();
  }
  return out;
}

// Keeps the first `head` and last `tail` characters and stars the rest.
std::string KeepEnds(const std::vector<std::string>& chars, size_t head, size_t tail) {
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    bool keep = (i < head || i + tail >= chars.size()) && !chars[i].empty();
    out += keep ? chars[i] : std::string_view("*");
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string MaskIdNumber(std::string_view id) {
  auto chars = Characters(TrimSpaces(id));
  if (chars.size() == 18) return KeepEnds(chars, 6, 4);
  if (chars.size() == 15) return KeepEnds(chars, 6, 3);
  if (chars.size() <= 3) return std::string(chars.size(), '*');
  return KeepEnds(chars, 1, 2);
}

std::string MaskPhone(std::string_view phone) {
  auto normalized = NormalizePhone(phone);
  if (normalized.ok()) {
    const std::string& n = *normalized;
    if (n.size() == 11 && n[0] == '1') return n.substr(0, 3) + "****" + n.substr(7);
    if (n[0] == '0') {
      // "0575-87654321[-123]": star the local number except its last 4 digits.
      size_t dash = n.find('-');
      size_t ext = n.find('-', dash + 1);
      size_t local_end = ext == std::string::npos ? n.size() : ext;
      size_t local_len = local_end - dash - 1;
      return n.substr(0, dash + 1) + std::string(local_len - 4, '*') + n.substr(local_end - 4);
    }
    // Service numbers: the general rule, keeping the dashes where they are.
    std::string out = n;
    for (size_t i = 0; i + 4 < out.size(); ++i) {
      if (out[i] != '-') out[i] = '*';
    }
    return out;
  }
  auto chars = Characters(TrimSpaces(phone));
  if (chars.size() <= 4) return std::string(chars.size(), '*');
  return KeepEnds(chars, 0, 4);
}

}  // namespace jiceng::core::text
