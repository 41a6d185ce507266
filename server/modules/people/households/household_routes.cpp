// Households (户): list, register, read, and their members. Membership lives on the resident
// (household_id, relation) and is changed through the resident store, so the resident's version
// and field history record it; the household's history records the member list and its head.
#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
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
  return DomainError::NotFound("people.household.not_found", "户不存在或不在您的管辖范围内");
}
DomainError ResidentNotFound() {
  return DomainError::NotFound("people.resident.not_found", "居民不存在或不在您的管辖范围内");
}

// "张三（户主）": how a member appears in the household's history.
std::string MemberText(const Resident& r, const std::string& relation) {
  std::string name = Relations().NameOf(relation);
  return r.name + "（" + (name.empty() ? relation : name) + "）";
}

// Takes the resident out of another household they belonged to (clearing its head if they
// were it), recording the change there.
Result<void> LeaveOtherHousehold(core::db::Session& s, const Resident& r, std::int64_t joining,
                                 const std::string& actor, std::int64_t now) {
  if (!r.household_id || *r.household_id == joining) return {};
  HouseholdStore households(s);
  JC_ASSIGN_OR_RETURN(auto old, households.Get(core::auth::Scope::All(), *r.household_id));
  if (!old) return {};
  Household after = *old;
  if (after.head_id && *after.head_id == r.id) after.head_id.reset();
  return households.Update(*old, after, {{0, "", "members", MemberText(r, r.relation), ""}}, actor,
                           now);
}

// Puts a resident (as read in scope) into household hh with a relation; hh is updated.
Result<void> SetMember(PeopleContext& ctx, core::db::Session& s, const std::string& actor,
                       Household& hh, const Resident& before, const std::string& relation) {
  bool becomes_head = relation == kHeadRelation;
  if (becomes_head && hh.head_id && *hh.head_id != before.id) {
    return DomainError::Conflict("people.household.head_exists",
                                 "该户已有户主，请先修改原户主与户主的关系", "relation");
  }
  bool member = before.household_id && *before.household_id == hh.id;
  Resident after = before;
  after.household_id = hh.id;
  after.relation = relation;
  after.org_code = hh.org_code;
  if (hh.house_id) after.house_id = hh.house_id;
  Household next = hh;
  if (becomes_head) {
    next.head_id = before.id;
  } else if (hh.head_id && *hh.head_id == before.id) {
    next.head_id.reset();
  }
  bool resident_changes = !DiffResidents(before, after).empty();
  if (!resident_changes && next.head_id == hh.head_id) return {};  // nothing to do
  std::int64_t now = ctx.clock.NowMs();
  JC_TRY(LeaveOtherHousehold(s, before, hh.id, actor, now));
  if (resident_changes) JC_TRY(ResidentStore(s, ctx.privacy).Update(before, after, actor, now));
  std::string old_text = member ? MemberText(before, before.relation) : "";
  std::string new_text = MemberText(before, relation);
  std::vector<FieldChange> extra;
  if (old_text != new_text) extra.push_back({0, "", "members", old_text, new_text});
  JC_TRY(HouseholdStore(s).Update(hh, next, extra, actor, now));
  hh = next;
  return {};
}

