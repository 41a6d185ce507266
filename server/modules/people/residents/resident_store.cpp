#include "modules/people/residents/resident_store.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "core/db/versioned_update.hpp"
#include "core/module_names.hpp"
#include "core/text/mask.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"
#include "modules/people/people_context.hpp"
#include "modules/people/residents/search_terms.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kColumns =
    "r.id, r.org_code, r.house_id, r.household_id, r.relation, r.name, r.former_names, r.gender, "
    "r.birth_date, r.ethnicity, r.id_type, r.id_number_enc, r.phone_enc, r.hukou_address, "
    "r.current_address, r.residency_kind, r.education, r.political_status, r.marital_status, "
    "r.occupation, r.employer, r.notes, r.status, r.version, r.created_at, r.updated_at";

constexpr const char* kTagColumns =
    "id, resident_id, org_code, kind, start_date, end_date, source, note";

// The stored columns of a resident from org_code to status, in the order of Insert's and
// Update's SQL ($1..$24), the ID number and phone as sealed.
Params ColumnValues(const Resident& r, const SealedResident& sealed) {
  return {r.org_code,
          Opt(r.house_id),
          Opt(r.household_id),
          r.relation,
          r.name,
          r.former_names,
          r.gender,
          r.birth_date,
          r.ethnicity,
          r.id_type,
          BlobOrNull(sealed.id_number_enc),
          TextOrNull(sealed.id_number_index),
          BlobOrNull(sealed.phone_enc),
          TextOrNull(sealed.phone_index),
          r.hukou_address,
          r.current_address,
          r.residency_kind,
          r.education,
          r.political_status,
          r.marital_status,
          r.occupation,
          r.employer,
          r.notes,
          r.status};
}

std::string CursorOf(const Resident& r) { return GridCursorText(r.org_code, r.id); }

bool Before(const Resident& a, const Resident& b) {
  return a.org_code != b.org_code ? a.org_code < b.org_code : a.id < b.id;
}

// A tag applies on `today` (the same rule as the ledgers): started and not yet ended.
std::string ActiveTag(const std::string& alias, const std::string& today, Params& params) {
  std::string d = Bind(params, today);
  std::string d2 = Bind(params, today);
  return "(" + alias + ".start_date = '' OR " + alias + ".start_date <= " + d + ") AND (" + alias +
         ".end_date = '' OR " + alias + ".end_date >= " + d2 + ")";
}

// Filters on the residents row itself (r.), shared by every lookup.
std::string RowFilters(const ResidentFilter& f, Params& params) {
  std::string sql;
  if (!f.residency_kind.empty()) sql += " AND r.residency_kind = " + Bind(params, f.residency_kind);
  if (!f.status.empty()) sql += " AND r.status = " + Bind(params, f.status);
  if (!f.tag.empty()) {
    sql +=
        " AND EXISTS (SELECT 1 FROM people_resident_tags t WHERE t.resident_id = r.id AND t.kind "
        "= " +
        Bind(params, f.tag) + " AND " + ActiveTag("t", f.today, params) + ")";
  }
  return sql;
}

// The caller's scope narrowed to org; empty (sees nothing) when they do not meet.
core::auth::Scope Narrow(const core::auth::Scope& scope, const std::string& org) {
  return NarrowScope(scope, org).value_or(core::auth::Scope());
}

}  // namespace

const char* ResidentStore::Columns() { return kColumns; }
const char* ResidentStore::TagColumns() { return kTagColumns; }

ResidentTag ResidentStore::TagFrom(const core::db::Row& row) {
  ResidentTag t;
  row.Into(t.id, t.resident_id, t.org_code, t.kind, t.start_date, t.end_date, t.source, t.note);
  return t;
}

Result<Resident> ResidentStore::FromRow(const core::db::Row& row) const {
  Resident r;
  std::string id_number_enc, phone_enc;
  row.Into(r.id, r.org_code, r.house_id, r.household_id, r.relation, r.name, r.former_names,
           r.gender, r.birth_date, r.ethnicity, r.id_type, id_number_enc, phone_enc,
           r.hukou_address, r.current_address, r.residency_kind, r.education, r.political_status,
           r.marital_status, r.occupation, r.employer, r.notes, r.status, r.version, r.created_at,
           r.updated_at);
  JC_ASSIGN_OR_RETURN(r.id_number, privacy_.Open(id_number_enc));
  JC_ASSIGN_OR_RETURN(r.phone, privacy_.Open(phone_enc));
  return r;
}

