// Counting and splitting UTF-8 text by code point (field length limits count characters, not
// bytes; search terms are built from single characters).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core::text {

// Code points in s (every byte that starts one). Invalid bytes count as one each.
std::size_t Utf8Length(std::string_view s);

// s cut into code points; a truncated sequence at the end is kept as it is.
std::vector<std::string> SplitUtf8(std::string_view s);

}  // namespace jiceng::core::text
