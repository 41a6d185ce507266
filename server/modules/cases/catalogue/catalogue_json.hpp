#pragma once
#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

nlohmann::json CategoryJson(const Category& c);
// Applies a PATCH body (name, description, routing, department_category, active, deadlines,
// version) to c; 422 with a cases.category.* code for a bad value.
core::Result<void> ApplyCategoryPatch(const nlohmann::json& body, Category& c);

}  // namespace jiceng::cases
