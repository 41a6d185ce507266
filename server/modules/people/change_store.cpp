#include "modules/people/change_store.hpp"

namespace jiceng::people {

core::Result<void> RecordChanges(core::db::Session& s, const char* entity, std::int64_t entity_id,
                                 const std::vector<FieldChange>& changes, const std::string& actor,
                                 std::int64_t now) {
  for (const auto& c : changes) {
    JC_TRY(s.Exec(
        "INSERT INTO people_changes (entity, entity_id, field, old_value, new_value, at, actor) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {std::string(entity), entity_id, c.field, c.old_value, c.new_value, now, actor}));
  }
  return {};
}

void FieldDiff::Add(const char* field, const std::string& before, const std::string& after) {
  if (before != after) changes_.push_back({0, "", field, before, after});
}

void FieldDiff::Add(const char* field, const std::optional<std::int64_t>& before,
                    const std::optional<std::int64_t>& after) {
  auto text = [](const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
  };
  Add(field, text(before), text(after));
}

core::DomainError VersionConflict() {
  return core::DomainError::Conflict("people.version_conflict",
                                     "该记录已被他人修改，请查看最新内容后再保存", "version");
}

}  // namespace jiceng::people
