#include "core/db/like.hpp"

namespace jiceng::core::db {

std::string LikeStartingWith(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

std::string LikeContaining(std::string_view text) { return "%" + LikeStartingWith(text); }

}  // namespace jiceng::core::db
