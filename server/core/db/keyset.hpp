// Keyset paging: a list ordered by its keys continues after the keys of the last row shown, so
// every page costs what the first does (an OFFSET would rescan the rows before it). One key is
// an integer id; an optional leading text key (an org code) groups rows so that a scope's rows
// are one index range. The cursor is "id" or "group:id".
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/value.hpp"
#include "core/result.hpp"

namespace jiceng::core::db {

// One page of a list: its items and, when more follow, the cursor of the next page.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// The columns a list is ordered by, e.g. {"h.org_code", "h.id"} or {"", "seq", true}.
struct KeysetColumns {
  std::string group;  // leading text key of digits; empty: the id alone orders the list
  std::string id;     // integer key, unique (within a group)
  bool descending = false;
};

// The keys of the last row of the previous page.
struct KeysetCursor {
  bool first = true;  // no cursor: the first page
  std::string group;
  std::int64_t id = 0;
};

// 400 http.bad_cursor for anything but "" or the cursor form of columns.
Result<KeysetCursor> ParseKeysetCursor(const KeysetColumns& columns, std::string_view text);
std::string KeysetCursorText(const KeysetColumns& columns, std::string_view group, std::int64_t id);
// Condition "keys beyond the cursor" ("1=1" on the first page), without row-value syntax so
// that both drivers use the index.
std::string KeysetAfter(const KeysetColumns& columns, const KeysetCursor& cursor, Params& params);

// One page of a list: the parsed cursor, the page size (1..500) and the pieces of its query.
class KeysetPage {
 public:
  static Result<KeysetPage> Of(KeysetColumns columns, std::string_view cursor, int limit);

  std::string After(Params& params) const { return KeysetAfter(columns_, cursor_, params); }
  // " ORDER BY <keys> LIMIT $n": one row more than the page, which tells whether another follows.
  std::string OrderLimit(Params& params) const;
  int limit() const { return limit_; }

  // Drops the extra row; the next cursor (keys_of(item) gives {group, id}) when there was one.
  template <typename T, typename KeysOf>
  std::optional<std::string> Cut(std::vector<T>& items, KeysOf keys_of) const {
    auto limit = static_cast<std::size_t>(limit_);
    if (items.size() <= limit) return std::nullopt;
    items.resize(limit);
    auto [group, id] = keys_of(items.back());
    return KeysetCursorText(columns_, group, id);
  }

 private:
  KeysetPage(KeysetColumns columns, KeysetCursor cursor, int limit)
      : columns_(std::move(columns)), cursor_(std::move(cursor)), limit_(limit) {}
  KeysetColumns columns_;
  KeysetCursor cursor_;
  int limit_;
};

}  // namespace jiceng::core::db