Result<std::optional<Resident>> ResidentStore::Get(const core::auth::Scope& scope,
                                                   std::int64_t id) {
  Params params{id};
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM people_residents r WHERE r.id = $1 AND " +
                    scope.Sql("r.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Resident>();
  JC_ASSIGN_OR_RETURN(Resident r, FromRow(rows[0]));
  JC_ASSIGN_OR_RETURN(r.tags, Tags(r.id));
  return std::optional<Resident>(std::move(r));
}

Result<void> ResidentStore::LoadTags(std::vector<Resident>& residents) {
  if (residents.empty()) return {};
  std::vector<std::int64_t> ids;
  std::unordered_map<std::int64_t, Resident*> by_id;
  for (auto& r : residents) {
    ids.push_back(r.id);
    by_id[r.id] = &r;
  }
  Params params;
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(std::string("SELECT ") + kTagColumns +
                                              " FROM people_resident_tags WHERE resident_id IN " +
                                              BindList(params, ids) + " ORDER BY id",
                                          params));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ResidentTag t = TagFrom(rows[i]);
    if (auto it = by_id.find(t.resident_id); it != by_id.end())
      it->second->tags.push_back(std::move(t));
  }
  return {};
}

Result<ResidentPage> ResidentStore::Search(const core::auth::Scope& base_scope,
                                           const ResidentFilter& filter,
                                           const std::string& cursor_text) {
  JC_ASSIGN_OR_RETURN(ResidentPage page, SearchRows(base_scope, filter, cursor_text));
  JC_TRY(LoadTags(page.items));
  return page;
}

Result<ResidentPage> ResidentStore::SearchRows(const core::auth::Scope& base_scope,
                                               const ResidentFilter& filter,
                                               const std::string& cursor_text) {
  core::auth::Scope scope = Narrow(base_scope, filter.org);
  if (scope.IsEmpty()) return ResidentPage{};
  // A cursor starting with '~' continues the pinyin prefix fallback (see QueryPlan::fallback).
  bool prefix_mode = cursor_text.starts_with("~");
  JC_ASSIGN_OR_RETURN(GridCursor cursor,
                      ParseGridCursor(prefix_mode ? cursor_text.substr(1) : cursor_text));
  int limit = std::clamp(filter.limit, 1, 500);
  QueryPlan plan = PlanQuery(filter.q, privacy_);

  // Exact ID or phone number: one index probe on the residents table.
  if (!plan.exact_id_index.empty() || !plan.exact_phone_index.empty()) {
    Params params;
    std::string sql =
        std::string("SELECT ") + kColumns + " FROM people_residents r WHERE " +
        (plan.exact_id_index.empty() ? "r.phone_index = " + Bind(params, plan.exact_phone_index)
                                     : "r.id_number_index = " + Bind(params, plan.exact_id_index)) +
        " AND " + scope.Sql("r.org_code", params) + " AND " +
        AfterGridCursor("r.org_code", "r.id", cursor, params) + RowFilters(filter, params) +
        " ORDER BY r.org_code, r.id LIMIT " + std::to_string(limit + 1);
    ResidentPage page;
    JC_ASSIGN_OR_RETURN(page.items, Load(sql, params));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(static_cast<std::size_t>(limit));
      page.next_cursor = CursorOf(page.items.back());
    }
    return page;
  }
  if (!filter.q.empty() && plan.lookups.empty()) return ResidentPage{};
  std::string plain_cursor = prefix_mode ? cursor_text.substr(1) : cursor_text;
  if (!prefix_mode) {
    JC_ASSIGN_OR_RETURN(ResidentPage page, Lookup(scope, filter, plain_cursor, plan.lookups));
    if (!page.items.empty() || !cursor_text.empty() || plan.fallback.empty()) return page;
  }
  JC_ASSIGN_OR_RETURN(ResidentPage page, Lookup(scope, filter, plain_cursor, plan.fallback));
  if (page.next_cursor) page.next_cursor = "~" + *page.next_cursor;
  return page;
}

