#include "modules/org/grid_locator.hpp"

#include <spdlog/spdlog.h>

#include "modules/org/org_store.hpp"

namespace jiceng::org {

core::Result<void> GridLocatorService::Load(core::db::Database& db) {
  std::vector<GridShape> shapes;
  JC_TRY(db.Read([&](core::db::Session& s) -> core::Result<void> {
    JC_ASSIGN_OR_RETURN(shapes, OrgStore(s).GridShapes(Scope::All()));
    return {};
  }));
  std::lock_guard lock(mu_);
  polygons_.clear();
  for (const auto& shape : shapes) {
    auto polygon =
        core::geo::ParseGeoJsonPolygon(nlohmann::json::parse(shape.geometry, nullptr, false));
    if (!polygon.ok()) {
      spdlog::warn("grid {} has an unreadable polygon: {}", shape.code, polygon.error().message);
      continue;
    }
    polygons_.emplace(shape.code, std::move(polygon).value());
  }
  PublishLocked();
  return {};
}

void GridLocatorService::Put(const std::string& code, const core::geo::Polygon& polygon) {
  std::lock_guard lock(mu_);
  polygons_.insert_or_assign(code, polygon.Clone());
  PublishLocked();
}

void GridLocatorService::Remove(const std::string& code) {
  std::lock_guard lock(mu_);
  polygons_.erase(code);
  PublishLocked();
}

void GridLocatorService::PublishLocked() {
  std::vector<core::geo::GridEntry> entries;
  entries.reserve(polygons_.size());
  for (const auto& [code, polygon] : polygons_) entries.push_back({code, polygon.Clone()});
  locator_.Replace(core::geo::GridIndex::Build(std::move(entries)));
}

}  // namespace jiceng::org
