// What the party module's use cases and routes share: storage, audit, clock, and the org and
// people modules' api (never their tables).
#pragma once
#include <string>

#include "core/app/module.hpp"
#include "modules/org/api.hpp"
#include "modules/people/api.hpp"

namespace jiceng::party {

inline constexpr int kDefaultHouseholdLinkMax = 10;

struct PartyContext {
  core::db::Database& db;
  core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  const org::OrgApi& org;
  people::PartyPeopleApi people;
  // Households one member may be linked to (党员联户).
  int household_link_max = kDefaultHouseholdLinkMax;

  // Today in Asia/Shanghai, YYYY-MM-DD.
  std::string Today() const { return core::time::FormatShanghai(clock.NowMs()).substr(0, 10); }
};

// The caller's scope narrowed to org (a node inside or above part of it); nullopt when org and
// the scope do not meet. An empty org keeps the scope.
std::optional<core::auth::Scope> NarrowScope(const core::auth::Scope& scope,
                                             const std::string& org);

}  // namespace jiceng::party