Result<ResidentPage> ResidentStore::Lookup(const core::auth::Scope& scope,
                                           const ResidentFilter& filter,
                                           const std::string& cursor_text,
                                           const std::vector<TermLookup>& lookups) {
  JC_ASSIGN_OR_RETURN(GridCursor cursor, ParseGridCursor(cursor_text));
  int limit = std::clamp(filter.limit, 1, 500);
  std::vector<Resident> merged;
  // The furthest (grid, id) every full lookup is known to be complete up to.
  std::optional<GridCursor> frontier;

  auto collect = [&](const std::string& sql, const Params& params,
                     const TermLookup* lookup) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      JC_ASSIGN_OR_RETURN(Resident r, FromRow(rows[i]));
      if (i + 1 == rows.size() && static_cast<int>(rows.size()) > limit) {
        GridCursor last{r.org_code, r.id};
        if (!frontier || last.org_code < frontier->org_code ||
            (last.org_code == frontier->org_code && last.id < frontier->id)) {
          frontier = last;
        }
      }
      if (lookup && !lookup->id_tail.empty() && !r.id_number.ends_with(lookup->id_tail)) continue;
      if (lookup && !lookup->phone_tail.empty() && !r.phone.ends_with(lookup->phone_tail)) continue;
      merged.push_back(std::move(r));
    }
    return {};
  };

  if (lookups.empty()) {
    Params params;
    std::string sql;
    if (!filter.tag.empty()) {
      // Driven by the tag index, which is ordered by (kind, grid, resident).
      sql = std::string("SELECT ") + kColumns +
            " FROM people_resident_tags t JOIN people_residents r ON r.id = t.resident_id WHERE "
            "t.kind = " +
            Bind(params, filter.tag) + " AND " + ActiveTag("t", filter.today, params) + " AND " +
            scope.Sql("t.org_code", params) + " AND " +
            AfterGridCursor("t.org_code", "t.resident_id", cursor, params);
      ResidentFilter rest = filter;
      rest.tag.clear();
      sql += RowFilters(rest, params) + " ORDER BY t.org_code, t.resident_id LIMIT " +
             std::to_string(limit + 1);
    } else {
      sql = std::string("SELECT ") + kColumns + " FROM people_residents r WHERE " +
            scope.Sql("r.org_code", params) + " AND " +
            AfterGridCursor("r.org_code", "r.id", cursor, params) + RowFilters(filter, params) +
            " ORDER BY r.org_code, r.id LIMIT " + std::to_string(limit + 1);
    }
    JC_TRY(collect(sql, params, nullptr));
  } else {
    // Each lookup walks the terms index in (grid, resident) order; results are merged.
    for (const auto& lookup : lookups) {
      Params params;
      std::string term_cond = "t.kind = " + Bind(params, lookup.kind);
      if (lookup.prefix) {
        term_cond += " AND t.term >= " + Bind(params, lookup.term) + " AND t.term < " +
                     Bind(params, lookup.term + "{");
      } else {
        term_cond += " AND t.term = " + Bind(params, lookup.term);
      }
      // A prefix can match one resident through several readings, hence DISTINCT and a sort;
      // an exact term is unique per resident and is read in index order.
      std::string sql =
          std::string(lookup.prefix ? "SELECT DISTINCT " : "SELECT ") + kColumns +
          " FROM people_search_terms t JOIN people_residents r ON r.id = t.resident_id WHERE " +
          term_cond + " AND " + scope.Sql("t.org_code", params) + " AND " +
          AfterGridCursor("t.org_code", "t.resident_id", cursor, params);
      if (!lookup.name_like.empty())
        sql += " AND r.name LIKE " + Bind(params, lookup.name_like) + " ESCAPE '\\'";
      if (!lookup.address_like.empty())
        sql += " AND r.current_address LIKE " + Bind(params, lookup.address_like) + " ESCAPE '\\'";
      sql +=
          RowFilters(filter, params) +
          (lookup.prefix ? " ORDER BY r.org_code, r.id" : " ORDER BY t.org_code, t.resident_id") +
          " LIMIT " + std::to_string(limit + 1);
      JC_TRY(collect(sql, params, &lookup));
    }
  }
  std::sort(merged.begin(), merged.end(), Before);
  merged.erase(std::unique(merged.begin(), merged.end(),
                           [](const Resident& a, const Resident& b) { return a.id == b.id; }),
               merged.end());
  if (frontier) {
    // Rows beyond the frontier may be incomplete (another lookup stopped earlier): next page.
    std::erase_if(merged, [&](const Resident& r) {
      return r.org_code > frontier->org_code ||
             (r.org_code == frontier->org_code && r.id > frontier->id);
    });
  }
  ResidentPage page;
  if (static_cast<int>(merged.size()) > limit) {
    merged.resize(static_cast<std::size_t>(limit));
    page.next_cursor = CursorOf(merged.back());
  } else if (frontier) {
    page.next_cursor = frontier->org_code + ":" + std::to_string(frontier->id);
  }
  page.items = std::move(merged);
  return page;
}

