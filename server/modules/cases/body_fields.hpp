// Optional fields of a JSON request body, shared by the staff and the public case routes: a
// missing or null field is empty, a field of the wrong type is 422 cases.field.type.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "modules/cases/intake/intake.hpp"

namespace jiceng::cases {

core::Result<std::string> Text(const nlohmann::json& body, const char* key);
core::Result<std::optional<double>> Number(const nlohmann::json& body, const char* key);

// The fields every report body has (category, description, address, point, reporter), the place
// without a point from node_key: org_code from staff, grid_code from residents.
core::Result<void> ReadReportFields(const nlohmann::json& body, const char* node_key,
                                    IntakeReport& r);

}  // namespace jiceng::cases
