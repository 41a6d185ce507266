// Field history of the base records (people_changes) and the error of a stale edit: what every
// store of a versioned people record shares.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

// Field changes of a base record into people_changes (entity: house | household | unit).
core::Result<void> RecordChanges(core::db::Session& s, const char* entity, std::int64_t entity_id,
                                 const std::vector<FieldChange>& changes, const std::string& actor,
                                 std::int64_t now);

// The changed fields of an edit as the history shows them, for a Diff function: a field is
// kept when its values differ (ids as their number, "" for none).
class FieldDiff {
 public:
  void Add(const char* field, const std::string& before, const std::string& after);
  void Add(const char* field, const std::optional<std::int64_t>& before,
           const std::optional<std::int64_t>& after);
  // Compares the clear values and keeps masked ones: the history shows what answers show.
  template <typename Mask>
  void AddMasked(const char* field, const std::string& before, const std::string& after,
                 Mask mask) {
    if (before != after) changes_.push_back({0, "", field, mask(before), mask(after)});
  }
  std::vector<FieldChange> Take() { return std::move(changes_); }

 private:
  std::vector<FieldChange> changes_;
};

// 409 people.version_conflict: the record was saved by someone else since it was read.
core::DomainError VersionConflict();

}  // namespace jiceng::people
