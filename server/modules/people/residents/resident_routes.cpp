#include "modules/people/residents/resident_routes.hpp"

#include <charconv>

#include "core/http/params.hpp"
#include "core/text/id_number.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/people_stats.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/record_routes.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/residents/resident_use_cases.hpp"

namespace jiceng::people {

using core::DomainError;
using core::Result;
using core::app::Call;
using core::http::Json;
using core::http::Request;
using core::http::Response;

namespace {

Result<std::int64_t> IdParam(const Request& req, const char* name = "id") {
  return PathId(
      req, name,
      DomainError::NotFound("people.resident.not_found", "居民不存在或不在您的管辖范围内"));
}

Json Resident1(PeopleContext& ctx, const Request& req, const Resident& r, bool reveal) {
  return ResidentJson(r, req.Who(), {reveal, ctx.Today(), ctx.org_name(r.org_code).value_or("")});
}

Result<ResidentFilter> ResidentFilterOf(const Request& req, const std::string& today) {
  ResidentFilter f;
  f.q = req.Query("q");
  f.org = req.Query("org");
  f.tag = req.Query("tag");
  f.residency_kind = req.Query("residency_kind");
  f.status = req.Query("status");
  f.today = today;
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  if (!f.tag.empty() && !CanUseTag(req.Who(), f.tag)) {
    return DomainError::Forbidden("auth.forbidden", "您没有查看该类人群的权限");
  }
  if (!f.residency_kind.empty() && !ResidencyKinds().Has(f.residency_kind)) {
    return DomainError::Invalid("people.code.unknown", "人口类别代码无效", "residency_kind");
  }
  if (!f.status.empty() && !ResidentStatuses().Has(f.status)) {
    return DomainError::Invalid("people.code.unknown", "状态代码无效", "status");
  }
  return f;
}

Json CodesJson(const core::auth::Principal& who) {
  Json out = Json::object();
  for (const CodeTable* table : AllCodeTables()) {
    Json entries = Json::array();
    for (const auto& e : table->entries) entries.push_back({{"code", e.code}, {"name", e.name}});
    out[table->key] = entries;
  }
  Json tags = Json::array();
  for (const auto& k : TagKinds()) {
    tags.push_back({{"code", k.code},
                    {"name", k.name},
                    {"group", k.group == TagGroup::kCare ? "care" : "watched"},
                    {"readable", who.Has(k.Permission())}});
  }
  out["tag_kinds"] = tags;
  return out;
}

// A 409 version conflict carries the server's record so the client can show both versions.
Response ConflictWithCurrent(PeopleContext& ctx, Request& req, const DomainError& e,
                             std::int64_t id) {
  Response resp = Response::Problem(e, req);
  auto current = ReadResident(ctx, Call::Of(req), id, "");
  if (current.ok()) {
    Json body = Json::parse(resp.body, nullptr, false);
    body["current"] = Resident1(ctx, req, *current, false);
    resp.body = body.dump();
  }
  return resp;
}

}  // namespace

void RegisterResidentRoutes(core::http::Router& router, PeopleContext& ctx) {
  router.Get(
      "/api/v1/people/codes", [](Request& req) { return Response::Ok(CodesJson(req.Who())); }, "",
      "Code tables of the base data (ethnicities, relations, tag kinds, ...)");

  router.Post(
      "/api/v1/people/id-number/check",
      [&ctx](Request& req) {
        auto body = req.JsonBody();
        if (!body.ok()) return Response::Problem(body.error(), req);
        auto number = core::http::StringField(*body, "id_number");
        if (!number.ok()) return Response::Problem(number.error(), req);
        auto parsed = core::text::ParseIdNumber(
            *number,
            ctx.division_exists
                ? [&ctx](
                      std::string_view six) { return AddressCodeKnown(six, ctx.division_exists); }
                : std::function<bool(std::string_view)>(),
            ctx.Today());
        if (!parsed.ok()) return Response::Problem(parsed.error(), req);
        std::string region = ctx.org_name(parsed->address_code).value_or("");
        return Response::Ok({{"valid", true},
                             {"birth_date", parsed->birth_date},
                             {"gender", parsed->male ? "male" : "female"},
                             {"legacy", parsed->kind == core::text::IdNumberKind::kLegacy15},
                             {"address_code", parsed->address_code},
                             {"region", region}});
      },
      "", "Checks an ID number (GB 11643) and derives birth date and gender");

  router.Get(
      "/api/v1/residents",
      [&ctx](Request& req) {
        auto filter = ResidentFilterOf(req, ctx.Today());
        if (!filter.ok()) return Response::Problem(filter.error(), req);
        ResidentPage page;
        auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
          JC_ASSIGN_OR_RETURN(
              page,
              ResidentStore(s, ctx.privacy).Search(req.Who().scope, *filter, req.Query("cursor")));
          return {};
        });
        if (!r.ok()) return Response::Problem(r.error(), req);
        Json items = Json::array();
        for (const auto& resident : page.items)
          items.push_back(Resident1(ctx, req, resident, false));
        return Response::Ok(
            {{"items", items},
             {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}});
      },
      kRead, "Lists and searches residents in scope (name, pinyin, ID/phone tail, address)");

  router.Post(
      "/api/v1/residents",
      [&ctx](Request& req) {
        auto body = req.JsonBody();
        if (!body.ok()) return Response::Problem(body.error(), req);
        auto r = RegisterResident(ctx, Call::Of(req), *body);
        if (!r.ok()) return Response::Problem(r.error(), req);
        return Response::Ok(Resident1(ctx, req, *r, false), 201);
      },
      kWrite, "Registers a resident (org_code = grid; ID and phone in full)");

  router.Get(
      "/api/v1/residents/{id}",
      [&ctx](Request& req) {
        auto id = IdParam(req);
        if (!id.ok()) return Response::Problem(id.error(), req);
        std::string purpose = req.Query("purpose");
        auto r = ReadResident(ctx, Call::Of(req), *id, purpose);
        if (!r.ok()) return Response::Problem(r.error(), req);
        return Response::Ok(Resident1(ctx, req, *r, !purpose.empty()));
      },
      kRead, "A resident, masked; with ?purpose= and people.sensitive.read in full (audited)");

  router.Patch(
      "/api/v1/residents/{id}",
      [&ctx](Request& req) {
        auto id = IdParam(req);
        if (!id.ok()) return Response::Problem(id.error(), req);
        auto body = req.JsonBody();
        if (!body.ok()) return Response::Problem(body.error(), req);
        auto r = UpdateResident(ctx, Call::Of(req), *id, *body);
        if (!r.ok()) {
          if (r.error().code == "people.version_conflict")
            return ConflictWithCurrent(ctx, req, r.error(), *id);
          return Response::Problem(r.error(), req);
        }
        return Response::Ok(Resident1(ctx, req, *r, false));
      },
      kWrite, "Edits a resident (with version); 409 people.version_conflict carries `current`");

  router.Get(
      "/api/v1/residents/{id}/history",
      [&ctx](Request& req) {
        auto id = IdParam(req);
        if (!id.ok()) return Response::Problem(id.error(), req);
        std::vector<FieldChange> changes;
        auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
          ResidentStore store(s, ctx.privacy);
          JC_ASSIGN_OR_RETURN(auto found, store.Get(req.Who().scope, *id));
          if (!found)
            return DomainError::NotFound("people.resident.not_found",
                                         "居民不存在或不在您的管辖范围内");
          JC_ASSIGN_OR_RETURN(changes, store.History(*id));
          return {};
        });
        if (!r.ok()) return Response::Problem(r.error(), req);
        Json items = Json::array();
        for (const auto& c : changes) {
          items.push_back({{"at", core::time::FormatIsoUtc(c.at)},
                           {"actor", c.actor},
                           {"field", c.field},
                           {"old", c.old_value},
                           {"new", c.new_value}});
        }
        return Response::Ok(items);
      },
      kRead, "Field history of a resident (who, when, old -> new)");

  router.Post(
      "/api/v1/residents/{id}/tags",
      [&ctx](Request& req) {
        auto id = IdParam(req);
        if (!id.ok()) return Response::Problem(id.error(), req);
        auto body = req.JsonBody();
        if (!body.ok()) return Response::Problem(body.error(), req);
        auto t = TagResident(ctx, Call::Of(req), *id, *body);
        if (!t.ok()) return Response::Problem(t.error(), req);
        return Response::Ok(TagJson(*t), 201);
      },
      kWrite, "Tags a resident (care or watched group; needs people.tag.<kind>)");

  router.Patch(
      "/api/v1/resident-tags/{id}",
      [&ctx](Request& req) {
        auto id = IdParam(req);
        if (!id.ok()) return Response::Problem(id.error(), req);
        auto body = req.JsonBody();
        if (!body.ok()) return Response::Problem(body.error(), req);
        auto t = UpdateTag(ctx, Call::Of(req), *id, *body);
        if (!t.ok()) return Response::Problem(t.error(), req);
        return Response::Ok(TagJson(*t));
      },
      kWrite, "Edits or ends a tag (end_date)");

  router.Get(
      "/api/v1/people/stats",
      [&ctx](Request& req) {
        auto scope = NarrowScope(req.Who().scope, req.Query("org"));
        if (!scope)
          return Response::Problem(
              DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内"), req);
        std::vector<std::string> care_kinds;
        for (const auto& k : TagKinds())
          if (k.group == TagGroup::kCare && req.Who().Has(k.Permission()))
            care_kinds.push_back(k.code);
        PeopleStats stats;
        auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
          JC_ASSIGN_OR_RETURN(stats, CountPeople(s, *scope, care_kinds, ctx.Today()));
          return {};
        });
        if (!r.ok()) return Response::Problem(r.error(), req);
        return Response::Ok({{"residents", stats.residents},
                             {"households", stats.households},
                             {"houses", stats.houses},
                             {"rented_houses", stats.rented_houses},
                             {"units", stats.units},
                             {"care_members", stats.care_members}});
      },
      kRead, "Counts of residents, households, houses, units and care-group members in scope");
}

}  // namespace jiceng::people
