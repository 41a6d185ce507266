// What other modules may use of the people module (the only header they may include).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "core/auth/scope.hpp"
#include "modules/org/api.hpp"

namespace jiceng::people {

// The module object for main.cpp; it reads the org tree through org's api.
std::unique_ptr<core::app::Module> MakePeopleModule(const org::OrgApi& org);

// --- for the autonomy module ---
// A resident as the autonomy module names a committee member: never the ID number or phone.
struct ResidentBrief {
  std::int64_t id = 0;
  std::string name;
  std::string org_code;
  std::optional<std::int64_t> household_id;
  std::string relation;  // GB/T 4761 code of the relation to the head of household
};

// The resident if it exists and lies in the scope.
core::Result<std::optional<ResidentBrief>> FindResidentBrief(core::db::Session& s,
                                                             const core::auth::Scope& scope,
                                                             std::int64_t resident_id);

// Of `others`, those who are close relatives (近亲属) of `resident` as base data records them:
// members of the same household whose relations to the head are both close (01–79: the head,
// spouse, children and their spouses, grandchildren, parents and parents-in-law, grandparents,
// siblings and their spouses) or not recorded. Relations are recorded to the head only, so this
// errs toward a match (the head's brother and the head's son count). Ignores scope.
core::Result<std::vector<std::int64_t>> CloseRelativesAmong(
    core::db::Session& s, std::int64_t resident, const std::vector<std::int64_t>& others);

}  // namespace jiceng::people
