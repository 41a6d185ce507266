// The SQL of service attributes (table cases_category_attributes). Attributes belong to the
// catalogue, which every jurisdiction shares: no scope applies.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/cases/open311/open311_attributes.hpp"

namespace jiceng::cases::open311 {

class AttributeStore {
 public:
  explicit AttributeStore(core::db::Session& s) : s_(s) {}
  // The attributes of one category, by order.
  core::Result<std::vector<ServiceAttribute>> Of(const std::string& category_code);
  // The categories that have attributes (their services have metadata=true).
  core::Result<std::set<std::string>> CategoriesWithAttributes();

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::cases::open311
