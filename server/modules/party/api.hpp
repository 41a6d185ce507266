// What other modules may use of the party module (the only header they may include).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/org/api.hpp"

namespace jiceng::party {

// The module object for main.cpp; it reads org nodes through org's api and residents,
// households and visits through people's api.
std::unique_ptr<core::app::Module> MakePartyModule(const org::OrgApi& org);

// --- for the autonomy module ---
// The two committees (村"两委"): who sits on the committee of the party organization that leads a
// village or community. Only the committee (members holding a post) is answered, never the
// member roll. Calls run in the caller's session and take the caller's data scope.
struct BranchCommitteeMember {
  std::int64_t resident_id = 0;
  std::string name;  // from the resident record
  std::string post;  // secretary, deputy_secretary, organization, propaganda, discipline, member
  std::string post_name;  // 书记, 副书记, ...
};

struct BranchCommittee {
  std::int64_t party_org_id = 0;
  std::string party_org_name;
  std::string kind_name;                       // 党委, 党总支, 党支部, 联合党支部
  std::string org_code;                        // the village or community
  std::vector<BranchCommitteeMember> members;  // secretary first, then by post
};

// The leading party organization of each village or community under org_code (a county,
// township or village code) in scope, with its committee: the organization bound to the
// village's node itself whose parent (if any) is bound elsewhere; of several, the oldest.
// Villages without a party organization are absent.
core::Result<std::map<std::string, BranchCommittee>> BranchCommitteesUnder(
    core::db::Session& s, const core::auth::Scope& scope, const std::string& org_code);

// The same for one village or community (nullopt: none in scope).
core::Result<std::optional<BranchCommittee>> BranchCommitteeOf(core::db::Session& s,
                                                               const core::auth::Scope& scope,
                                                               const std::string& village_code);

}  // namespace jiceng::party
