// LIKE patterns from user text: %, _ and \ are escaped, so a search for "50%" finds "50%"
// and not everything. Use with ESCAPE '\' in the SQL.
#pragma once
#include <string>
#include <string_view>

namespace jiceng::core::db {

// "%text%": contains text.
std::string LikeContaining(std::string_view text);
// "text%": starts with text.
std::string LikeStartingWith(std::string_view text);

}  // namespace jiceng::core::db
