#include "modules/people/grid_cursor.hpp"

namespace jiceng::people {

namespace {

core::db::KeysetColumns GridColumns(const std::string& org_col, const std::string& id_col) {
  return {org_col, id_col, false};
}

}  // namespace

core::Result<GridCursor> ParseGridCursor(const std::string& text) {
  JC_ASSIGN_OR_RETURN(auto c, core::db::ParseKeysetCursor(GridColumns("org_code", "id"), text));
  return GridCursor{std::move(c.group), c.id};
}

std::string GridCursorText(const std::string& org_code, std::int64_t id) {
  return core::db::KeysetCursorText(GridColumns("org_code", "id"), org_code, id);
}

std::string AfterGridCursor(const std::string& org_col, const std::string& id_col,
                            const GridCursor& c, core::db::Params& params) {
  core::db::KeysetCursor cursor{c.org_code.empty(), c.org_code, c.id};
  return core::db::KeysetAfter(GridColumns(org_col, id_col), cursor, params);
}

}  // namespace jiceng::people
