// Plain types of the org module: nodes of the org tree, grids and their input.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace jiceng::org {

// Levels follow the code length: 2 province, 4 city, 6 county, 9 township, 12 village, 15 grid.
// Departments take a 9xx segment below the node they serve (county 330681 -> 330681901).
enum class OrgLevel { kProvince, kCity, kCounty, kTownship, kVillage, kGrid, kDepartment };

struct OrgNode {
  std::string code;
  std::string parent_code;
  std::string name;
  OrgLevel level = OrgLevel::kProvince;
  std::string kind;      // street town township_rural township_other community villagers ...
  std::string category;  // department type
  std::int64_t child_count = 0;
};

struct GridWorker {
  std::int64_t user_id = 0;
  std::string name;
  std::string phone;
};

struct Grid {
  std::string code;
  std::string village_code;
  std::string name;
  std::string kind;            // comprehensive | dedicated
  std::string dedicated_kind;  // school | hospital | park | enterprise
  std::int64_t household_capacity = 0;
  std::int64_t population_capacity = 0;
  std::string hotline;
  nlohmann::json geometry;  // GeoJSON Polygon
  double area_m2 = 0;
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
  std::string updated_by;
  std::vector<GridWorker> workers;
};

struct GridInput {
  std::string village_code;
  std::string name;
  std::string kind = "comprehensive";
  std::string dedicated_kind;
  std::int64_t household_capacity = 0;
  std::int64_t population_capacity = 0;
  std::string hotline;
  nlohmann::json geometry;
  std::vector<std::int64_t> worker_ids;
  std::optional<std::int64_t> version;  // required on update (optimistic locking)
};

const char* LevelName(OrgLevel level);
std::optional<OrgLevel> ParseLevel(std::string_view name);
// Chinese name of a kind: 街道, 镇, 乡, 居委会, 村委会, 综合网格, 专属网格, 职能部门 ...
std::string KindName(std::string_view kind);
// Level from the code alone (for division codes and grid codes).
OrgLevel LevelOfCode(std::string_view code);
// Kind of a township (9-digit) or village (12-digit) code from its segment (STANDARDS.md).
std::string KindOfDivisionCode(std::string_view code);
// The codes of the ancestors of a code, from the province down, excluding the code itself.
std::vector<std::string> AncestorCodes(std::string_view code);
bool IsValidOrgCode(std::string_view code);
// A department type (urban_management, civil_affairs, ...): what a department node is and what
// a case category is routed to.
bool IsDepartmentCategory(const std::string& category);

}  // namespace jiceng::org
