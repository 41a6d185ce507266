// Reading JSON request bodies with a specific 422 for each problem (code and field), shared by
// the party module's routes.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jiceng::party {

using Json = nlohmann::json;

// 422 party.field.unknown naming the first field not in allowed.
core::Result<void> RejectUnknownFields(const Json& body, const std::vector<std::string>& allowed);
// A string field: nullopt when absent or null; 422 party.field.type when not a string,
// party.field.too_long above max characters. Trimmed of surrounding spaces.
core::Result<std::optional<std::string>> OptionalText(const Json& body, const char* key,
                                                      std::size_t max);
// The same, required and non-empty: 422 party.field.required.
core::Result<std::string> RequiredText(const Json& body, const char* key, std::size_t max);
// A positive integer id: nullopt when absent or null; 422 party.field.type otherwise.
core::Result<std::optional<std::int64_t>> OptionalId(const Json& body, const char* key);
core::Result<std::int64_t> RequiredId(const Json& body, const char* key);
// A "YYYY-MM-DD" date (real calendar): 422 party.date.format.
core::Result<std::string> DateField(const Json& body, const char* key, bool required);

}  // namespace jiceng::party
