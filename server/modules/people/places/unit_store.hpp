// The only SQL about units (enterprises, social organizations, ...). The contact phone is
// encrypted at rest; callers see plain Unit values. Every read takes a Scope.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/people/people.hpp"
#include "modules/people/privacy.hpp"

namespace jiceng::people {

struct UnitFilter {
  std::string q;     // name substring or credit code prefix
  std::string kind;  // enterprise | social_org | ...
  int limit = 50;
};

using UnitPage = core::db::Page<Unit>;  // next_cursor: "org_code:id" of the last item

class UnitStore {
 public:
  UnitStore(core::db::Session& session, const Privacy& privacy) : s_(session), privacy_(privacy) {}

  core::Result<std::optional<Unit>> Get(const core::auth::Scope& scope, std::int64_t id);
  core::Result<UnitPage> List(const core::auth::Scope& scope, const UnitFilter& filter,
                              const std::string& cursor);
  // The unit holding a credit code, wherever it is (the code is unique everywhere).
  core::Result<std::optional<std::int64_t>> FindByCreditCode(const std::string& credit_code);

  // Inserts u (sets id, version); a registered credit code is 409 people.unit.duplicate.
  core::Result<void> Insert(Unit& u, std::int64_t now_ms);
  // Saves after over before if the stored version is still before.version (else
  // people.version_conflict); bumps the version and records the changed fields (phone masked).
  core::Result<void> Update(const Unit& before, Unit& after, const std::string& actor,
                            std::int64_t now_ms);

 private:
  core::Result<Unit> FromRow(const core::db::Row& row) const;

  core::db::Session& s_;
  const Privacy& privacy_;
};

std::vector<FieldChange> DiffUnits(const Unit& before, const Unit& after);

}  // namespace jiceng::people
