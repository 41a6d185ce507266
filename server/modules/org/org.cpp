#include "modules/org/org.hpp"

#include <cctype>
#include <set>

namespace jiceng::org {

bool IsDepartmentCategory(const std::string& category) {
  static const std::set<std::string> kCategories = {
      "urban_management", "civil_affairs",     "emergency",         "health",
      "public_security",  "market_regulation", "human_resources",   "disabled_persons",
      "housing",          "ecology",           "governance_center", "other"};
  return kCategories.count(category) > 0;
}

const char* LevelName(OrgLevel level) {
  switch (level) {
    case OrgLevel::kProvince:
      return "province";
    case OrgLevel::kCity:
      return "city";
    case OrgLevel::kCounty:
      return "county";
    case OrgLevel::kTownship:
      return "township";
    case OrgLevel::kVillage:
      return "village";
    case OrgLevel::kGrid:
      return "grid";
    case OrgLevel::kDepartment:
      return "department";
  }
  return "unknown";
}

std::optional<OrgLevel> ParseLevel(std::string_view name) {
  for (auto l : {OrgLevel::kProvince, OrgLevel::kCity, OrgLevel::kCounty, OrgLevel::kTownship,
                 OrgLevel::kVillage, OrgLevel::kGrid, OrgLevel::kDepartment}) {
    if (name == LevelName(l)) return l;
  }
  return std::nullopt;
}

std::string KindName(std::string_view kind) {
  if (kind == "province") return "省级";
  if (kind == "city") return "地级";
  if (kind == "county") return "县级";
  if (kind == "street") return "街道";
  if (kind == "town") return "镇";
  if (kind == "township_rural") return "乡";
  if (kind == "township_other") return "其他乡级单位";
  if (kind == "community") return "居委会";
  if (kind == "villagers") return "村委会";
  if (kind == "village_other") return "其他村级单位";
  if (kind == "comprehensive") return "综合网格";
  if (kind == "dedicated") return "专属网格";
  if (kind == "department") return "职能部门";
  return std::string(kind);
}

namespace {
int SegmentOf(std::string_view code, std::size_t from) {
  return (code[from] - '0') * 100 + (code[from + 1] - '0') * 10 + (code[from + 2] - '0');
}
}  // namespace

bool IsValidOrgCode(std::string_view code) {
  if (code.size() != 2 && code.size() != 4 && code.size() != 6 && code.size() != 9 &&
      code.size() != 12 && code.size() != 15) {
    return false;
  }
  for (char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

OrgLevel LevelOfCode(std::string_view code) {
  switch (code.size()) {
    case 2:
      return OrgLevel::kProvince;
    case 4:
      return OrgLevel::kCity;
    case 6:
      return OrgLevel::kCounty;
    case 9:
      return SegmentOf(code, 6) >= 900 ? OrgLevel::kDepartment : OrgLevel::kTownship;
    case 12:
      return SegmentOf(code, 9) >= 900 ? OrgLevel::kDepartment : OrgLevel::kVillage;
    default:
      return OrgLevel::kGrid;
  }
}

std::string KindOfDivisionCode(std::string_view code) {
  if (code.size() == 9) {
    int s = SegmentOf(code, 6);
    if (s >= 900) return "department";
    if (s < 100) return "street";
    if (s < 200) return "town";
    if (s < 400) return "township_rural";
    return "township_other";
  }
  if (code.size() == 12) {
    int s = SegmentOf(code, 9);
    if (s >= 900) return "department";
    if (s < 200) return "community";
    if (s < 400) return "villagers";
    return "village_other";
  }
  if (code.size() == 2) return "province";
  if (code.size() == 4) return "city";
  if (code.size() == 6) return "county";
  return "comprehensive";
}

std::vector<std::string> AncestorCodes(std::string_view code) {
  std::vector<std::string> out;
  for (std::size_t len : {2, 4, 6, 9, 12}) {
    if (len < code.size()) out.emplace_back(code.substr(0, len));
  }
  return out;
}

}  // namespace jiceng::org
