// Reading request bodies of the autonomy module: unknown fields, texts and counts, each with a
// field-specific 422 in Chinese.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/module_names.hpp"

namespace jiceng::autonomy {

Result<void> RejectUnknown(const Json& body, const std::set<std::string>& known);
// A text field; "" when absent. max_chars counts characters (UTF-8).
Result<std::string> TextField(const Json& body, const std::string& name, std::size_t max_chars);
// A required, non-blank text field.
Result<std::string> RequiredText(const Json& body, const std::string& name, std::size_t max_chars,
                                 const std::string& label);
// A required non-negative integer count.
Result<std::int64_t> CountField(const Json& body, const std::string& name,
                                const std::string& label);
// An optional non-negative integer count (absent or null: nullopt).
Result<std::optional<std::int64_t>> OptionalCount(const Json& body, const std::string& name);
// A required local date YYYY-MM-DD.
Result<std::string> DateField(const Json& body, const std::string& name, const std::string& label);

}  // namespace jiceng::autonomy
