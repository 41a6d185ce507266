#include "modules/people/places/unit_store.hpp"

#include <algorithm>

#include "core/db/keyset.hpp"
#include "core/db/like.hpp"
#include "core/db/versioned_update.hpp"
#include "core/module_names.hpp"
#include "core/text/mask.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kUnitColumns =
    "u.id, u.org_code, u.name, u.credit_code, u.kind, u.address, u.contact_name, "
    "u.contact_phone_enc, u.version";

DomainError Duplicate() {
  return DomainError::Conflict("people.unit.duplicate", "该统一社会信用代码已登记", "credit_code");
}

}  // namespace

Result<Unit> UnitStore::FromRow(const core::db::Row& row) const {
  Unit u;
  std::string phone_enc;
  row.Into(u.id, u.org_code, u.name, u.credit_code, u.kind, u.address, u.contact_name, phone_enc,
           u.version);
  JC_ASSIGN_OR_RETURN(u.contact_phone, privacy_.Open(phone_enc));
  return u;
}

Result<std::optional<Unit>> UnitStore::Get(const core::auth::Scope& scope, std::int64_t id) {
  Params params{id};
  std::string sql = std::string("SELECT ") + kUnitColumns +
                    " FROM people_units u WHERE u.id = $1 AND " + scope.Sql("u.org_code", params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  if (rows.empty()) return std::optional<Unit>();
  JC_ASSIGN_OR_RETURN(Unit u, FromRow(rows[0]));
  return std::optional<Unit>(std::move(u));
}

Result<UnitPage> UnitStore::List(const core::auth::Scope& scope, const UnitFilter& filter,
                                 const std::string& cursor_text) {
  JC_ASSIGN_OR_RETURN(auto page_of, core::db::KeysetPage::Of({"u.org_code", "u.id", false},
                                                             cursor_text, filter.limit));
  Params params;
  std::string sql = std::string("SELECT ") + kUnitColumns + " FROM people_units u WHERE " +
                    scope.Sql("u.org_code", params) + " AND " + page_of.After(params);
  if (!filter.kind.empty()) sql += " AND u.kind = " + core::db::Bind(params, filter.kind);
  if (!filter.q.empty()) {
    std::string upper = filter.q;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    std::string a = core::db::Bind(params, core::db::LikeContaining(filter.q));
    std::string b =
        core::db::Bind(params, core::db::LikeStartingWith(upper));  // prefix of the code
    sql += " AND (u.name LIKE " + a + " ESCAPE '\\' OR u.credit_code LIKE " + b + " ESCAPE '\\')";
  }
  sql += page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  UnitPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    JC_ASSIGN_OR_RETURN(Unit u, FromRow(rows[i]));
    page.items.push_back(std::move(u));
  }
  page.next_cursor = page_of.Cut(page.items, GridKeys<Unit>);
  return page;
}

Result<std::optional<std::int64_t>> UnitStore::FindByCreditCode(const std::string& credit_code) {
  if (credit_code.empty()) return std::optional<std::int64_t>();
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("SELECT id FROM people_units WHERE credit_code = $1", {credit_code}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<void> UnitStore::Insert(Unit& u, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto existing, FindByCreditCode(u.credit_code));
  if (existing) return Duplicate();
  auto rows = s_.Query(
      "INSERT INTO people_units (org_code, name, credit_code, kind, address, contact_name, "
      "contact_phone_enc, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) RETURNING id",
      {u.org_code, u.name, TextOrNull(u.credit_code), u.kind, u.address, u.contact_name,
       BlobOrNull(privacy_.Seal(u.contact_phone)), now, now});
  if (!rows.ok())
    return rows.error().kind == core::ErrorKind::kConflict ? Duplicate() : rows.error();
  u.id = (*rows)[0].Int(0);
  u.version = 1;
  return {};
}

Result<void> UnitStore::Update(const Unit& before, Unit& after, const std::string& actor,
                               std::int64_t now) {
  if (after.credit_code != before.credit_code) {
    JC_ASSIGN_OR_RETURN(auto existing, FindByCreditCode(after.credit_code));
    if (existing && *existing != before.id) return Duplicate();
  }
  auto version = core::db::UpdateVersioned(
      s_, "people_units",
      "org_code = $1, name = $2, credit_code = $3, kind = $4, address = $5, contact_name = $6, "
      "contact_phone_enc = $7, updated_at = $8",
      {after.org_code, after.name, TextOrNull(after.credit_code), after.kind, after.address,
       after.contact_name, BlobOrNull(privacy_.Seal(after.contact_phone)), now},
      before.id, before.version, VersionConflict());
  if (!version.ok()) return version.error().code == "db.conflict" ? Duplicate() : version.error();
  after.id = before.id;
  after.version = *version;
  return RecordChanges(s_, "unit", after.id, DiffUnits(before, after), actor, now);
}

std::vector<FieldChange> DiffUnits(const Unit& a, const Unit& b) {
  FieldDiff d;
  d.Add("org_code", a.org_code, b.org_code);
  d.Add("name", a.name, b.name);
  d.Add("credit_code", a.credit_code, b.credit_code);
  d.Add("kind", a.kind, b.kind);
  d.Add("address", a.address, b.address);
  d.Add("contact_name", a.contact_name, b.contact_name);
  d.AddMasked("contact_phone", a.contact_phone, b.contact_phone, [](const std::string& phone) {
    return phone.empty() ? std::string() : core::text::MaskPhone(phone);
  });
  return d.Take();
}

}  // namespace jiceng::people
