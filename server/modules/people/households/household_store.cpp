#include "modules/people/households/household_store.hpp"

#include <algorithm>
#include <map>

#include "core/db/keyset.hpp"
#include "core/db/like.hpp"
#include "core/db/versioned_update.hpp"
#include "core/module_names.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"

namespace jiceng::people {

namespace {

// The head is the stored head while they still belong to the household, else a member whose
// relation is 户主 (residents edited directly may have left or joined).
constexpr const char* kSelect =
    "SELECT hh.id, hh.number, hh.org_code, hh.house_id, hr.id, hh.version, hr.name, h.address "
    "FROM people_households hh LEFT JOIN people_residents hr ON hr.id = COALESCE("
    "(SELECT h2.id FROM people_residents h2 WHERE h2.id = hh.head_id AND h2.household_id = hh.id), "
    "(SELECT MIN(h3.id) FROM people_residents h3 WHERE h3.household_id = hh.id AND h3.relation = "
    "'02')) "
    "LEFT JOIN people_houses h ON h.id = hh.house_id WHERE ";

Household FromRow(const core::db::Row& row) {
  Household h;
  row.Into(h.id, h.number, h.org_code, h.house_id, h.head_id, h.version, h.head_name,
           h.house_address);
  return h;
}

DomainError Duplicate() {
  return DomainError::Conflict("people.household.duplicate", "该户号已登记", "number");
}

}  // namespace

Result<std::vector<Household>> HouseholdStore::Select(const std::string& where, Params params,
                                                      const std::string& tail) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(kSelect + where + tail, params));
  std::vector<Household> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows[i]));
  return out;
}

Result<void> HouseholdStore::LoadMembers(const core::auth::Scope& scope,
                                         std::vector<Household>& households) {
  if (households.empty()) return {};
  Params params;
  std::string ids;
  std::map<std::int64_t, Household*> by_id;
  for (auto& h : households) {
    ids += (ids.empty() ? "" : ", ") + core::db::Bind(params, h.id);
    by_id[h.id] = &h;
  }
  std::string sql =
      "SELECT r.household_id, r.id, r.name, r.relation, r.gender, r.birth_date FROM "
      "people_residents r "
      "WHERE r.household_id IN (" +
      ids + ") AND r.status = 'active' AND " + scope.Sql("r.org_code", params) +
      " ORDER BY r.household_id, r.relation, r.id";
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Household* h = by_id[rows[i].Int(0)];
    if (!h) continue;
    h->members.push_back(
        {rows[i].Int(1), rows[i].Text(2), rows[i].Text(3), rows[i].Text(4), rows[i].Text(5)});
  }
  for (auto& h : households) {
    // The head first, then by relation code.
    std::stable_sort(h.members.begin(), h.members.end(),
                     [&](const HouseholdMember& a, const HouseholdMember& b) {
                       bool ha = h.head_id && a.resident_id == *h.head_id;
                       bool hb = h.head_id && b.resident_id == *h.head_id;
                       return ha && !hb;
                     });
    h.member_count = static_cast<std::int64_t>(h.members.size());
  }
  return {};
}

Result<std::optional<Household>> HouseholdStore::Get(const core::auth::Scope& scope,
                                                     std::int64_t id) {
  Params params{id};
  std::string where = "hh.id = $1 AND " + scope.Sql("hh.org_code", params);
  JC_ASSIGN_OR_RETURN(auto found, Select(where, params, ""));
  if (found.empty()) return std::optional<Household>();
  JC_TRY(LoadMembers(scope, found));
  return std::optional<Household>(std::move(found[0]));
}

