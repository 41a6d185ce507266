// Plain types of the party module: party organizations bound to org nodes and their members,
// each a resident record of the people module (never typed again).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jiceng::party {

// 党委 · 党总支 · 党支部 · 联合党支部 · 党小组
enum class OrgKind { kCommittee, kGeneralBranch, kBranch, kJointBranch, kGroup };

std::optional<OrgKind> ParseOrgKind(std::string_view name);
const char* OrgKindName(OrgKind kind);     // committee, general_branch, ...
const char* OrgKindChinese(OrgKind kind);  // 党委, 党总支, ...
// Branches in the sense of the branch regulations: 党支部 and 联合党支部.
bool IsBranch(OrgKind kind);

struct PartyOrg {
  std::int64_t id = 0;
  std::string org_code;
  std::optional<std::int64_t> parent_id;
  OrgKind kind = OrgKind::kBranch;
  std::string name;
  std::vector<std::string> units;  // joint branch: the units it covers
  std::string term_started_on;     // YYYY-MM-DD or ""
  std::string term_ends_on;        // term_started_on + 5 years, or ""
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Counts of a party organization's own members (not its sub-organizations').
struct MemberCounts {
  std::int64_t formal = 0;
  std::int64_t probationary = 0;
  std::int64_t committee = 0;  // members holding a committee post
  bool has_secretary = false;
  std::int64_t total() const { return formal + probationary; }
};

enum class MemberStatus { kFormal, kProbationary };
std::optional<MemberStatus> ParseMemberStatus(std::string_view name);
const char* MemberStatusName(MemberStatus s);

// Committee posts: secretary, deputy_secretary, organization, propaganda, discipline, member;
// "" = none.
bool IsCommitteePost(std::string_view post);
// 书记, 副书记, 组织委员, 宣传委员, 纪检委员, 委员; "" for none or an unknown post.
const char* CommitteePostChinese(std::string_view post);

struct Member {
  std::int64_t id = 0;
  std::int64_t party_org_id = 0;
  std::string org_code;  // the party organization's
  std::int64_t resident_id = 0;
  MemberStatus status = MemberStatus::kFormal;
  std::string joined_on;
  std::string committee_post;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // From the resident record (people module), filled in when answering.
  std::string name;
  std::string resident_org_code;
};

}  // namespace jiceng::party
