// The only SQL about party organizations. Every read takes a Scope (the org node the party
// organization is bound to must lie in it).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/party/party.hpp"

namespace jiceng::party {

class PartyOrgStore {
 public:
  explicit PartyOrgStore(core::db::Session& session) : s_(session) {}

  core::Result<void> Insert(PartyOrg& o);
  core::Result<std::optional<PartyOrg>> Get(const core::auth::Scope& scope, std::int64_t id);
  // In scope, in (org_code, id) order; at most limit.
  core::Result<std::vector<PartyOrg>> List(const core::auth::Scope& scope, int limit);
  // Organizations in scope whose term ends on or before `until` (YYYY-MM-DD), soonest first.
  core::Result<std::vector<PartyOrg>> TermsEndingBy(const core::auth::Scope& scope,
                                                    const std::string& until);
  // Ignoring scope: for the demo seed, which must not add the same organization twice.
  core::Result<std::int64_t> CountAt(const std::string& org_code);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::party