Result<HouseholdPage> HouseholdStore::List(const core::auth::Scope& scope,
                                           const HouseholdFilter& filter,
                                           const std::string& cursor_text) {
  JC_ASSIGN_OR_RETURN(auto page_of, core::db::KeysetPage::Of({"hh.org_code", "hh.id", false},
                                                             cursor_text, filter.limit));
  Params params;
  std::string where = scope.Sql("hh.org_code", params) + " AND " + page_of.After(params);
  if (filter.house_id) where += " AND hh.house_id = " + core::db::Bind(params, *filter.house_id);
  if (!filter.q.empty()) {
    std::string a = core::db::Bind(params, core::db::LikeContaining(filter.q));
    std::string b = core::db::Bind(params, core::db::LikeContaining(filter.q));
    where += " AND (hh.number LIKE " + a + " ESCAPE '\\' OR hr.name LIKE " + b + " ESCAPE '\\')";
  }
  std::string order_limit = page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(auto items, Select(where, params, order_limit));
  HouseholdPage page;
  page.next_cursor = page_of.Cut(items, GridKeys<Household>);
  JC_TRY(LoadMembers(scope, items));
  page.items = std::move(items);
  return page;
}

Result<std::vector<Household>> HouseholdStore::OfHouse(const core::auth::Scope& scope,
                                                       std::int64_t house_id) {
  Params params{house_id};
  std::string where = "hh.house_id = $1 AND " + scope.Sql("hh.org_code", params);
  JC_ASSIGN_OR_RETURN(auto items, Select(where, params, " ORDER BY hh.id LIMIT 200"));
  JC_TRY(LoadMembers(scope, items));
  return items;
}

Result<std::optional<std::int64_t>> HouseholdStore::FindByNumber(const std::string& number) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT id FROM people_households WHERE number = $1", {number}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<void> HouseholdStore::Insert(Household& h, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto existing, FindByNumber(h.number));
  if (existing) return Duplicate();
  return InsertNew(h, now);
}

Result<void> HouseholdStore::InsertNew(Household& h, std::int64_t now) {
  auto rows = s_.Query(
      "INSERT INTO people_households (number, org_code, house_id, head_id, version, created_at, "
      "updated_at) "
      "VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING id",
      {h.number, h.org_code, core::db::Opt(h.house_id), core::db::Opt(h.head_id), now, now});
  if (!rows.ok())
    return rows.error().kind == core::ErrorKind::kConflict ? Duplicate() : rows.error();
  h.id = (*rows)[0].Int(0);
  h.version = 1;
  return {};
}

Result<void> HouseholdStore::SetHeadOfNew(std::int64_t household_id, std::int64_t head_id) {
  JC_TRY(
      s_.Exec("UPDATE people_households SET head_id = $1 WHERE id = $2", {head_id, household_id}));
  return {};
}

Result<void> HouseholdStore::Update(const Household& before, Household& after,
                                    const std::vector<FieldChange>& extra, const std::string& actor,
                                    std::int64_t now) {
  auto version = core::db::UpdateVersioned(
      s_, "people_households",
      "number = $1, org_code = $2, house_id = $3, head_id = $4, updated_at = $5",
      {after.number, after.org_code, core::db::Opt(after.house_id), core::db::Opt(after.head_id),
       now},
      before.id, before.version, VersionConflict());
  if (!version.ok()) return version.error().code == "db.conflict" ? Duplicate() : version.error();
  after.id = before.id;
  after.version = *version;
  FieldDiff d;
  d.Add("number", before.number, after.number);
  d.Add("org_code", before.org_code, after.org_code);
  d.Add("house_id", before.house_id, after.house_id);
  d.Add("head_id", before.head_id, after.head_id);
  std::vector<FieldChange> changes = d.Take();
  changes.insert(changes.end(), extra.begin(), extra.end());
  return RecordChanges(s_, "household", after.id, changes, actor, now);
}

Result<void> HouseholdStore::MoveHouse(std::int64_t house_id, const std::string& org_code,
                                       const std::string& actor, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto households, Select("hh.house_id = $1", {house_id}, " ORDER BY hh.id"));
  for (const auto& before : households) {
    if (before.org_code == org_code) continue;
    Household after = before;
    after.org_code = org_code;
    JC_TRY(Update(before, after, {}, actor, now));
  }
  return {};
}

}  // namespace jiceng::people
