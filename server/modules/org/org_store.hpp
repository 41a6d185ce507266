// The only SQL of the org module. Every function takes the caller's Scope and restricts its
// rows to it; system jobs pass Scope::All() explicitly.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/org/org.hpp"

namespace jiceng::org {

using core::Result;
using core::auth::Scope;

struct GridVersion {
  std::int64_t version = 0;
  std::int64_t at = 0;
  std::string actor;
  bool deleted = false;
  nlohmann::json snapshot;
};

struct GridShape {
  std::string code;
  std::string village_code;
  std::string geometry;  // GeoJSON text
};

class OrgStore {
 public:
  explicit OrgStore(core::db::Session& s) : s_(s) {}

  Result<std::optional<OrgNode>> GetNode(const Scope& scope, const std::string& code);
  Result<std::vector<OrgNode>> Children(const Scope& scope, const std::string& parent,
                                        const std::string& after, int limit);
  Result<std::vector<OrgNode>> Search(const Scope& scope, const std::string& name_part,
                                      const std::string& after, int limit);
  // The nodes whose codes are exactly the scope's prefixes (provinces for Scope::All()).
  Result<std::vector<OrgNode>> Roots(const Scope& scope);
  // Names of division codes (public information, used for breadcrumbs).
  Result<std::vector<std::pair<std::string, std::string>>> Names(
      const std::vector<std::string>& codes);

  Result<std::optional<std::string>> Boundary(const Scope& scope, const std::string& code);
  Result<void> SetBoundary(const Scope& scope, const std::string& code, const std::string& geometry,
                           std::int64_t now);

  Result<std::optional<Grid>> GetGrid(const Scope& scope, const std::string& code);
  Result<std::vector<Grid>> GridsOfVillage(const Scope& scope, const std::string& village_code);
  Result<std::vector<GridShape>> GridShapes(const Scope& scope);
  Result<std::vector<GridVersion>> Versions(const Scope& scope, const std::string& code);
  Result<std::vector<std::string>> GridsOfWorker(std::int64_t user_id);
  // Highest grid sequence ever used in a village, deleted grids included, so codes never repeat.
  Result<int> LastGridSequence(const Scope& scope, const std::string& village_code);

  // Highest department segment (900..999) used under a county or township; 899 if none.
  Result<int> LastDepartmentSegment(const std::string& parent_code);
  Result<void> UpsertNodes(const std::vector<OrgNode>& nodes, std::int64_t now);
  Result<void> DeleteNode(const Scope& scope, const std::string& code);
  Result<void> RecountChildren(const std::vector<std::string>& parents);
  Result<void> RecountAllChildren();
  Result<void> InsertGrid(const Scope& scope, const Grid& g);
  Result<void> UpdateGrid(const Scope& scope, const Grid& g);
  Result<void> DeleteGrid(const Scope& scope, const std::string& code);
  Result<void> SaveVersion(const Grid& g, bool deleted, std::int64_t at, const std::string& actor);
  Result<void> SetWorkers(const Scope& scope, const std::string& grid_code,
                          const std::vector<std::int64_t>& user_ids);

 private:
  core::db::Session& s_;
};

nlohmann::json GridSnapshot(const Grid& g);

}  // namespace jiceng::org
