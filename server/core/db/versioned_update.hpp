// Optimistic locking: an edit saves only over the version it was made from, so two people
// editing one record cannot silently overwrite each other.
#pragma once
#include <cstdint>
#include <string_view>

#include "core/db/database.hpp"

namespace jiceng::core::db {

// Runs "UPDATE <table> SET <set>, version = version + 1 WHERE id = $n AND version = $n+1",
// where set refers to params as $1..$k and id and version are appended after them. Returns the
// new version, or `conflict` when the row is at another version (or gone). Driver errors pass
// through unchanged (a unique violation stays db.conflict for the store to name).
Result<std::int64_t> UpdateVersioned(Session& s, std::string_view table, std::string_view set,
                                     Params params, std::int64_t id, std::int64_t version,
                                     const DomainError& conflict);

}  // namespace jiceng::core::db
