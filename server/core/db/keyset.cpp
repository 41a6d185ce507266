#include "core/db/keyset.hpp"

#include <charconv>

namespace jiceng::core::db {

namespace {

constexpr int kMaxPage = 500;

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<KeysetCursor> ParseKeysetCursor(const KeysetColumns& columns, std::string_view text) {
  if (text.empty()) return KeysetCursor{};
  auto bad = [] { return DomainError::Invalid("http.bad_cursor", "分页游标无效", "cursor"); };
  KeysetCursor c{false, {}, 0};
  std::string_view id = text;
  if (!columns.group.empty()) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || !AllDigits(text.substr(0, colon)))
      return bad();
    c.group = std::string(text.substr(0, colon));
    id = text.substr(colon + 1);
  }
  auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), c.id);
  if (ec != std::errc() || p != id.data() + id.size() || c.id < 0) return bad();
  return c;
}

std::string KeysetCursorText(const KeysetColumns& columns, std::string_view group,
                             std::int64_t id) {
  if (columns.group.empty()) return std::to_string(id);
  return std::string(group) + ":" + std::to_string(id);
}

std::string KeysetAfter(const KeysetColumns& columns, const KeysetCursor& c, Params& params) {
  if (c.first) return "1=1";
  const char* beyond = columns.descending ? " < " : " > ";
  std::string id = columns.id + beyond + Bind(params, c.id);
  if (columns.group.empty()) return id;
  std::string g = Bind(params, c.group);
  std::string g2 = Bind(params, c.group);
  return "(" + columns.group + beyond + g + " OR (" + columns.group + " = " + g2 + " AND " + id +
         "))";
}

Result<KeysetPage> KeysetPage::Of(KeysetColumns columns, std::string_view cursor, int limit) {
  JC_ASSIGN_OR_RETURN(KeysetCursor c, ParseKeysetCursor(columns, cursor));
  return KeysetPage(std::move(columns), std::move(c), std::clamp(limit, 1, kMaxPage));
}

std::string KeysetPage::OrderLimit(Params& params) const {
  const char* direction = columns_.descending ? " DESC" : "";
  std::string order = columns_.id + direction;
  if (!columns_.group.empty()) order = columns_.group + direction + ", " + order;
  return " ORDER BY " + order + " LIMIT " + Bind(params, std::int64_t{limit_} + 1);
}

}  // namespace jiceng::core::db
