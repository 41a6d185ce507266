#include "modules/people/residents/resident_use_cases.hpp"

#include "core/module_names.hpp"
#include "core/time/civil.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/households/household_store.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/places/house_store.hpp"
#include "modules/people/record_routes.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_store.hpp"

namespace jiceng::people {

namespace {

DomainError NotFound() {
  return DomainError::NotFound("people.resident.not_found", "居民不存在或不在您的管辖范围内");
}

// The same ID number registered already: point at it only when the caller may see it.
Result<void> CheckDuplicate(ResidentStore& store, const core::auth::Scope& scope,
                            const Resident& r) {
  JC_ASSIGN_OR_RETURN(auto existing, store.FindByIdNumber(r.id_number));
  if (!existing || existing->id == r.id) return {};
  if (scope.Covers(existing->org_code)) {
    DomainError e =
        DomainError::Conflict("people.resident.duplicate", "该证件号码已登记", "id_number");
    e.detail = "existing_id=" + std::to_string(existing->id);
    return e;
  }
  return DomainError::Conflict("people.resident.registered_elsewhere",
                               "该证件号码已在其他地区登记，请联系上级部门核实", "id_number");
}

Result<void> CheckGrid(PeopleContext& ctx, const core::app::Call& call,
                       const std::string& org_code) {
  if (!call.who.scope.Covers(org_code) || !ctx.org_name(org_code)) {
    return DomainError::Invalid("people.grid.not_found", "所属网格不存在或不在您的管辖范围内",
                                "org_code");
  }
  return {};
}

// The household and house a resident is linked to must exist and lie in the caller's scope; one
// outside it is answered exactly as one that does not exist (422 people.household.not_found,
// people.house.not_found), so the answer tells nothing about other grids. Checked for the links
// set or changed (before: the record an edit starts from; an unchanged link is not re-checked).
Result<void> CheckLinks(core::db::Session& s, const core::auth::Scope& scope,
                        const Resident* before, const Resident& r) {
  if (r.household_id && (!before || before->household_id != r.household_id)) {
    JC_ASSIGN_OR_RETURN(auto household, HouseholdStore(s).Get(scope, *r.household_id));
    if (!household) {
      return DomainError::Invalid("people.household.not_found", "户不存在或不在您的管辖范围内",
                                  "household_id");
    }
  }
  if (r.house_id && (!before || before->house_id != r.house_id)) {
    JC_ASSIGN_OR_RETURN(auto house, HouseStore(s).Get(scope, *r.house_id));
    if (!house) {
      return DomainError::Invalid("people.house.not_found", "房屋不存在或不在您的管辖范围内",
                                  "house_id");
    }
  }
  return {};
}

// Tag dates are optional; when given they are real dates.
bool IsEmptyOrDate(const std::string& d) { return d.empty() || core::time::ParseDate(d); }

Result<void> ApplyTagJson(const Json& body, ResidentTag& t) {
  for (const char* key : {"start_date", "end_date", "source", "note"}) {
    if (!body.contains(key)) continue;
    const Json& v = body[key];
    if (!v.is_null() && !v.is_string())
      return DomainError::Invalid("people.field.type", "字段类型错误，应为文字", key);
    std::string s = v.is_null() ? "" : v.get<std::string>();
    std::string k = key;
    if ((k == "start_date" || k == "end_date") && !IsEmptyOrDate(s)) {
      return DomainError::Invalid("people.date.format", "日期格式应为 YYYY-MM-DD", key);
    }
    if (k == "start_date") t.start_date = s;
    if (k == "end_date") t.end_date = s;
    if (k == "source") t.source = s.substr(0, 200);
    if (k == "note") t.note = s.substr(0, 1000);
  }
  if (!t.end_date.empty() && !t.start_date.empty() && t.end_date < t.start_date) {
    return DomainError::Invalid("people.tag.dates", "结束日期不能早于开始日期", "end_date");
  }
  return {};
}

}  // namespace

DomainError FirstOf(const std::vector<DomainError>& errors) {
  DomainError first = errors.front();
  if (errors.size() > 1) {
    std::string all;
    for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e.field + ": " + e.message;
    first.detail = all;
  }
  return first;
}

Result<Resident> RegisterResident(PeopleContext& ctx, const core::app::Call& call,
                                  const Json& body) {
  Resident r;
  JC_TRY(ApplyResidentJson(body, r));
  auto errors = ValidateResident(r, ctx.Validation());
  if (!errors.empty()) return FirstOf(errors);
  JC_TRY(CheckGrid(ctx, call, r.org_code));
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    ResidentStore store(s, ctx.privacy);
    JC_TRY(CheckLinks(s, call.who.scope, nullptr, r));
    JC_TRY(CheckDuplicate(store, call.who.scope, r));
    JC_TRY(store.Insert(r, call.who.username, ctx.clock.NowMs()));
    return ctx.audit.Append(s, call.Audit("people.resident.create", "resident",
                                          std::to_string(r.id), r.org_code, {{"name", r.name}}));
  }));
  return r;
}

