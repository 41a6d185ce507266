// Paging position of people lists, which are ordered by grid, then id: "org_code:id" ("" is
// the start). The paging itself is core::db's keyset paging; this names its people form.
#pragma once
#include <cstdint>
#include <string>
#include <utility>

#include "core/db/keyset.hpp"
#include "core/result.hpp"

namespace jiceng::people {

struct GridCursor {
  std::string org_code;
  std::int64_t id = 0;
};

// 400 http.bad_cursor for anything but "" or digits:non-negative-integer.
core::Result<GridCursor> ParseGridCursor(const std::string& text);
std::string GridCursorText(const std::string& org_code, std::int64_t id);
// Condition "(org_col, id_col) > cursor" (see core::db::KeysetAfter).
std::string AfterGridCursor(const std::string& org_col, const std::string& id_col,
                            const GridCursor& c, core::db::Params& params);

// The (grid, id) keys of a record, for core::db::KeysetPage::Cut.
template <typename T>
std::pair<std::string, std::int64_t> GridKeys(const T& record) {
  return {record.org_code, record.id};
}

}  // namespace jiceng::people
