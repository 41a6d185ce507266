// Field history of the base records (people_changes) and the error of a stale edit: what every
// store of a versioned people record shares.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

// Field changes of a base record into people_changes (entity: house | household | unit).
core::Result<void> RecordChanges(core::db::Session& s, const char* entity, std::int64_t entity_id,
                                 const std::vector<FieldChange>& changes, const std::string& actor,
                                 std::int64_t now);

// 409 people.version_conflict: the record was saved by someone else since it was read.
core::DomainError VersionConflict();

}  // namespace jiceng::people
