#include "core/text/utf8.hpp"

#include <algorithm>

namespace jiceng::core::text {

namespace {

constexpr std::size_t kMaxSequenceBytes = 4;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves pos past the next piece of s as Utf8Length and SplitUtf8 count them: a code point, or a
// stray byte with the continuation bytes after it.
void SkipPiece(std::string_view s, std::size_t& pos) {
  if (NextCodePoint(s, pos)) return;
  while (pos < s.size() && IsContinuationByte(s[pos])) ++pos;
}

}  // namespace

std::optional<char32_t> NextCodePoint(std::string_view s, std::size_t& pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  // The lead byte gives the length, and narrows the range of the second byte so that overlong
  // forms (E0, F0), surrogates (ED) and values past U+10FFFF (F4) are refused without decoding
  // (the table of well-formed sequences in the Unicode standard, chapter 3). C0, C1 and F5..FF
  // never start a valid sequence, nor does a continuation byte.
  std::size_t n = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    ++pos;
    return std::nullopt;
  }
  if (s.size() - pos < n) {
    ++pos;
    return std::nullopt;
  }
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char b = byte(pos + k);
    if (b < lo || b > hi) {
      ++pos;
      return std::nullopt;
    }
    lo = 0x80, hi = 0xBF;
    cp = cp << 6 | (b & 0x3F);
  }
  pos += n;
  return cp;
}

bool ValidUtf8(std::string_view s) {
  Utf8Validator v;
  return v.Feed(s) && v.Complete();
}

bool Utf8Validator::Feed(std::string_view chunk) {
  if (!valid_) return false;
  std::size_t pos = 0;
  if (!pending_.empty()) {
    // A sequence is at most 4 bytes: the ones carried over and the first of this chunk decide.
    std::size_t take = std::min(chunk.size(), kMaxSequenceBytes - pending_.size());
    std::string joined = pending_;
    joined.append(chunk.substr(0, take));
    std::size_t end = 0;
    if (NextCodePoint(joined, end)) {
      pos = end - pending_.size();
      pending_.clear();
    } else if (joined.size() < kMaxSequenceBytes && take == chunk.size()) {
      pending_ = std::move(joined);  // still too short to tell
      return true;
    } else {
      return valid_ = false;
    }
  }
  while (pos < chunk.size()) {
    if (static_cast<unsigned char>(chunk[pos]) < 0x80) {
      ++pos;  // ASCII, most of a CSV file: no call
      continue;
    }
    std::size_t start = pos;
    if (NextCodePoint(chunk, pos)) continue;
    if (chunk.size() - start >= kMaxSequenceBytes) return valid_ = false;
    // Perhaps a sequence the chunk's end cut: the next chunk, or Complete(), decides.
    pending_ = chunk.substr(start);
    return true;
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view Utf8Prefix(std::string_view s, std::size_t max_bytes) {
  std::size_t cut = 0;
  while (cut < s.size()) {
    std::size_t next = cut;
    (void)NextCodePoint(s, next);  // a byte that is not UTF-8 may be cut after
    if (next > max_bytes) break;
    cut = next;
  }
  return s.substr(0, cut);
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) SkipPiece(s, pos);
  return n;
}

std::vector<std::string> SplitUtf8(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t start = pos;
    SkipPiece(s, pos);
    out.emplace_back(s.substr(start, pos - start));
  }
  return out;
}

}  // namespace jiceng::core::text
