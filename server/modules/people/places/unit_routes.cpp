// Units (单位): enterprises, social organizations and other bodies of a grid. The unified social
// credit code is checked (GB 32100) and unique; the contact phone is encrypted at rest and always
// masked in answers.
#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/text/credit_code.hpp"
#include "core/text/mask.hpp"
#include "core/text/phone.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/places/unit_store.hpp"
#include "modules/people/record_routes.hpp"

namespace jiceng::people {

namespace {

DomainError UnitNotFound() {
  return DomainError::NotFound("people.unit.not_found", "单位不存在或不在您的管辖范围内");
}

Result<void> ApplyUnitJson(const Json& body, Unit& u, bool with_version) {
  JC_TRY(RejectUnknownFields(
      body, {"org_code", "name", "credit_code", "kind", "address", "contact_name", "contact_phone"},
      with_version));
  auto applied = ApplyTextFields(body, {{"org_code", &u.org_code, 20},
                                        {"name", &u.name, 100},
                                        {"credit_code", &u.credit_code, 40},
                                        {"kind", &u.kind, 40},
                                        {"address", &u.address, 200},
                                        {"contact_name", &u.contact_name, 50},
                                        {"contact_phone", &u.contact_phone, 40}});
  if (!applied.ok()) {
    DomainError e = applied.error();
    if (e.code == "people.field.too_long" && e.field == "name") e.code = "people.name.too_long";
    return e;
  }
  return {};
}

// Normalizes u (credit code upper-case, phone digits, kind code) and checks every field.
Result<void> ValidateUnit(Unit& u) {
  if (u.name.empty()) return DomainError::Invalid("people.name.required", "请填写单位名称", "name");
  if (!u.credit_code.empty()) {
    JC_ASSIGN_OR_RETURN(u.credit_code, core::text::ParseCreditCode(u.credit_code));
  }
  if (u.kind.empty()) u.kind = "enterprise";
  auto kind = UnitKinds().Resolve(u.kind);
  if (!kind)
    return DomainError::Invalid("people.code.unknown", "单位类别代码“" + u.kind + "”无效", "kind");
  u.kind = *kind;
  if (!u.contact_phone.empty()) {
    auto phone = core::text::NormalizePhone(u.contact_phone);
    if (!phone.ok()) {
      DomainError e = phone.error();
      e.field = "contact_phone";
      return e;
    }
    u.contact_phone = *phone;
  }
  return {};
}

Result<Unit> CreateUnit(PeopleContext& ctx, const Call& call, const Json& body) {
  Unit u;
  JC_TRY(ApplyUnitJson(body, u, false));
  JC_TRY(ValidateUnit(u));
  JC_TRY(CheckGrid(ctx, call.who.scope, u.org_code));
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(UnitStore(s, ctx.privacy).Insert(u, ctx.clock.NowMs()));
    return ctx.audit.Append(
        s, call.Audit("people.unit.create", "unit", std::to_string(u.id), u.org_code,
                      {{"name", u.name}, {"credit_code", u.credit_code}, {"kind", u.kind}}));
  }));
  return u;
}

Result<Unit> UpdateUnit(PeopleContext& ctx, const Call& call, std::int64_t id, const Json& body) {
  JC_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  JC_TRY(CheckNewGrid(ctx, call.who.scope, body));
  return EditWithVersion<Unit>(
      ctx, version, UnitNotFound(),
      [&](core::db::Session& s) { return UnitStore(s, ctx.privacy).Get(call.who.scope, id); },
      [&](core::db::Session& s, const Unit& before, Unit& after) -> Result<void> {
        JC_TRY(ApplyUnitJson(body, after, true));
        JC_TRY(ValidateUnit(after));
        JC_TRY(
            UnitStore(s, ctx.privacy).Update(before, after, call.who.username, ctx.clock.NowMs()));
        return ctx.audit.Append(
            s, call.Audit("people.unit.update", "unit", std::to_string(id), after.org_code,
                          {{"fields", ChangedFields(DiffUnits(before, after))},
                           {"version", after.version}}));
      });
}

Result<Unit> ReadUnit(PeopleContext& ctx, const core::auth::Scope& scope, std::int64_t id) {
  std::optional<Unit> found;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(found, UnitStore(s, ctx.privacy).Get(scope, id));
    return {};
  }));
  if (!found) return UnitNotFound();
  return std::move(*found);
}

Json UnitJson(const Unit& u, const std::string& org_name) {
  return {{"id", u.id},
          {"org_code", u.org_code},
          {"org_name", org_name},
          {"name", u.name},
          {"credit_code", u.credit_code},
          {"kind", u.kind},
          {"address", u.address},
          {"contact_name", u.contact_name},
          {"contact_phone",
           u.contact_phone.empty() ? std::string() : core::text::MaskPhone(u.contact_phone)},
          {"version", u.version}};
}

Result<UnitFilter> UnitFilterOf(const Request& req) {
  UnitFilter f;
  f.q = req.Query("q");
  if (core::text::Utf8Length(f.q) > 100)
    return DomainError::Invalid("http.bad_query", "查询内容过长", "q");
  f.kind = req.Query("kind");
  if (!f.kind.empty() && !UnitKinds().Has(f.kind)) {
    return DomainError::Invalid("people.code.unknown", "单位类别代码无效", "kind");
  }
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  return f;
}

}  // namespace

void RegisterUnitRoutes(core::http::Router& router, PeopleContext& ctx) {
  auto unit_json = [&ctx](const Unit& u) { return UnitJson(u, ctx.OrgName(u.org_code)); };
  RecordRoutes spec("/api/v1/units", UnitNotFound());
  spec.list = GridList<UnitPage>(
      ctx, UnitFilterOf, [&ctx](core::db::Session& s) { return UnitStore(s, ctx.privacy); },
      UnitJson);
  spec.list_summary = "Lists units in scope (?org=&q=name or credit code&kind=)";
  spec.create = CreateAnswering(ctx, CreateUnit, unit_json);
  spec.create_summary =
      "Registers a unit (credit code checked and unique; contact phone encrypted)";
  spec.get = ReadAnswering(ctx, ReadUnit, unit_json);
  spec.get_summary = "A unit (contact phone masked)";
  spec.update = UpdateAnswering(ctx, UpdateUnit, unit_json);
  spec.update_summary = "Edits a unit (with version)";
  RegisterRecordRoutes(router, spec);
}

}  // namespace jiceng::people
