#include "modules/people/permissions.hpp"

#include "core/auth/permissions.hpp"
#include "modules/people/codes.hpp"

namespace jiceng::people {

using core::auth::RegisterPermission;

core::Result<void> RegisterPeoplePermissions() {
  const std::vector<std::string> all_staff = {"county_staff", "township_staff", "village_staff",
                                              "department_handler", "grid_worker"};
  const std::vector<std::string> local_staff = {"township_staff", "village_staff", "grid_worker"};
  // The party organizer (township) and secretary (village) read masked base data in their scope:
  // a party member is registered from a resident record and linked to households of their grid
  // (党员联户), never typed again. Full numbers stay with local staff (kSensitiveRead).
  std::vector<std::string> readers = all_staff;
  readers.insert(readers.end(), {"party_organizer", "party_secretary"});
  JC_TRY(RegisterPermission(kRead, "查看实有人口、房屋、单位", readers));
  JC_TRY(RegisterPermission(kWrite, "采集和修改实有人口、房屋、单位", local_staff));
  JC_TRY(RegisterPermission(kSensitiveRead, "查看完整证件号码和电话（需说明用途）", local_staff));
  JC_TRY(RegisterPermission(kImport, "导入人口数据", {"township_staff", "village_staff"}));
  JC_TRY(RegisterPermission(
      kExport, "导出人口名单和台账",
      {"county_staff", "township_staff", "village_staff", "department_handler"}));
  JC_TRY(RegisterPermission(
      kLedgerRead, "查看部门台账",
      {"county_staff", "township_staff", "village_staff", "department_handler"}));
  // Care groups serve every department; watched groups stay with township and village staff.
  for (const auto& kind : TagKinds()) {
    bool care = kind.group == TagGroup::kCare;
    JC_TRY(RegisterPermission(
        kind.Permission(), std::string(care ? "关爱对象：" : "重点人群：") + kind.name,
        care ? all_staff : std::vector<std::string>{"township_staff", "village_staff"}));
  }
  return {};
}

}  // namespace jiceng::people
