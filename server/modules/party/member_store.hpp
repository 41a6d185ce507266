// The only SQL about party members. A member row holds the link to the resident record and the
// party organization's org_code (the scope); the name and grid come from the people module.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/party/party.hpp"

namespace jiceng::party {

struct MemberFilter {
  std::optional<std::int64_t> party_org_id;
  std::int64_t after_id = 0;
  int limit = 50;
};

class MemberStore {
 public:
  explicit MemberStore(core::db::Session& session) : s_(session) {}

  // 409 party.member.duplicate when the resident is already a member.
  core::Result<void> Insert(Member& m);
  core::Result<std::optional<Member>> Get(const core::auth::Scope& scope, std::int64_t id);
  // In scope, in id order after filter.after_id; at most filter.limit (+1 to tell a next page).
  core::Result<std::vector<Member>> List(const core::auth::Scope& scope,
                                         const MemberFilter& filter);
  core::Result<void> Update(const Member& m);
  // Counts of each organization's own members.
  core::Result<std::map<std::int64_t, MemberCounts>> Counts(const std::vector<std::int64_t>& ids);
  // Member ids of a resident, ignoring scope (the demo seed).
  core::Result<bool> IsMember(std::int64_t resident_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::party
