// Paging position of people lists, which are ordered by grid, then id: "org_code:id" ("" is
// the start). Keyset paging keeps every page as fast as the first at county scale.
#pragma once
#include <cstdint>
#include <string>

#include "core/db/value.hpp"
#include "core/result.hpp"

namespace jiceng::people {

struct GridCursor {
  std::string org_code;
  std::int64_t id = 0;
};

// 400 http.bad_cursor for anything but "" or digits:non-negative-integer.
core::Result<GridCursor> ParseGridCursor(const std::string& text);
std::string GridCursorText(const std::string& org_code, std::int64_t id);
// Condition "(org_col, id_col) > cursor", without row-value syntax so both drivers use the index.
std::string AfterGridCursor(const std::string& org_col, const std::string& id_col,
                            const GridCursor& c, core::db::Params& params);

}  // namespace jiceng::people
