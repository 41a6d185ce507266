#include "modules/people/grid_cursor.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace jiceng::people {

core::Result<GridCursor> ParseGridCursor(const std::string& text) {
  if (text.empty()) return GridCursor{};
  auto bad = [] { return core::DomainError::Invalid("http.bad_cursor", "分页游标无效", "cursor"); };
  auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return bad();
  GridCursor c{text.substr(0, colon), 0};
  if (!std::all_of(c.org_code.begin(), c.org_code.end(),
                   [](char ch) { return ch >= '0' && ch <= '9'; }))
    return bad();
  std::string_view rest = std::string_view(text).substr(colon + 1);
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), c.id);
  if (ec != std::errc() || p != rest.data() + rest.size() || c.id < 0) return bad();
  return c;
}

std::string GridCursorText(const std::string& org_code, std::int64_t id) {
  return org_code + ":" + std::to_string(id);
}

std::string AfterGridCursor(const std::string& org_col, const std::string& id_col,
                            const GridCursor& c, core::db::Params& params) {
  if (c.org_code.empty()) return "1=1";
  std::string o = core::db::Bind(params, c.org_code);
  std::string o2 = core::db::Bind(params, c.org_code);
  std::string i = core::db::Bind(params, c.id);
  return "(" + org_col + " > " + o + " OR (" + org_col + " = " + o2 + " AND " + id_col + " > " + i +
         "))";
}

}  // namespace jiceng::people
