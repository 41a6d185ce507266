#include "modules/people/ledgers/ledger_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "modules/people/people_context.hpp"
#include "modules/people/places/house_store.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_store.hpp"

namespace jiceng::people {

namespace {

// A row's place in ledger order: grid, then house (rentals only, else 0), then resident.
struct Key {
  std::string org;
  std::int64_t house = 0;
  std::int64_t id = 0;
  bool operator<(const Key& o) const {
    return std::tie(org, house, id) < std::tie(o.org, o.house, o.id);
  }
  bool operator==(const Key& o) const { return org == o.org && house == o.house && id == o.id; }
};

// "org:id" or "org:house:id"; empty = from the start.
std::optional<Key> ParseCursor(const std::string& text, bool with_house) {
  if (text.empty()) return Key{};
  auto first = text.find(':');
  if (first == std::string::npos || first == 0) return std::nullopt;
  Key k;
  k.org = text.substr(0, first);
  std::string_view rest = std::string_view(text).substr(first + 1);
  if (with_house) {
    auto second = rest.find(':');
    if (second == std::string_view::npos || !core::text::ParseInt(rest.substr(0, second), k.house))
      return std::nullopt;
    rest = rest.substr(second + 1);
  }
  if (!core::text::ParseInt(rest, k.id)) return std::nullopt;
  return k;
}

std::string CursorText(const Key& k, bool with_house) {
  return k.org + ":" + (with_house ? std::to_string(k.house) + ":" : "") + std::to_string(k.id);
}

// The scope narrowed to org when org lies inside it (or the parts of the scope under org).
core::auth::Scope Narrow(const core::auth::Scope& scope, const std::string& org) {
  return NarrowScope(scope, org).value_or(core::auth::Scope());
}

// A tag (alias a) applies on today: started (or no start) and not yet ended (end is inclusive).
std::string Active(const std::string& a, const std::string& today, Params& params) {
  return "(" + a + ".start_date = '' OR " + a + ".start_date <= " + Bind(params, today) +
         ") AND (" + a + ".end_date = '' OR " + a + ".end_date >= " + Bind(params, today) + ")";
}

std::string AgeSql(const LedgerCondition& c, const std::string& today, Params& params) {
  BirthBounds b = BirthBoundsOf(c, today);
  std::string sql;
  if (b.born_on_or_before) sql += " AND r.birth_date <= " + Bind(params, *b.born_on_or_before);
  if (b.born_after) sql += " AND r.birth_date > " + Bind(params, *b.born_after);
  if (b.born_on_or_before || b.born_after) sql += " AND r.birth_date <> ''";
  return sql;
}

// (org_col, id_col) after the cursor, written without row-value syntax for both drivers.
std::string After(const std::string& org_col, const std::string& id_col, const Key& c,
                  Params& params) {
  if (c.org.empty()) return "1=1";
  return "(" + org_col + " > " + Bind(params, c.org) + " OR (" + org_col + " = " +
         Bind(params, c.org) + " AND " + id_col + " > " + Bind(params, c.id) + "))";
}

// One condition as "SELECT org, house, id FROM ... WHERE ..." (no ORDER or LIMIT); with
// paging the cursor condition is added. Tag conditions are driven by the tag-kind index.
// For a count (after == nullptr) of an age condition on SQLite, the birth-date index is named:
// without statistics SQLite walks the grid index over every resident of the scope (2.7 s for a
// county of 820k against 0.2 s through (birth_date, org_code)). PostgreSQL plans by itself.
std::string ConditionSelect(const LedgerCondition& c, const core::auth::Scope& scope,
                            const std::string& today, const Key* after, Params& params,
                            core::db::Dialect dialect) {
  std::string sql;
  if (!c.tags.empty()) {
    sql =
        "SELECT DISTINCT t0.org_code, 0, t0.resident_id FROM people_resident_tags t0 JOIN "
        "people_residents r ON "
        "r.id = t0.resident_id WHERE t0.kind = " +
        Bind(params, c.tags[0]) + " AND " + scope.Sql("t0.org_code", params) + " AND " +
        Active("t0", today, params) + " AND r.status = 'active' AND " +
        scope.Sql("r.org_code", params);
    if (after) sql += " AND " + After("t0.org_code", "t0.resident_id", *after, params);
    for (std::size_t i = 1; i < c.tags.size(); ++i) {
      std::string a = "t" + std::to_string(i);
      sql += " AND EXISTS (SELECT 1 FROM people_resident_tags " + a + " WHERE " + a +
             ".resident_id = r.id AND " + a + ".kind = " + Bind(params, c.tags[i]) + " AND " +
             Active(a, today, params) + ")";
    }
  } else {
    bool by_birth = !after && dialect == core::db::Dialect::kSqlite && (c.min_age || c.max_age);
    sql = std::string("SELECT r.org_code, 0, r.id FROM people_residents r") +
          (by_birth ? " INDEXED BY people_residents_birth" : "") + " WHERE " +
          scope.Sql("r.org_code", params) + " AND r.status = 'active'";
    if (after) sql += " AND " + After("r.org_code", "r.id", *after, params);
  }
  return sql + AgeSql(c, today, params);
}

// Tenants of rented houses, driven by the houses of each grid in order. CROSS JOIN keeps SQLite
// from driving by residents and sorting the whole scope for every page (10 s at 820k
// residents, 12 ms this way); PostgreSQL treats it as a plain join.
std::string RentalSelect(const core::auth::Scope& scope, const Key* after, Params& params) {
  std::string sql =
      "SELECT h.org_code, h.id, r.id FROM people_houses h CROSS JOIN people_residents r WHERE "
      "r.house_id = h.id AND "
      "h.rental_status = 'rented' AND " +
      scope.Sql("h.org_code", params) + " AND r.status = 'active' AND " +
      scope.Sql("r.org_code", params);
  if (after && !after->org.empty()) {
    sql += " AND (h.org_code > " + Bind(params, after->org) +
           " OR (h.org_code = " + Bind(params, after->org) + " AND (h.id > " +
           Bind(params, after->house) + " OR (h.id = " + Bind(params, after->house) +
           " AND r.id > " + Bind(params, after->id) + "))))";
  }
  return sql;
}

}  // namespace

bool Meets(const LedgerCondition& c, const Resident& r, const std::string& today) {
  for (const auto& kind : c.tags) {
    bool has = std::any_of(r.tags.begin(), r.tags.end(),
                           [&](const ResidentTag& t) { return t.kind == kind; });
    if (!has) return false;
  }
  if (c.min_age || c.max_age) {
    int age = AgeOn(r.birth_date, today);
    if (age < 0) return false;
    if (c.min_age && age < *c.min_age) return false;
    if (c.max_age && age > *c.max_age) return false;
  }
  return true;
}

Result<LedgerPage> LedgerStore::Page(const LedgerDef& ledger, const core::auth::Scope& base_scope,
                                     const std::string& org, const std::string& today,
                                     const std::string& cursor_text, int limit) {
  bool rentals = ledger.subject == LedgerSubject::kRentalTenant;
  auto cursor = ParseCursor(cursor_text, rentals);
  if (!cursor) return DomainError::Invalid("http.bad_cursor", "分页游标无效", "cursor");
  core::auth::Scope scope = Narrow(base_scope, org);
  LedgerPage page;
  if (scope.IsEmpty()) return page;
  limit = std::clamp(limit, 1, 500);

  // Each condition gives its first limit + 1 rows after the cursor; the first limit rows of
  // their union are all among those, so merging them is exact.
  std::vector<Key> keys;
  auto collect = [&](const std::string& select, const Params& params) -> Result<void> {
    std::string sql = select + (rentals ? " ORDER BY h.org_code, h.id, r.id" : " ORDER BY 1, 3") +
                      " LIMIT " + std::to_string(limit + 1);
    JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
    for (std::size_t i = 0; i < rows.size(); ++i)
      keys.push_back({rows[i].Text(0), rows[i].Int(1), rows[i].Int(2)});
    return {};
  };
  if (rentals) {
    Params params;
    std::string select = RentalSelect(scope, &*cursor, params);
    JC_TRY(collect(select, params));
  } else {
    for (const auto& c : ledger.any_of) {
      Params params;
      std::string select = ConditionSelect(c, scope, today, &*cursor, params, s_.dialect());
      JC_TRY(collect(select, params));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (static_cast<int>(keys.size()) > limit) {
    keys.resize(static_cast<std::size_t>(limit));
    page.next_cursor = CursorText(keys.back(), rentals);
  }
  if (keys.empty()) return page;

  std::vector<std::int64_t> ids, houses;
  for (const auto& k : keys) {
    ids.push_back(k.id);
    if (rentals) houses.push_back(k.house);
  }
  JC_ASSIGN_OR_RETURN(auto loaded, Load(ids, houses, today));
  // Back into ledger order (the IN lists come back in any order).
  std::map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < loaded.size(); ++i) at[loaded[i].resident.id] = i;
  for (const auto& k : keys) {
    auto it = at.find(k.id);
    if (it != at.end()) page.rows.push_back(loaded[it->second]);
  }
  return page;
}

Result<std::vector<LedgerRow>> LedgerStore::Load(const std::vector<std::int64_t>& ids,
                                                 const std::vector<std::int64_t>& house_ids,
                                                 const std::string& today) {
  ResidentStore residents(s_, privacy_);
  std::vector<LedgerRow> out;
  std::map<std::int64_t, std::size_t> index;
  {
    Params params;
    std::string sql = std::string("SELECT ") + ResidentStore::Columns() +
                      " FROM people_residents r WHERE r.id IN " + BindList(params, ids);
    JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      JC_ASSIGN_OR_RETURN(Resident r, residents.FromRow(rows[i]));
      index[r.id] = out.size();
      out.push_back({std::move(r), std::nullopt});
    }
  }
  {
    Params params;
    std::string sql = std::string("SELECT ") + ResidentStore::TagColumns() +
                      " FROM people_resident_tags t WHERE t.resident_id IN " +
                      BindList(params, ids) + " AND " + Active("t", today, params) +
                      " ORDER BY t.start_date, t.id";
    JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ResidentTag t = ResidentStore::TagFrom(rows[i]);
      if (auto it = index.find(t.resident_id); it != index.end())
        out[it->second].resident.tags.push_back(t);
    }
  }
  if (!house_ids.empty()) {
    JC_ASSIGN_OR_RETURN(auto houses, HouseStore(s_).ByIds(house_ids));
    std::map<std::int64_t, House> by_id;
    for (auto& h : houses) by_id[h.id] = std::move(h);
    for (auto& row : out) {
      if (!row.resident.house_id) continue;
      if (auto it = by_id.find(*row.resident.house_id); it != by_id.end()) row.house = it->second;
    }
  }
  return out;
}

Result<std::int64_t> LedgerStore::Count(const LedgerDef& ledger,
                                        const core::auth::Scope& base_scope, const std::string& org,
                                        const std::string& today) {
  core::auth::Scope scope = Narrow(base_scope, org);
  if (scope.IsEmpty()) return std::int64_t{0};
  Params params;
  std::string sql;
  if (ledger.subject == LedgerSubject::kRentalTenant) {
    sql = "SELECT COUNT(*) FROM (" + RentalSelect(scope, nullptr, params) + ") u";
  } else {
    // UNION removes residents who meet several conditions.
    std::string unioned;
    for (const auto& c : ledger.any_of) {
      if (!unioned.empty()) unioned += " UNION ";
      unioned += ConditionSelect(c, scope, today, nullptr, params, s_.dialect());
    }
    sql = "SELECT COUNT(*) FROM (" + unioned + ") u";
  }
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  return rows[0].Int(0);
}

}  // namespace jiceng::people
