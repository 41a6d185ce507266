#include "modules/people/residents/resident_routes.hpp"

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/text/id_number.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/people_stats_store.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/record_routes.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/residents/resident_use_cases.hpp"

namespace jiceng::people {

namespace {

DomainError ResidentNotFound() {
  return DomainError::NotFound("people.resident.not_found", "居民不存在或不在您的管辖范围内");
}

Result<std::int64_t> IdParam(const Request& req) {
  return core::http::PathId(req, "id", ResidentNotFound());
}

Json Resident1(PeopleContext& ctx, const Request& req, const Resident& r, bool reveal) {
  return ResidentJson(r, req.Who(), {reveal, ctx.Today(), ctx.OrgName(r.org_code)});
}

Result<ResidentFilter> ResidentFilterOf(const Request& req, const std::string& today) {
  ResidentFilter f = ResidentQuery(req, today);
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

}  // namespace

void RegisterResidentRoutes(core::http::Router& router, PeopleContext& ctx) {
  using core::http::Answering;
  router.Get(
      "/api/v1/people/codes", [](Request& req) { return Response::Ok(CodesJson(req.Who())); }, "",
      "Code tables of the base data (ethnicities, relations, tag kinds, ...)");

  router.Post("/api/v1/people/id-number/check", Answering([&ctx](Request& req) -> Result<Json> {
                JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                JC_ASSIGN_OR_RETURN(std::string number, core::http::StringField(body, "id_number"));
                JC_ASSIGN_OR_RETURN(
                    auto parsed,
                    core::text::ParseIdNumber(
                        number,
                        ctx.division_exists
                            ? [&ctx](std::string_view
                                         six) { return AddressCodeKnown(six, ctx.division_exists); }
                            : std::function<bool(std::string_view)>(),
                        ctx.Today()));
                std::string region = ctx.OrgName(parsed.address_code);
                return Json{{"valid", true},
                            {"birth_date", parsed.birth_date},
                            {"gender", parsed.male ? "male" : "female"},
                            {"legacy", parsed.kind == core::text::IdNumberKind::kLegacy15},
                            {"address_code", parsed.address_code},
                            {"region", region}};
              }),
              kWrite, "Checks an ID number (GB 11643) and derives birth date and gender");

  RecordRoutes spec("/api/v1/residents", ResidentNotFound());
  spec.list = [&ctx](Request& req) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(ResidentFilter filter, ResidentFilterOf(req, ctx.Today()));
    return ReadPage<ResidentPage>(
        ctx,
        [&](core::db::Session& s) {
          return ResidentStore(s, ctx.privacy).Search(req.Who().scope, filter, req.Query("cursor"));
        },
        [&](const Resident& r) { return Resident1(ctx, req, r, false); });
  };
  spec.list_summary =
      "Lists and searches residents in scope (name, pinyin, ID/phone tail, address)";
  spec.create = [&ctx](Request& req, const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(Resident r, RegisterResident(ctx, Call::Of(req), body));
    return Resident1(ctx, req, r, false);
  };
  spec.create_summary = "Registers a resident (org_code = grid; ID and phone in full)";
  spec.get = [&ctx](Request& req, std::int64_t id) -> Result<Json> {
    std::string purpose = req.Query("purpose");
    JC_ASSIGN_OR_RETURN(Resident r, ReadResident(ctx, Call::Of(req), id, purpose));
    return Resident1(ctx, req, r, !purpose.empty());
  };
  spec.get_summary =
      "A resident, masked; with ?purpose= and people.sensitive.read in full (audited)";
  spec.update = [&ctx](Request& req, std::int64_t id, const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(Resident r, UpdateResident(ctx, Call::Of(req), id, body));
    return Resident1(ctx, req, r, false);
  };
  spec.update_summary =
      "Edits a resident (with version); 409 people.version_conflict carries `current`";
  spec.current = [&ctx](Request& req, std::int64_t id) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(Resident r, ReadResident(ctx, Call::Of(req), id, ""));
    return Resident1(ctx, req, r, false);
  };
  RegisterRecordRoutes(router, spec);

  router.Get("/api/v1/residents/{id}/history", Answering([&ctx](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req));
               std::vector<FieldChange> changes;
               JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
                 ResidentStore store(s, ctx.privacy);
                 JC_ASSIGN_OR_RETURN(auto found, store.Get(req.Who().scope, id));
                 if (!found) return ResidentNotFound();
                 JC_ASSIGN_OR_RETURN(changes, store.History(id));
                 return {};
               }));
               Json items = Json::array();
               for (const auto& c : changes) {
                 // A birth date would undo the ID number's mask: its year only.
                 auto shown = [&](const std::string& v) {
                   return c.field == "birth_date" && v.size() == 10 ? v.substr(0, 4) + "-**-**" : v;
                 };
                 items.push_back({{"at", core::time::FormatIsoUtc(c.at)},
                                  {"actor", c.actor},
                                  {"field", c.field},
                                  {"old", shown(c.old_value)},
                                  {"new", shown(c.new_value)}});
               }
               return items;
             }),
             kRead, "Field history of a resident (who, when, old -> new)");

  router.Post("/api/v1/residents/{id}/tags",
              Answering(
                  [&ctx](Request& req) -> Result<Json> {
                    JC_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req));
                    JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                    JC_ASSIGN_OR_RETURN(auto tag, TagResident(ctx, Call::Of(req), id, body));
                    return TagJson(tag);
                  },
                  201),
              kWrite, "Tags a resident (care or watched group; needs people.tag.<kind>)");

  router.Patch("/api/v1/resident-tags/{id}", Answering([&ctx](Request& req) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req));
                 JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                 JC_ASSIGN_OR_RETURN(auto tag, UpdateTag(ctx, Call::Of(req), id, body));
                 return TagJson(tag);
               }),
               kWrite, "Edits or ends a tag (end_date)");

  router.Get("/api/v1/people/stats", Answering([&ctx](Request& req) -> Result<Json> {
               auto scope = NarrowScope(req.Who().scope, req.Query("org"));
               if (!scope)
                 return DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内");
               std::vector<std::string> care_kinds;
               for (const auto& k : TagKinds())
                 if (k.group == TagGroup::kCare && req.Who().Has(k.Permission()))
                   care_kinds.push_back(k.code);
               PeopleStats stats;
               JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
                 JC_ASSIGN_OR_RETURN(stats, CountPeople(s, *scope, care_kinds, ctx.Today()));
                 return {};
               }));
               return Json{{"residents", stats.residents}, {"households", stats.households},
                           {"houses", stats.houses},       {"rented_houses", stats.rented_houses},
                           {"units", stats.units},         {"care_members", stats.care_members}};
             }),
             kRead,
             "Counts of residents, households, houses, units and care-group members in scope");
}

}  // namespace jiceng::people
