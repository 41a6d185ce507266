#include "modules/cases/body_fields.hpp"

namespace jiceng::cases {

using core::DomainError;

core::Result<std::string> Text(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string())
    return DomainError::Invalid("cases.field.type", std::string(key) + " 应为文字", key);
  return body[key].get<std::string>();
}

core::Result<std::optional<double>> Number(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::optional<double>();
  if (!body[key].is_number())
    return DomainError::Invalid("cases.field.type", std::string(key) + " 应为数字", key);
  return std::optional<double>(body[key].get<double>());
}

}  // namespace jiceng::cases