Result<std::int64_t> ResidentStore::Count(const core::auth::Scope& base_scope,
                                          const std::string& org) {
  core::auth::Scope scope = Narrow(base_scope, org);
  if (scope.IsEmpty()) return std::int64_t{0};
  Params params;
  std::string sql = "SELECT COUNT(*) FROM people_residents r WHERE r.status = 'active' AND " +
                    scope.Sql("r.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  return rows[0].Int(0);
}

Result<std::optional<ExistingResident>> ResidentStore::FindByIdNumber(
    const std::string& normalized_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT id, org_code FROM people_residents WHERE id_number_index = $1",
                          {privacy_.IdNumberIndex(normalized_id)}));
  if (rows.empty()) return std::optional<ExistingResident>();
  return std::optional<ExistingResident>(ExistingResident{rows[0].Int(0), rows[0].Text(1)});
}

SealedResident SealResident(const Resident& r, const Privacy& privacy) {
  return {privacy.Seal(r.id_number), privacy.IdNumberIndex(r.id_number), privacy.Seal(r.phone),
          privacy.PhoneIndex(r.phone), ResidentTerms(r, privacy)};
}

Result<void> ResidentStore::Insert(Resident& r, const std::string& actor, std::int64_t now) {
  return Insert(r, actor, now, SealResident(r, privacy_));
}

Result<void> ResidentStore::Insert(Resident& r, const std::string& actor, std::int64_t now,
                                   const SealedResident& sealed) {
  std::vector<TermRow> terms;
  JC_TRY(InsertRowOnly(r, actor, now, sealed, terms));
  return InsertTerms(terms);
}

Result<void> ResidentStore::InsertRowOnly(Resident& r, const std::string& actor, std::int64_t now,
                                          const SealedResident& sealed,
                                          std::vector<TermRow>& terms) {
  Params params = ColumnValues(r, sealed);
  params.insert(params.end(), {now, now, actor});
  auto rows = s_.Query(
      "INSERT INTO people_residents (org_code, house_id, household_id, relation, name, "
      "former_names, gender, "
      "birth_date, ethnicity, id_type, id_number_enc, id_number_index, phone_enc, phone_index, "
      "hukou_address, "
      "current_address, residency_kind, education, political_status, marital_status, occupation, "
      "employer, notes, "
      "status, version, created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11, "
      "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1, $25, $26, $27) "
      "RETURNING id",
      params);
  if (!rows.ok()) {
    if (rows.error().kind == core::ErrorKind::kConflict) {
      return DomainError::Conflict("people.resident.duplicate", "该证件号码已登记", "id_number");
    }
    return rows.error();
  }
  r.id = (*rows)[0].Int(0);
  r.version = 1;
  r.created_at = r.updated_at = now;
  for (const auto& t : sealed.terms) terms.push_back({t.kind, t.term, r.org_code, r.id});
  return {};
}

namespace {

// "INSERT ... VALUES ($1..$4), ($5..$8), ..." for n rows.
std::string TermInsertSql(std::size_t n) {
  std::string sql = "INSERT INTO people_search_terms (kind, term, org_code, resident_id) VALUES ";
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t p = i * 4;
    sql += (i ? ", ($" : "($") + std::to_string(p + 1) + ", $" + std::to_string(p + 2) + ", $" +
           std::to_string(p + 3) + ", $" + std::to_string(p + 4) + ")";
  }
  return sql;
}

}  // namespace

Result<void> ResidentStore::InsertTerms(std::vector<TermRow>& terms) {
  // Fixed statement sizes keep the prepared-statement cache small: 64 rows, then 1 row.
  constexpr std::size_t kRowsPerStatement = 64;
  static const std::string kMany = TermInsertSql(kRowsPerStatement);
  static const std::string kOne = TermInsertSql(1);
  std::sort(terms.begin(), terms.end());
  std::size_t i = 0;
  Params params;
  for (; i + kRowsPerStatement <= terms.size(); i += kRowsPerStatement) {
    params.clear();
    for (std::size_t j = i; j < i + kRowsPerStatement; ++j) {
      params.insert(params.end(),
                    {terms[j].kind, terms[j].term, terms[j].org_code, terms[j].resident_id});
    }
    JC_TRY(s_.Exec(kMany, params));
  }
  for (; i < terms.size(); ++i) {
    JC_TRY(s_.Exec(kOne, {terms[i].kind, terms[i].term, terms[i].org_code, terms[i].resident_id}));
  }
  return {};
}

