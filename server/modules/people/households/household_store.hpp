// The only SQL about households (户). Members are residents whose household_id points here; the
// resident store changes them, this store reads them. Every read takes a Scope.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

struct HouseholdFilter {
  std::string q;  // number or the head's name (substring)
  std::optional<std::int64_t> house_id;
  int limit = 50;
};

using HouseholdPage = core::db::Page<Household>;  // next_cursor: "org_code:id" of the last item

class HouseholdStore {
 public:
  explicit HouseholdStore(core::db::Session& session) : s_(session) {}

  // With head name, house address and the active members in scope. The head is the stored one
  // while they still belong here, else a member whose relation is 02 (户主).
  core::Result<std::optional<Household>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Households in scope ordered by (grid, id), members included.
  core::Result<HouseholdPage> List(const core::auth::Scope& scope, const HouseholdFilter& filter,
                                   const std::string& cursor);
  core::Result<std::vector<Household>> OfHouse(const core::auth::Scope& scope,
                                               std::int64_t house_id);
  // The household holding a number, wherever it is (the number is unique everywhere).
  core::Result<std::optional<std::int64_t>> FindByNumber(const std::string& number);

  // Inserts h (sets id, version); a taken number is 409 people.household.duplicate.
  core::Result<void> Insert(Household& h, std::int64_t now_ms);
  // Insert without the number lookup, for bulk loads whose numbers are unique by construction.
  core::Result<void> InsertNew(Household& h, std::int64_t now_ms);
  // Names the head of a household inserted in this transaction: no version bump, no history,
  // since nobody can have read it yet.
  core::Result<void> SetHeadOfNew(std::int64_t household_id, std::int64_t head_id);
  // Saves number, grid, house and head of after if the stored version is still before.version
  // (else people.version_conflict); bumps the version and records the changed fields plus extra
  // (member changes).
  core::Result<void> Update(const Household& before, Household& after,
                            const std::vector<FieldChange>& extra, const std::string& actor,
                            std::int64_t now_ms);
  // Moves the households of a house to another grid (the house moved); their history records it.
  core::Result<void> MoveHouse(std::int64_t house_id, const std::string& org_code,
                               const std::string& actor, std::int64_t now_ms);

 private:
  core::Result<std::vector<Household>> Select(const std::string& where, core::db::Params params,
                                              const std::string& tail);
  core::Result<void> LoadMembers(const core::auth::Scope& scope,
                                 std::vector<Household>& households);

  core::db::Session& s_;
};

}  // namespace jiceng::people
