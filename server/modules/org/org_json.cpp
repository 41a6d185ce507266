#include "modules/org/org_json.hpp"

#include <cmath>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/time/clock.hpp"

namespace jiceng::org {

using nlohmann::json;

json NodeJson(const OrgNode& n) {
  return {{"code", n.code},
          {"name", n.name},
          {"level", LevelName(n.level)},
          {"kind", n.kind},
          {"kind_name", KindName(n.kind)},
          {"category", n.category},
          {"parent_code", n.parent_code.empty() ? json(nullptr) : json(n.parent_code)},
          {"child_count", n.child_count}};
}

json GridFeature(const Grid& g) {
  json workers = json::array();
  for (const auto& w : g.workers)
    workers.push_back({{"user_id", w.user_id}, {"name", w.name}, {"phone", w.phone}});
  return {{"type", "Feature"},
          {"id", g.code},
          {"geometry", g.geometry},
          {"properties",
           {{"code", g.code},
            {"name", g.name},
            {"kind", g.kind},
            {"kind_name", KindName(g.kind)},
            {"dedicated_kind", g.dedicated_kind},
            {"village_code", g.village_code},
            {"household_capacity", g.household_capacity},
            {"population_capacity", g.population_capacity},
            {"area_m2", std::round(g.area_m2)},
            {"hotline", g.hotline},
            {"workers", workers},
            {"version", g.version},
            {"updated_at", core::time::FormatIsoUtc(g.updated_at)},
            {"updated_by", g.updated_by}}}};
}

Result<GridInput> GridInputFromJson(const json& body) {
  using core::http::IntField;
  using core::http::StringField;
  GridInput in;
  JC_ASSIGN_OR_RETURN(in.village_code, StringField(body, "village_code"));
  JC_ASSIGN_OR_RETURN(in.name, StringField(body, "name"));
  JC_ASSIGN_OR_RETURN(in.kind, StringField(body, "kind", "comprehensive"));
  JC_ASSIGN_OR_RETURN(in.dedicated_kind, StringField(body, "dedicated_kind"));
  JC_ASSIGN_OR_RETURN(in.household_capacity, IntField(body, "household_capacity", 0));
  JC_ASSIGN_OR_RETURN(in.population_capacity, IntField(body, "population_capacity", 0));
  JC_ASSIGN_OR_RETURN(in.hotline, StringField(body, "hotline"));
  if (body.contains("version") && !body["version"].is_null()) {
    JC_ASSIGN_OR_RETURN(std::int64_t v, IntField(body, "version", 0));
    in.version = v;
  }
  auto geometry = body.find("geometry");
  if (geometry == body.end() || !geometry->is_object()) {
    return DomainError::Invalid("org.grid.geometry_invalid", "缺少网格边界（GeoJSON Polygon）",
                                "geometry");
  }
  in.geometry = *geometry;
  if (auto ids = body.find("worker_ids"); ids != body.end() && !ids->is_null()) {
    if (!ids->is_array())
      return DomainError::Invalid("http.bad_field", "worker_ids 应为数组", "worker_ids");
    for (const auto& id : *ids) {
      if (!id.is_number_integer())
        return DomainError::Invalid("http.bad_field", "worker_ids 应为整数数组", "worker_ids");
      in.worker_ids.push_back(id.get<std::int64_t>());
    }
  }
  return in;
}

}  // namespace jiceng::org
