// Simplified -> Traditional conversion (OpenCC), used for zh-TW answers.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::core::text {

// Converts Simplified Chinese to Traditional (Taiwan phrasing). Thread-safe. Returns the input
// unchanged if the OpenCC data files are missing.
std::string ToTraditional(std::string_view simplified);

}  // namespace jiceng::core::text