Result<Resident> UpdateResident(PeopleContext& ctx, const core::app::Call& call, std::int64_t id,
                                const Json& body) {
  JC_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  return EditWithVersion<Resident>(
      ctx, version, NotFound(),
      [&](core::db::Session& s) { return ResidentStore(s, ctx.privacy).Get(call.who.scope, id); },
      [&](core::db::Session& s, const Resident& before, Resident& after) -> Result<void> {
        ResidentStore store(s, ctx.privacy);
        JC_TRY(ApplyResidentJson(body, after));
        // A re-derived birth date/gender must come from the new ID number, not the old record.
        if (body.contains("id_number") && !body.contains("birth_date")) after.birth_date.clear();
        if (body.contains("id_number") && !body.contains("gender")) after.gender.clear();
        auto errors = ValidateResident(after, ctx.Validation());
        if (!errors.empty()) return FirstOf(errors);
        if (after.org_code != before.org_code) JC_TRY(CheckGrid(ctx, call, after.org_code));
        JC_TRY(CheckLinks(s, call.who.scope, &before, after));
        if (after.id_number != before.id_number)
          JC_TRY(CheckDuplicate(store, call.who.scope, after));
        JC_TRY(store.Update(before, after, call.who.username, ctx.clock.NowMs()));
        return ctx.audit.Append(
            s, call.Audit("people.resident.update", "resident", std::to_string(id), after.org_code,
                          {{"fields", ChangedFields(DiffResidents(before, after))},
                           {"version", after.version}}));
      });
}

ResidentFilter ResidentQuery(const Request& req, const std::string& today) {
  ResidentFilter f;
  f.q = req.Query("q");
  f.org = req.Query("org");
  f.tag = req.Query("tag");
  f.residency_kind = req.Query("residency_kind");
  f.status = req.Query("status");
  f.today = today;
  return f;
}

Result<Resident> ReadResident(PeopleContext& ctx, const core::app::Call& call, std::int64_t id,
                              const std::string& purpose) {
  if (!purpose.empty() && !call.who.Has(kSensitiveRead)) {
    return DomainError::Forbidden("auth.forbidden", "您没有查看完整证件号码和电话的权限");
  }
  std::optional<Resident> found;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(found, ResidentStore(s, ctx.privacy).Get(call.who.scope, id));
    return {};
  }));
  if (!found) return NotFound();
  if (!purpose.empty()) {
    JC_ASSIGN_OR_RETURN(std::string reason, ParsePurpose(purpose));
    // The reveal is recorded before the data leaves: no audit row, no answer.
    JC_TRY(ctx.audit.AppendAlone(
        call.Audit("people.resident.reveal", "resident", std::to_string(id), found->org_code,
                   {{"purpose", reason}, {"fields", {"id_number", "phone"}}})));
  }
  return std::move(*found);
}

Result<ResidentTag> TagResident(PeopleContext& ctx, const core::app::Call& call,
                                std::int64_t resident_id, const Json& body) {
  if (!body.is_object() || !body.contains("kind") || !body["kind"].is_string()) {
    return DomainError::Invalid("people.tag.kind", "请选择标签类别", "kind");
  }
  ResidentTag tag;
  tag.kind = body["kind"].get<std::string>();
  if (!FindTagKind(tag.kind))
    return DomainError::Invalid("people.tag.kind", "未知的标签类别", "kind");
  if (!CanUseTag(call.who, tag.kind))
    return DomainError::Forbidden("auth.forbidden", "您没有管理该类人群标签的权限");
  JC_TRY(ApplyTagJson(body, tag));
  if (tag.start_date.empty()) tag.start_date = ctx.Today();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    ResidentStore store(s, ctx.privacy);
    JC_ASSIGN_OR_RETURN(auto resident, store.Get(call.who.scope, resident_id));
    if (!resident) return NotFound();
    for (const auto& t : resident->tags) {
      if (t.kind == tag.kind && (t.end_date.empty() || t.end_date >= ctx.Today())) {
        return DomainError::Conflict("people.tag.exists", "该居民已有此标签", "kind");
      }
    }
    tag.resident_id = resident_id;
    tag.org_code = resident->org_code;
    JC_TRY(store.InsertTag(tag, ctx.clock.NowMs()));
    return ctx.audit.Append(
        s, call.Audit("people.tag.create", "resident", std::to_string(resident_id), tag.org_code,
                      {{"kind", tag.kind}, {"tag_id", tag.id}}));
  }));
  return tag;
}

Result<ResidentTag> UpdateTag(PeopleContext& ctx, const core::app::Call& call, std::int64_t tag_id,
                              const Json& body) {
  if (!body.is_object()) return DomainError::Invalid("request.body.object", "请求体应为 JSON 对象");
  ResidentTag tag;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    ResidentStore store(s, ctx.privacy);
    JC_ASSIGN_OR_RETURN(auto found, store.GetTag(call.who.scope, tag_id));
    // A tag the caller may not read is as absent as one outside the scope.
    if (!found || !CanUseTag(call.who, found->kind)) {
      return DomainError::NotFound("people.tag.not_found", "标签不存在或不在您的管辖范围内");
    }
    tag = *found;
    JC_TRY(ApplyTagJson(body, tag));
    JC_TRY(store.UpdateTag(tag, ctx.clock.NowMs()));
    return ctx.audit.Append(
        s,
        call.Audit("people.tag.update", "resident", std::to_string(tag.resident_id), tag.org_code,
                   {{"kind", tag.kind}, {"tag_id", tag.id}, {"end_date", tag.end_date}}));
  }));
  return tag;
}

}  // namespace jiceng::people