Result<void> ResidentStore::WriteTerms(const Resident& r, bool remove) {
  for (const auto& t : ResidentTerms(r, privacy_)) {
    if (remove) {
      JC_TRY(
          s_.Exec("DELETE FROM people_search_terms WHERE kind = $1 AND term = $2 AND org_code = $3 "
                  "AND resident_id = $4",
                  {t.kind, t.term, r.org_code, r.id}));
    } else {
      JC_TRY(
          s_.Exec("INSERT INTO people_search_terms (kind, term, org_code, resident_id) VALUES ($1, "
                  "$2, $3, $4)",
                  {t.kind, t.term, r.org_code, r.id}));
    }
  }
  return {};
}

Result<void> ResidentStore::Update(const Resident& before, Resident& after,
                                   const std::string& actor, std::int64_t now) {
  SealedResident sealed{privacy_.Seal(after.id_number),
                        privacy_.IdNumberIndex(after.id_number),
                        privacy_.Seal(after.phone),
                        privacy_.PhoneIndex(after.phone),
                        {}};
  Params params = ColumnValues(after, sealed);
  params.insert(params.end(), {now, actor});
  auto version = core::db::UpdateVersioned(
      s_, "people_residents",
      "org_code = $1, house_id = $2, household_id = $3, relation = $4, name = $5, "
      "former_names = $6, gender = $7, birth_date = $8, ethnicity = $9, id_type = $10, "
      "id_number_enc = $11, id_number_index = $12, phone_enc = $13, phone_index = $14, "
      "hukou_address = $15, current_address = $16, residency_kind = $17, education = $18, "
      "political_status = $19, marital_status = $20, occupation = $21, employer = $22, "
      "notes = $23, status = $24, updated_at = $25, updated_by = $26",
      std::move(params), before.id, before.version, VersionConflict());
  if (!version.ok()) {
    if (version.error().code == "db.conflict") {
      return DomainError::Conflict("people.resident.duplicate", "该证件号码已登记", "id_number");
    }
    return version.error();
  }
  after.id = before.id;
  after.version = *version;
  after.updated_at = now;
  after.created_at = before.created_at;
  // Terms: remove the old ones that no longer apply, add the new ones.
  auto old_terms = ResidentTerms(before, privacy_);
  auto new_terms = ResidentTerms(after, privacy_);
  bool moved = before.org_code != after.org_code;
  for (const auto& t : old_terms) {
    if (moved || !std::binary_search(new_terms.begin(), new_terms.end(), t)) {
      JC_TRY(
          s_.Exec("DELETE FROM people_search_terms WHERE kind = $1 AND term = $2 AND org_code = $3 "
                  "AND resident_id = $4",
                  {t.kind, t.term, before.org_code, before.id}));
    }
  }
  for (const auto& t : new_terms) {
    if (moved || !std::binary_search(old_terms.begin(), old_terms.end(), t)) {
      JC_TRY(
          s_.Exec("INSERT INTO people_search_terms (kind, term, org_code, resident_id) VALUES ($1, "
                  "$2, $3, $4)",
                  {t.kind, t.term, after.org_code, after.id}));
    }
  }
  if (moved) {
    JC_TRY(s_.Exec("UPDATE people_resident_tags SET org_code = $1 WHERE resident_id = $2",
                   {after.org_code, after.id}));
  }
  for (const auto& c : DiffResidents(before, after)) {
    JC_TRY(s_.Exec(
        "INSERT INTO people_changes (entity, entity_id, field, old_value, new_value, at, actor) "
        "VALUES ('resident', $1, $2, $3, $4, $5, $6)",
        {after.id, c.field, c.old_value, c.new_value, now, actor}));
  }
  return {};
}

Result<std::vector<FieldChange>> ResidentStore::History(std::int64_t resident_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT at, actor, field, old_value, new_value FROM people_changes "
                          "WHERE entity = 'resident' AND entity_id = $1 ORDER BY id DESC LIMIT 500",
                          {resident_id}));
  std::vector<FieldChange> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(
        {rows[i].Int(0), rows[i].Text(1), rows[i].Text(2), rows[i].Text(3), rows[i].Text(4)});
  }
  return out;
}

