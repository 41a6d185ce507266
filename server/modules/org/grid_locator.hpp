// Keeps the point-in-grid index current: parsed polygons cached by code, and a new immutable
// GridIndex published after every committed change. Readers never wait for a rebuild.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/db/database.hpp"
#include "core/geo/grid_index.hpp"

namespace jiceng::org {

class GridLocatorService {
 public:
  // Loads every grid from the database and publishes the first index.
  core::Result<void> Load(core::db::Database& db);
  // After a commit: replace or remove one grid and republish.
  void Put(const std::string& code, const core::geo::Polygon& polygon);
  void Remove(const std::string& code);
  std::optional<std::string> Locate(double lng, double lat) const {
    return locator_.Locate(lng, lat);
  }
  std::size_t size() const { return locator_.size(); }

 private:
  void PublishLocked();
  std::mutex mu_;  // serialises writers; readers go through locator_
  std::map<std::string, core::geo::Polygon> polygons_;
  core::geo::GridLocator locator_;
};

}  // namespace jiceng::org
