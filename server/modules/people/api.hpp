// What other modules may use of the people module (the only header they may include).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "core/auth/scope.hpp"
#include "core/crypto/field_cipher.hpp"
#include "core/db/database.hpp"
#include "modules/org/api.hpp"

namespace jiceng::people {

// The module object for main.cpp; it reads the org tree through org's api.
std::unique_ptr<core::app::Module> MakePeopleModule(const org::OrgApi& org);

// --- for the party module ---
// Party members are resident records; their household links and visits are the people module's
// households and visit records (collect once: the grid worker sees the member's visits too).
// Every call runs in the caller's session (one transaction with the party module's own writes)
// and takes the caller's data scope.
struct ResidentBrief {
  std::int64_t id = 0;
  std::string name;
  std::string org_code;  // the grid
  std::optional<std::int64_t> household_id;
  std::string birth_date;  // YYYY-MM-DD or "" (party module)
  std::string relation;    // GB/T 4761 code of the relation to the head (autonomy module)
};

struct HouseholdBrief {
  std::int64_t id = 0;
  std::string number;
  std::string org_code;  // the grid
  std::string head_name;
  std::string address;
};

struct PartyVisitInput {
  std::int64_t household_id = 0;
  std::int64_t visited_at = 0;  // ms UTC
  std::string note;
  std::int64_t created_by_id = 0;
  std::string created_by;  // display name
  std::int64_t created_at = 0;
};

class PartyPeopleApi {
 public:
  // The data key (residents' personal fields are encrypted with it).
  explicit PartyPeopleApi(std::shared_ptr<core::crypto::FieldCipher> cipher);
  core::Result<std::optional<ResidentBrief>> Resident(core::db::Session& s,
                                                      const core::auth::Scope& scope,
                                                      std::int64_t id) const;
  core::Result<std::optional<HouseholdBrief>> Household(core::db::Session& s,
                                                        const core::auth::Scope& scope,
                                                        std::int64_t id) const;
  // Households of a grid (or any node's subtree) in scope, in code order: for the demo seed.
  core::Result<std::vector<HouseholdBrief>> Households(core::db::Session& s,
                                                       const core::auth::Scope& scope,
                                                       int limit) const;
  // Residents in scope, in code order: for the demo seed.
  core::Result<std::vector<ResidentBrief>> Residents(core::db::Session& s,
                                                     const core::auth::Scope& scope,
                                                     int limit) const;
  // Stores a visit record of the people module to a household in scope (the visit carries the
  // household's grid); returns its id. 422 people.household.not_found outside scope.
  core::Result<std::int64_t> RecordHouseholdVisit(core::db::Session& s,
                                                  const core::auth::Scope& scope,
                                                  const PartyVisitInput& visit) const;

 private:
  std::shared_ptr<core::crypto::FieldCipher> cipher_;
};
// --- for the autonomy module ---
// Residents come back as ResidentBrief (above): never the ID number or phone.
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