Result<std::vector<Resident>> ResidentStore::OfHousehold(const core::auth::Scope& scope,
                                                         std::int64_t household_id) {
  Params params{household_id};
  return Load(std::string("SELECT ") + kColumns +
                  " FROM people_residents r WHERE r.household_id = $1 AND " +
                  scope.Sql("r.org_code", params) + " ORDER BY r.relation, r.id LIMIT 200",
              params);
}

Result<std::vector<Resident>> ResidentStore::OfHouse(const core::auth::Scope& scope,
                                                     std::int64_t house_id) {
  Params params{house_id};
  return Load(
      std::string("SELECT ") + kColumns + " FROM people_residents r WHERE r.house_id = $1 AND " +
          scope.Sql("r.org_code", params) + " ORDER BY r.household_id, r.relation, r.id LIMIT 500",
      params);
}

Result<std::vector<Resident>> ResidentStore::Load(const std::string& sql, const Params& params) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<Resident> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    JC_ASSIGN_OR_RETURN(Resident r, FromRow(rows[i]));
    out.push_back(std::move(r));
  }
  return out;
}

Result<void> ResidentStore::MoveHouse(std::int64_t house_id, const std::string& org_code,
                                      const std::string& actor, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto residents, OfHouse(core::auth::Scope::All(), house_id));
  for (auto& before : residents) {
    if (before.org_code == org_code) continue;
    Resident after = before;
    after.org_code = org_code;
    JC_TRY(Update(before, after, actor, now));
  }
  return {};
}

Result<std::vector<ResidentTag>> ResidentStore::Tags(std::int64_t resident_id) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT ") + kTagColumns +
                                   " FROM people_resident_tags WHERE resident_id = $1 ORDER BY id",
                               {resident_id}));
  std::vector<ResidentTag> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(TagFrom(rows[i]));
  return out;
}

Result<std::optional<ResidentTag>> ResidentStore::GetTag(const core::auth::Scope& scope,
                                                         std::int64_t tag_id) {
  Params params{tag_id};
  std::string sql = std::string("SELECT ") + kTagColumns +
                    " FROM people_resident_tags WHERE id = $1 AND " + scope.Sql("org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<ResidentTag>();
  return std::optional<ResidentTag>(TagFrom(rows[0]));
}

Result<void> ResidentStore::InsertTag(ResidentTag& t, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(
          "INSERT INTO people_resident_tags (resident_id, org_code, kind, start_date, end_date, "
          "source, note, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
          "RETURNING id",
          {t.resident_id, t.org_code, t.kind, t.start_date, t.end_date, t.source, t.note, now}));
  t.id = rows[0].Int(0);
  return {};
}

Result<void> ResidentStore::UpdateTag(const ResidentTag& t, std::int64_t now) {
  JC_TRY(s_.Exec(
      "UPDATE people_resident_tags SET start_date = $1, end_date = $2, source = $3, note = $4, "
      "updated_at = $5 WHERE id = $6",
      {t.start_date, t.end_date, t.source, t.note, now, t.id}));
  return {};
}

std::vector<FieldChange> DiffResidents(const Resident& a, const Resident& b) {
  FieldDiff d;
  d.Add("org_code", a.org_code, b.org_code);
  d.Add("house_id", a.house_id, b.house_id);
  d.Add("household_id", a.household_id, b.household_id);
  d.Add("relation", a.relation, b.relation);
  d.Add("name", a.name, b.name);
  d.Add("former_names", a.former_names, b.former_names);
  d.Add("gender", a.gender, b.gender);
  d.Add("birth_date", a.birth_date, b.birth_date);
  d.Add("ethnicity", a.ethnicity, b.ethnicity);
  d.Add("id_type", a.id_type, b.id_type);
  d.AddMasked("id_number", a.id_number, b.id_number, core::text::MaskIdNumber);
  d.AddMasked("phone", a.phone, b.phone, core::text::MaskPhone);
  d.Add("hukou_address", a.hukou_address, b.hukou_address);
  d.Add("current_address", a.current_address, b.current_address);
  d.Add("residency_kind", a.residency_kind, b.residency_kind);
  d.Add("education", a.education, b.education);
  d.Add("political_status", a.political_status, b.political_status);
  d.Add("marital_status", a.marital_status, b.marital_status);
  d.Add("occupation", a.occupation, b.occupation);
  d.Add("employer", a.employer, b.employer);
  d.Add("notes", a.notes, b.notes);
  d.Add("status", a.status, b.status);
  return d.Take();
}

}  // namespace jiceng::people