Result<Household> CreateHousehold(PeopleContext& ctx, const Call& call, const Json& body) {
  JC_TRY(RejectUnknownFields(body, {"number", "house_id", "org_code", "head_id"}));
  Household hh;
  JC_ASSIGN_OR_RETURN(auto number, OptionalText(body, "number", 50));
  hh.number = number.value_or("");
  if (hh.number.empty())
    return DomainError::Invalid("people.household.number.required", "请填写户号", "number");
  JC_ASSIGN_OR_RETURN(auto org_code, OptionalText(body, "org_code", 20));
  hh.org_code = org_code.value_or("");
  JC_ASSIGN_OR_RETURN(auto house_id, OptionalId(body, "house_id"));
  if (house_id) hh.house_id = *house_id;
  JC_ASSIGN_OR_RETURN(auto head_id, OptionalId(body, "head_id"));
  if (!hh.org_code.empty()) {
    JC_TRY(CheckGrid(ctx, call.who.scope, hh.org_code));
  } else if (!hh.house_id) {
    return DomainError::Invalid("people.grid.required", "请选择所属网格或房屋", "org_code");
  }
  const auto& scope = call.who.scope;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    if (hh.house_id) {
      JC_ASSIGN_OR_RETURN(auto house, HouseStore(s).Get(scope, *hh.house_id));
      if (!house)
        return DomainError::Invalid("people.house.not_found", "房屋不存在或不在您的管辖范围内",
                                    "house_id");
      if (hh.org_code.empty()) hh.org_code = house->org_code;
      if (hh.org_code != house->org_code) {
        return DomainError::Invalid("people.household.grid_mismatch",
                                    "户所在网格应与房屋所在网格一致", "org_code");
      }
    }
    std::optional<Resident> head;
    if (head_id && *head_id) {
      JC_ASSIGN_OR_RETURN(head, ResidentStore(s, ctx.privacy).Get(scope, **head_id));
      if (!head)
        return DomainError::Invalid("people.resident.not_found", "居民不存在或不在您的管辖范围内",
                                    "head_id");
    }
    JC_TRY(HouseholdStore(s).Insert(hh, ctx.clock.NowMs()));
    if (head) JC_TRY(SetMember(ctx, s, call.who.username, hh, *head, kHeadRelation));
    return ctx.audit.Append(
        s, call.Audit("people.household.create", "household", std::to_string(hh.id), hh.org_code,
                      {{"number", hh.number},
                       {"house_id", OptionalIdJson(hh.house_id)},
                       {"head_id", OptionalIdJson(hh.head_id)}}));
  }));
  return hh;
}

Result<void> PutMember(PeopleContext& ctx, const Call& call, std::int64_t id,
                       std::int64_t resident_id, const Json& body) {
  JC_TRY(RejectUnknownFields(body, {"relation"}));
  JC_ASSIGN_OR_RETURN(auto given, OptionalText(body, "relation", 40));
  if (!given || given->empty())
    return DomainError::Invalid("people.code.required", "请选择与户主关系", "relation");
  auto relation = Relations().Resolve(*given);
  if (!relation) {
    return DomainError::Invalid("people.code.unknown", "代码“" + *given + "”不在标准代码表中",
                                "relation");
  }
  return ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto hh, HouseholdStore(s).Get(call.who.scope, id));
    if (!hh) return NotFound();
    JC_ASSIGN_OR_RETURN(auto resident,
                        ResidentStore(s, ctx.privacy).Get(call.who.scope, resident_id));
    if (!resident) return ResidentNotFound();
    JC_TRY(SetMember(ctx, s, call.who.username, *hh, *resident, *relation));
    return ctx.audit.Append(
        s, call.Audit("people.household.member.set", "household", std::to_string(id), hh->org_code,
                      {{"resident_id", resident_id}, {"relation", *relation}}));
  });
}

Result<void> RemoveMember(PeopleContext& ctx, const Call& call, std::int64_t id,
                          std::int64_t resident_id) {
  return ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    HouseholdStore households(s);
    JC_ASSIGN_OR_RETURN(auto hh, households.Get(call.who.scope, id));
    if (!hh) return NotFound();
    ResidentStore residents(s, ctx.privacy);
    JC_ASSIGN_OR_RETURN(auto before, residents.Get(call.who.scope, resident_id));
    if (!before) return ResidentNotFound();
    if (!before->household_id || *before->household_id != id) {
      return DomainError::NotFound("people.household.member_not_found", "该居民不是本户成员");
    }
    std::int64_t now = ctx.clock.NowMs();
    Resident after = *before;
    after.household_id.reset();
    after.relation.clear();
    JC_TRY(residents.Update(*before, after, call.who.username, now));
    Household next = *hh;
    if (next.head_id && *next.head_id == resident_id) next.head_id.reset();
    JC_TRY(households.Update(*hh, next,
                             {{0, "", "members", MemberText(*before, before->relation), ""}},
                             call.who.username, now));
    return ctx.audit.Append(
        s, call.Audit("people.household.member.remove", "household", std::to_string(id),
                      hh->org_code, {{"resident_id", resident_id}}));
  });
}

