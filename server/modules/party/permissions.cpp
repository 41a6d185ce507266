#include "modules/party/permissions.hpp"

#include "core/auth/permissions.hpp"

namespace jiceng::party {

using core::auth::RegisterPermission;

core::Result<void> RegisterPartyPermissions() {
  // The township organizer (组织委员) sets up party organizations; the village secretary keeps
  // the members of their own organizations. No other role reads membership.
  JC_TRY(RegisterPermission(kRead, "查看党组织和党员信息", {"party_organizer", "party_secretary"}));
  JC_TRY(RegisterPermission(kWrite, "登记和修改党员信息", {"party_organizer", "party_secretary"}));
  JC_TRY(RegisterPermission(kOrgWrite, "设立党组织、查看换届提醒", {"party_organizer"}));
  JC_TRY(RegisterPermission(kExport, "导出党员名册（留审计记录）", {"party_organizer"}));
  return {};
}

}  // namespace jiceng::party
