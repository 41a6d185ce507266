// Houses (房屋): list, register, read with their residents and households, edit. A house moved
// to another grid takes its residents, households and visits with it (records and history kept).
#include <cmath>

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
#include "modules/people/visits/visit_store.hpp"

namespace jiceng::people {

namespace {

DomainError HouseNotFound() {
  return DomainError::NotFound("people.house.not_found", "房屋不存在或不在您的管辖范围内");
}

Result<std::optional<std::optional<double>>> OptionalCoordinate(const Json& body, const char* key) {
  using Out = std::optional<std::optional<double>>;
  auto it = body.find(key);
  if (it == body.end()) return Out();
  if (it->is_null()) return Out(std::optional<double>());
  if (!it->is_number())
    return DomainError::Invalid("people.field.type", "字段类型错误，应为数值", key);
  return Out(std::optional<double>(it->get<double>()));
}

// Applies the fields present in body onto h.
Result<void> ApplyHouseJson(const Json& body, House& h, bool with_version) {
  JC_TRY(RejectUnknownFields(body,
                             {"org_code", "building", "unit", "room", "address", "use",
                              "owner_name", "rental_status", "lng", "lat"},
                             with_version));
  JC_TRY(ApplyTextFields(body, {{"org_code", &h.org_code, 20},
                                {"building", &h.building, 50},
                                {"unit", &h.unit, 20},
                                {"room", &h.room, 20},
                                {"address", &h.address, 200},
                                {"use", &h.use, 20},
                                {"owner_name", &h.owner_name, 50},
                                {"rental_status", &h.rental_status, 20}}));
  JC_ASSIGN_OR_RETURN(auto lng, OptionalCoordinate(body, "lng"));
  if (lng) h.lng = *lng;
  JC_ASSIGN_OR_RETURN(auto lat, OptionalCoordinate(body, "lat"));
  if (lat) h.lat = *lat;
  return {};
}

// Codes resolved (a code or its Chinese name), defaults filled, coordinates and address checked.
Result<void> ValidateHouse(House& h) {
  if (h.use.empty()) h.use = "residential";
  auto use = HouseUses().Resolve(h.use);
  if (!use)
    return DomainError::Invalid("people.code.unknown", "房屋用途代码“" + h.use + "”无效", "use");
  h.use = *use;
  if (h.rental_status.empty()) h.rental_status = "owner_occupied";
  auto rental = RentalStatuses().Resolve(h.rental_status);
  if (!rental) {
    return DomainError::Invalid("people.code.unknown", "出租状态代码“" + h.rental_status + "”无效",
                                "rental_status");
  }
  h.rental_status = *rental;
  if (h.lng.has_value() != h.lat.has_value()) {
    return DomainError::Invalid("people.house.location.invalid", "经度和纬度需同时填写",
                                h.lng ? "lat" : "lng");
  }
  if (h.lng && (!std::isfinite(*h.lng) || *h.lng < -180 || *h.lng > 180)) {
    return DomainError::Invalid("people.house.location.invalid", "经度应在 -180 到 180 之间",
                                "lng");
  }
  if (h.lat && (!std::isfinite(*h.lat) || *h.lat < -90 || *h.lat > 90)) {
    return DomainError::Invalid("people.house.location.invalid", "纬度应在 -90 到 90 之间", "lat");
  }
  if (h.address.empty()) h.address = ComposeHouseAddress(h.building, h.unit, h.room);
  if (h.address.empty()) {
    return DomainError::Invalid("people.house.address.required", "请填写楼栋或房屋地址",
                                "building");
  }
  if (core::text::Utf8Length(h.address) > 200) {
    return DomainError::Invalid("people.field.too_long", "内容过长（最多 200 个字）", "address");
  }
  return {};
}

Result<House> CreateHouse(PeopleContext& ctx, const Call& call, const Json& body) {
  House h;
  JC_TRY(ApplyHouseJson(body, h, false));
  JC_TRY(ValidateHouse(h));
  if (h.org_code.empty() && h.lng && h.lat) {
    auto grid = ctx.locate_grid(*h.lng, *h.lat);
    if (!grid)
      return DomainError::Invalid("people.grid.not_found", "该位置不在任何网格内，请选择所属网格",
                                  "org_code");
    h.org_code = *grid;
  }
  JC_TRY(CheckGrid(ctx, call.who.scope, h.org_code));
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(HouseStore(s).Insert(h, ctx.clock.NowMs()));
    return ctx.audit.Append(
        s, call.Audit("people.house.create", "house", std::to_string(h.id), h.org_code,
                      {{"address", h.address}, {"rental_status", h.rental_status}}));
  }));
  return h;
}

