// The only SQL about household links (党员联户).
#pragma once
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::party {

struct HouseholdLink {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::int64_t household_id = 0;
  std::string org_code;  // the household's grid
  std::int64_t created_at = 0;
};

class LinkStore {
 public:
  explicit LinkStore(core::db::Session& session) : s_(session) {}
  // 409 party.link.duplicate when the household is already linked to the member.
  core::Result<void> Insert(HouseholdLink& link);
  // A member's links (the member's scope was checked by the caller).
  core::Result<std::vector<HouseholdLink>> OfMember(std::int64_t member_id);
  core::Result<std::int64_t> Count(std::int64_t member_id);
  // Rows removed (0 when there was no such link).
  core::Result<std::int64_t> Remove(std::int64_t member_id, std::int64_t household_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::party
