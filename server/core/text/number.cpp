#include "core/text/number.hpp"

#include <charconv>

namespace jiceng::core::text {

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool ParseInt(std::string_view s, std::int64_t& out) {
  auto v = ParseInt(s);
  if (v) out = *v;
  return v.has_value();
}

}  // namespace jiceng::core::text
