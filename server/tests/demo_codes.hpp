// Org codes of the demo county (诸暨市) that the API tests address, named once.
#pragma once

namespace jiceng::testing {

inline constexpr const char* kCounty = "330681";             // 诸暨市
inline constexpr const char* kCityManagement = "330681901";  // 诸暨市 城管 department
inline constexpr const char* kTownship = "330681109";        // 枫桥镇
inline constexpr const char* kTownshipDepartment = "330681109901";
inline constexpr const char* kVillage = "330681109290";         // 枫源村
inline constexpr const char* kSiblingVillage = "330681109291";  // 乐山村, also in 枫桥镇
inline constexpr const char* kSiblingTownship = "330681001";    // 暨阳街道
inline constexpr const char* kOtherTownshipVillage = "330681001001";  // 江东社区, in 暨阳街道
inline constexpr const char* kGrid1 = "330681109290001";
inline constexpr const char* kGrid2 = "330681109290002";

}  // namespace jiceng::testing
