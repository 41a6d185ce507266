// The only SQL about houses. Every read takes a Scope (the house's grid must lie in it).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

struct HouseFilter {
  std::string q;              // address or building substring
  std::string rental_status;  // owner_occupied | rented | vacant
  int limit = 50;
};

using HousePage = core::db::Page<House>;  // next_cursor: "org_code:id" of the last item

class HouseStore {
 public:
  explicit HouseStore(core::db::Session& session) : s_(session) {}

  // With resident_count (active residents) and household_count filled in.
  core::Result<std::optional<House>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Houses by id, ignoring scope: for lists whose rows were scoped already (a ledger's tenants).
  core::Result<std::vector<House>> ByIds(const std::vector<std::int64_t>& ids);
  // Houses in scope ordered by (grid, id).
  core::Result<HousePage> List(const core::auth::Scope& scope, const HouseFilter& filter,
                               const std::string& cursor);
  // Inserts h (sets id, version).
  core::Result<void> Insert(House& h, std::int64_t now_ms);
  // Saves after over before if the stored version is still before.version (else
  // people.version_conflict): bumps the version and records one change row per changed field.
  core::Result<void> Update(const House& before, House& after, const std::string& actor,
                            std::int64_t now_ms);

 private:
  core::db::Session& s_;
};

// Field-by-field differences (field key as in the API, old, new).
std::vector<FieldChange> DiffHouses(const House& before, const House& after);
// "1幢2单元301室" from building, unit and room (a bare number gets its usual suffix).
std::string ComposeHouseAddress(const std::string& building, const std::string& unit,
                                const std::string& room);

}  // namespace jiceng::people
