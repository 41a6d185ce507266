#include "modules/people/places/house_store.hpp"

#include <algorithm>
#include <cstdio>

#include "core/db/keyset.hpp"
#include "core/db/like.hpp"
#include "core/db/versioned_update.hpp"
#include "core/module_names.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kHouseColumns =
    "h.id, h.org_code, h.building, h.unit, h.room, h.address, h.use_kind, h.owner_name, "
    "h.rental_status, h.lng, "
    "h.lat, h.version, "
    "(SELECT COUNT(*) FROM people_residents r WHERE r.house_id = h.id AND r.status = 'active'), "
    "(SELECT COUNT(*) FROM people_households hh WHERE hh.house_id = h.id)";

House FromRow(const core::db::Row& row) {
  House h;
  row.Into(h.id, h.org_code, h.building, h.unit, h.room, h.address, h.use, h.owner_name,
           h.rental_status, h.lng, h.lat, h.version, h.resident_count, h.household_count);
  return h;
}

std::string Coordinate(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", *v);
  return buf;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string ComposeHouseAddress(const std::string& building, const std::string& unit,
                                const std::string& room) {
  std::string out = building + (AllDigits(building) ? "幢" : "");
  out += unit + (AllDigits(unit) ? "单元" : "");
  out += room + (AllDigits(room) ? "室" : "");
  return out;
}

Result<std::optional<House>> HouseStore::Get(const core::auth::Scope& scope, std::int64_t id) {
  Params params{id};
  std::string sql = std::string("SELECT ") + kHouseColumns +
                    " FROM people_houses h WHERE h.id = $1 AND " + scope.Sql("h.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<House>();
  return std::optional<House>(FromRow(rows[0]));
}

Result<std::vector<House>> HouseStore::ByIds(const std::vector<std::int64_t>& ids) {
  std::vector<House> out;
  if (ids.empty()) return out;
  Params params;
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT ") + kHouseColumns +
                                   " FROM people_houses h WHERE h.id IN " + BindList(params, ids),
                               params));
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows[i]));
  return out;
}

Result<HousePage> HouseStore::List(const core::auth::Scope& scope, const HouseFilter& filter,
                                   const std::string& cursor_text) {
  JC_ASSIGN_OR_RETURN(auto page_of, core::db::KeysetPage::Of({"h.org_code", "h.id", false},
                                                             cursor_text, filter.limit));
  Params params;
  std::string sql = std::string("SELECT ") + kHouseColumns + " FROM people_houses h WHERE " +
                    scope.Sql("h.org_code", params) + " AND " + page_of.After(params);
  if (!filter.rental_status.empty())
    sql += " AND h.rental_status = " + core::db::Bind(params, filter.rental_status);
  if (!filter.q.empty()) {
    std::string a = core::db::Bind(params, core::db::LikeContaining(filter.q));
    std::string b = core::db::Bind(params, core::db::LikeContaining(filter.q));
    sql += " AND (h.address LIKE " + a + " ESCAPE '\\' OR h.building LIKE " + b + " ESCAPE '\\')";
  }
  sql += page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  HousePage page;
  for (std::size_t i = 0; i < rows.size(); ++i) page.items.push_back(FromRow(rows[i]));
  page.next_cursor = page_of.Cut(page.items, GridKeys<House>);
  return page;
}

Result<void> HouseStore::Insert(House& h, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("INSERT INTO people_houses (org_code, building, unit, room, address, "
                          "use_kind, owner_name, "
                          "rental_status, lng, lat, version, created_at, updated_at) VALUES ($1, "
                          "$2, $3, $4, $5, $6, $7, $8, "
                          "$9, $10, 1, $11, $12) RETURNING id",
                          {h.org_code, h.building, h.unit, h.room, h.address, h.use, h.owner_name,
                           h.rental_status, Opt(h.lng), Opt(h.lat), now, now}));
  h.id = rows[0].Int(0);
  h.version = 1;
  return {};
}

Result<void> HouseStore::Update(const House& before, House& after, const std::string& actor,
                                std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      after.version,
      core::db::UpdateVersioned(
          s_, "people_houses",
          "org_code = $1, building = $2, unit = $3, room = $4, address = $5, use_kind = $6, "
          "owner_name = $7, rental_status = $8, lng = $9, lat = $10, updated_at = $11",
          {after.org_code, after.building, after.unit, after.room, after.address, after.use,
           after.owner_name, after.rental_status, Opt(after.lng), Opt(after.lat), now},
          before.id, before.version, VersionConflict()));
  after.id = before.id;
  return RecordChanges(s_, "house", after.id, DiffHouses(before, after), actor, now);
}

std::vector<FieldChange> DiffHouses(const House& a, const House& b) {
  FieldDiff d;
  d.Add("org_code", a.org_code, b.org_code);
  d.Add("building", a.building, b.building);
  d.Add("unit", a.unit, b.unit);
  d.Add("room", a.room, b.room);
  d.Add("address", a.address, b.address);
  d.Add("use", a.use, b.use);
  d.Add("owner_name", a.owner_name, b.owner_name);
  d.Add("rental_status", a.rental_status, b.rental_status);
  d.Add("lng", Coordinate(a.lng), Coordinate(b.lng));
  d.Add("lat", Coordinate(a.lat), Coordinate(b.lat));
  return d.Take();
}

}  // namespace jiceng::people
