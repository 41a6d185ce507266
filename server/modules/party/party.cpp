#include "modules/party/party.hpp"

#include <array>
#include <string_view>

namespace jiceng::party {

namespace {

struct KindRow {
  OrgKind kind;
  const char* name;
  const char* chinese;
};

constexpr std::array<KindRow, 5> kKinds = {{
    {OrgKind::kCommittee, "committee", "党委"},
    {OrgKind::kGeneralBranch, "general_branch", "党总支"},
    {OrgKind::kBranch, "branch", "党支部"},
    {OrgKind::kJointBranch, "joint_branch", "联合党支部"},
    {OrgKind::kGroup, "group", "党小组"},
}};

}  // namespace

std::optional<OrgKind> ParseOrgKind(std::string_view name) {
  for (const auto& k : kKinds)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

const char* OrgKindName(OrgKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "branch";
}

const char* OrgKindChinese(OrgKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.chinese;
  return "党支部";
}

bool IsBranch(OrgKind kind) { return kind == OrgKind::kBranch || kind == OrgKind::kJointBranch; }

std::optional<MemberStatus> ParseMemberStatus(std::string_view name) {
  if (name == "formal") return MemberStatus::kFormal;
  if (name == "probationary") return MemberStatus::kProbationary;
  return std::nullopt;
}

const char* MemberStatusName(MemberStatus s) {
  return s == MemberStatus::kFormal ? "formal" : "probationary";
}

bool IsCommitteePost(std::string_view post) {
  for (std::string_view p :
       {"secretary", "deputy_secretary", "organization", "propaganda", "discipline", "member"})
    if (post == p) return true;
  return false;
}

const char* CommitteePostChinese(std::string_view post) {
  if (post == "secretary") return "书记";
  if (post == "deputy_secretary") return "副书记";
  if (post == "organization") return "组织委员";
  if (post == "propaganda") return "宣传委员";
  if (post == "discipline") return "纪检委员";
  if (post == "member") return "委员";
  return "";
}

}  // namespace jiceng::party
