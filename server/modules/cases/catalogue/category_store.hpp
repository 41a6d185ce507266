// SQL of the case catalogue: categories and their deadlines.
#pragma once
#include <optional>
#include <vector>

#include "core/db/database.hpp"
#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

class CategoryStore {
 public:
  explicit CategoryStore(core::db::Session& s) : s_(s) {}

  // Every category with its deadlines, ordered by code (a few hundred rows at most).
  core::Result<std::vector<Category>> All(bool active_only);
  core::Result<std::optional<Category>> Get(const std::string& code);
  core::Result<std::int64_t> Count();
  // The latest updated_at of any category; 0 for an empty catalogue.
  core::Result<std::int64_t> LastChange();
  core::Result<void> Insert(const Category& c, std::int64_t now_ms);
  // Replaces name, routing, department, active flag and deadlines if the version still matches
  // (409 cases.category.version_conflict otherwise); bumps the version.
  core::Result<void> Update(const Category& c, std::int64_t now_ms);

 private:
  core::Result<void> WriteDeadlines(const Category& c);
  core::db::Session& s_;
};

}  // namespace jiceng::cases