Result<House> UpdateHouse(PeopleContext& ctx, const Call& call, std::int64_t id, const Json& body) {
  JC_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  JC_TRY(CheckNewGrid(ctx, call.who.scope, body));
  return EditWithVersion<House>(
      ctx, version, HouseNotFound(),
      [&](core::db::Session& s) { return HouseStore(s).Get(call.who.scope, id); },
      [&](core::db::Session& s, const House& before, House& after) -> Result<void> {
        JC_TRY(ApplyHouseJson(body, after, true));
        // An address composed from building, unit and room follows them unless given.
        if (!body.contains("address") &&
            before.address == ComposeHouseAddress(before.building, before.unit, before.room)) {
          after.address = ComposeHouseAddress(after.building, after.unit, after.room);
        }
        JC_TRY(ValidateHouse(after));
        std::int64_t now = ctx.clock.NowMs();
        const std::string& actor = call.who.username;
        JC_TRY(HouseStore(s).Update(before, after, actor, now));
        bool moved = after.org_code != before.org_code;
        if (moved) {
          JC_TRY(ResidentStore(s, ctx.privacy).MoveHouse(id, after.org_code, actor, now));
          JC_TRY(HouseholdStore(s).MoveHouse(id, after.org_code, actor, now));
          JC_TRY(VisitStore(s).MoveHouse(id, after.org_code));
        }
        Json summary = {{"fields", ChangedFields(DiffHouses(before, after))},
                        {"version", after.version}};
        if (moved) summary["moved"] = {{"from", before.org_code}, {"to", after.org_code}};
        return ctx.audit.Append(s, call.Audit("people.house.update", "house", std::to_string(id),
                                              after.org_code, summary));
      });
}

struct HouseDetail {
  House house;
  std::vector<Resident> residents;
  std::vector<Household> households;
};

Result<HouseDetail> ReadHouse(PeopleContext& ctx, const core::auth::Scope& scope, std::int64_t id) {
  HouseDetail out;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto house, HouseStore(s).Get(scope, id));
    if (!house) return HouseNotFound();
    out.house = std::move(*house);
    JC_ASSIGN_OR_RETURN(out.residents, ResidentStore(s, ctx.privacy).OfHouse(scope, id));
    JC_ASSIGN_OR_RETURN(out.households, HouseholdStore(s).OfHouse(scope, id));
    return {};
  }));
  return out;
}

Result<HouseFilter> HouseFilterOf(const Request& req) {
  HouseFilter f;
  f.q = req.Query("q");
  f.rental_status = req.Query("rental_status");
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  if (core::text::Utf8Length(f.q) > 100)
    return DomainError::Invalid("http.bad_query", "查询内容过长", "q");
  if (!f.rental_status.empty() && !RentalStatuses().Has(f.rental_status)) {
    return DomainError::Invalid("people.code.unknown", "出租状态代码无效", "rental_status");
  }
  return f;
}

}  // namespace

Json HouseJson(const House& h, const std::string& org_name) {
  return {{"id", h.id},
          {"org_code", h.org_code},
          {"org_name", org_name},
          {"building", h.building},
          {"unit", h.unit},
          {"room", h.room},
          {"address", h.address},
          {"use", h.use},
          {"owner_name", h.owner_name},
          {"rental_status", h.rental_status},
          {"lng", h.lng ? Json(*h.lng) : Json(nullptr)},
          {"lat", h.lat ? Json(*h.lat) : Json(nullptr)},
          {"resident_count", h.resident_count},
          {"household_count", h.household_count},
          {"version", h.version}};
}

void RegisterHouseRoutes(core::http::Router& router, PeopleContext& ctx) {
  auto house_json = [&ctx](const House& h) { return HouseJson(h, ctx.OrgName(h.org_code)); };
  RecordRoutes spec("/api/v1/houses", HouseNotFound());
  spec.list = GridList<HousePage>(
      ctx, HouseFilterOf, [](core::db::Session& s) { return HouseStore(s); }, HouseJson);
  spec.list_summary = "Lists houses in scope (?org=&q=&rental_status=)";
  spec.create = CreateAnswering(ctx, CreateHouse, house_json);
  spec.create_summary = "Registers a house (org_code = grid, or lng/lat to locate it)";
  spec.get = [&ctx](Request& req, std::int64_t id) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(HouseDetail detail, ReadHouse(ctx, req.Who().scope, id));
    OrgNames names(ctx);
    std::string today = ctx.Today();
    Json j = HouseJson(detail.house, names(detail.house.org_code));
    Json residents = Json::array();
    for (const auto& r : detail.residents) {
      if (r.status != "active") continue;  // moved out or deceased: not counted, not listed
      residents.push_back(ResidentJson(r, req.Who(), {false, today, names(r.org_code)}));
    }
    Json households = Json::array();
    for (const auto& hh : detail.households)
      households.push_back(HouseholdJson(hh, names(hh.org_code), today));
    j["residents"] = std::move(residents);
    j["households"] = std::move(households);
    return j;
  };
  spec.get_summary = "A house with its residents (masked) and households";
  spec.update = [&ctx, house_json](Request& req, std::int64_t id,
                                   const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(House h, UpdateHouse(ctx, Call::Of(req), id, body));
    // Counts as they are now (residents may have moved with the house).
    auto fresh = ReadHouse(ctx, req.Who().scope, id);
    return house_json(fresh.ok() ? fresh->house : h);
  };
  spec.update_summary =
      "Edits a house (with version); a new grid moves its residents and households";
  spec.current = ReadAnswering(ctx, ReadHouse,
                               [house_json](const HouseDetail& d) { return house_json(d.house); });
  RegisterRecordRoutes(router, spec);
}

}  // namespace jiceng::people
