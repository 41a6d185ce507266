// The one UTF-8 decoder of the server: validating, counting and splitting text by code point
// (field length limits count characters, not bytes; search terms are built from single
// characters), and the encoder beside it. Code that needs code points uses these instead of
// its own bit twiddling, so every place agrees on what is valid.
//
// Valid means well-formed as Unicode defines it (RFC 3629): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no sequence cut short.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core::text {

// Decodes the code point that starts at s[pos] and moves pos past it. When the bytes there do
// not start a valid sequence, returns nullopt and moves pos past that one byte, so a caller
// that replaces or skips bad input always makes progress. pos must be < s.size().
std::optional<char32_t> NextCodePoint(std::string_view s, std::size_t& pos);

// Whether all of s is valid UTF-8.
bool ValidUtf8(std::string_view s);

// Validates text that arrives in chunks (a file read in blocks): a sequence cut by the end of
// one chunk is completed by the next.
class Utf8Validator {
 public:
  // False once anything fed so far is invalid, and from then on. A sequence cut by the chunk's
  // end is judged when the next chunk brings enough bytes, or by Complete().
  bool Feed(std::string_view chunk);
  // True when everything fed was valid and no sequence is left unfinished.
  bool Complete() const { return valid_ && pending_.empty(); }

 private:
  bool valid_ = true;
  std::string pending_;  // the start of a sequence the last chunk cut, at most 3 bytes
};

// Appends the UTF-8 form of cp, which must be a Unicode scalar value (not a surrogate, at most
// U+10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

// s cut to at most max_bytes bytes, never inside a character.
std::string_view Utf8Prefix(std::string_view s, std::size_t max_bytes);

// Code points in s. Bytes that are not UTF-8 count as one, a stray byte together with the
// continuation bytes that follow it (as SplitUtf8 keeps them).
std::size_t Utf8Length(std::string_view s);

// s cut into code points. Bytes that are not UTF-8 are kept, never dropped or read past the
// end: a stray byte together with the continuation bytes that follow it is one piece (so a
// sequence cut short at the end stays as it is).
std::vector<std::string> SplitUtf8(std::string_view s);

}  // namespace jiceng::core::text