Result<Household> ReadHousehold(PeopleContext& ctx, const core::auth::Scope& scope,
                                std::int64_t id) {
  std::optional<Household> found;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(found, HouseholdStore(s).Get(scope, id));
    return {};
  }));
  if (!found) return NotFound();
  return std::move(*found);
}

// The household as it is now, as answered (docs/api-people.md).
Result<Json> ReadHouseholdJson(PeopleContext& ctx, const Request& req, std::int64_t id) {
  JC_ASSIGN_OR_RETURN(Household h, ReadHousehold(ctx, req.Who().scope, id));
  return HouseholdJson(h, ctx.OrgName(h.org_code), ctx.Today());
}

Result<HouseholdFilter> HouseholdFilterOf(const Request& req) {
  HouseholdFilter f;
  f.q = req.Query("q");
  if (core::text::Utf8Length(f.q) > 100)
    return DomainError::Invalid("http.bad_query", "查询内容过长", "q");
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  JC_ASSIGN_OR_RETURN(f.house_id, core::http::IntQuery(req, "house_id"));
  return f;
}

}  // namespace

Json HouseholdJson(const Household& h, const std::string& org_name, const std::string& today) {
  Json members = Json::array();
  for (const auto& m : h.members) {
    int age = AgeOn(m.birth_date, today);
    members.push_back({{"resident_id", m.resident_id},
                       {"name", m.name},
                       {"relation", m.relation},
                       {"gender", m.gender},
                       {"age", age >= 0 ? Json(age) : Json(nullptr)}});
  }
  return {{"id", h.id},
          {"number", h.number},
          {"org_code", h.org_code},
          {"org_name", org_name},
          {"house_id", OptionalIdJson(h.house_id)},
          {"house_address", h.house_address},
          {"head_id", OptionalIdJson(h.head_id)},
          {"head_name", h.head_id ? Json(h.head_name) : Json(nullptr)},
          {"members", members},
          {"member_count", h.member_count},
          {"version", h.version}};
}

void RegisterHouseholdRoutes(core::http::Router& router, PeopleContext& ctx) {
  using core::http::Answering;
  RecordRoutes spec("/api/v1/households", NotFound());
  spec.list = GridList<HouseholdPage>(
      ctx, HouseholdFilterOf, [](core::db::Session& s) { return HouseholdStore(s); },
      [&ctx](const Household& h, const std::string& org_name) {
        return HouseholdJson(h, org_name, ctx.Today());
      });
  spec.list_summary = "Lists households in scope (?org=&q=number or head name&house_id=)";
  spec.create = [&ctx](Request& req, const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(Household created, CreateHousehold(ctx, Call::Of(req), body));
    return ReadHouseholdJson(ctx, req, created.id);
  };
  spec.create_summary =
      "Registers a household (number unique; house_id or org_code; head_id optional)";
  spec.get = [&ctx](Request& req, std::int64_t id) { return ReadHouseholdJson(ctx, req, id); };
  spec.get_summary = "A household with its members";
  RegisterRecordRoutes(router, spec);

  router.Put("/api/v1/households/{id}/members/{resident_id}",
             Answering([&ctx](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", NotFound()));
               JC_ASSIGN_OR_RETURN(std::int64_t resident_id,
                                   core::http::PathId(req, "resident_id", ResidentNotFound()));
               JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
               JC_TRY(PutMember(ctx, Call::Of(req), id, resident_id, body));
               return ReadHouseholdJson(ctx, req, id);
             }),
             kWrite,
             "Moves a resident into the household with a relation (02 户主: only one head)");

  router.Delete("/api/v1/households/{id}/members/{resident_id}",
                Answering([&ctx](Request& req) -> Result<Json> {
                  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", NotFound()));
                  JC_ASSIGN_OR_RETURN(std::int64_t resident_id,
                                      core::http::PathId(req, "resident_id", ResidentNotFound()));
                  JC_TRY(RemoveMember(ctx, Call::Of(req), id, resident_id));
                  return ReadHouseholdJson(ctx, req, id);
                }),
                kWrite, "Takes a resident out of the household");
}

}  // namespace jiceng::people
