// Whole-text number parsing for ids, cursors and query parameters: "12" is a number, "12a",
// " 12" and "" are not (std::from_chars alone stops at the first bad character).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace jiceng::core::text {

// A decimal integer taking up all of s; nullopt for anything else (or out of range).
std::optional<std::int64_t> ParseInt(std::string_view s);
// The same into out (untouched when s is not a number), for parsers that read several parts.
bool ParseInt(std::string_view s, std::int64_t& out);

}  // namespace jiceng::core::text
