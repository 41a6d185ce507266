#pragma once
#include <string>
#include <string_view>

namespace jiceng::core::http {
// English titles for error codes; falls back to a generic title for the HTTP status.
std::string EnglishTitle(std::string_view code, int status);
}  // namespace jiceng::core::http
