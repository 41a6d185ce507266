#include "modules/autonomy/permissions.hpp"

#include "core/auth/permissions.hpp"

namespace jiceng::autonomy {

using core::auth::RegisterPermission;

core::Result<void> RegisterAutonomyPermissions() {
  // Decisions and disclosures are public once disclosed; before that the village's own people,
  // the township that guides it (the organizer too) and the county read them.
  JC_TRY(RegisterPermission(kRead, "查看村级重大事项决策（四议两公开）和公开事项",
                            {"county_staff", "township_staff", "village_staff", "party_organizer",
                             "party_secretary", "supervisor"}));
  // The village party organization proposes and the village records the meetings.
  JC_TRY(RegisterPermission(kDecisionWrite, "发起重大事项决策、记录会议和决议公开",
                            {"party_secretary", "village_staff"}));
  JC_TRY(RegisterPermission(kDisclosureWrite, "填报和公开党务、村务、财务公开事项",
                            {"party_secretary", "village_staff"}));
  // Only the village affairs supervisory committee reviews (村务监督委员会).
  JC_TRY(RegisterPermission(kDisclosureSignOff, "审核公开事项（村务监督委员会）", {"supervisor"}));
  // The township files conventions after its legality review (合法性审查).
  JC_TRY(RegisterPermission(kConventionReview, "村规民约备案和合法性审查",
                            {"township_staff", "party_organizer"}));
  JC_TRY(RegisterPermission(kCommitteeWrite, "登记村民委员会和村务监督委员会成员",
                            {"township_staff", "village_staff"}));
  // The two committees (村"两委") name the party branch committee's members and posts: party
  // data, so not every autonomy.read holder sees them. The township organizer and the village
  // secretary keep the branch committees; township and county staff oversee the two committees
  // of their villages. Village staff and supervisors do not need it.
  JC_TRY(
      RegisterPermission(kTwoCommitteesRead, "查看村（社区）\"两委\"班子和交叉任职情况",
                         {"county_staff", "township_staff", "party_organizer", "party_secretary"}));
  return {};
}

}  // namespace jiceng::autonomy
