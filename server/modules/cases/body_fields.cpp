#include "modules/cases/body_fields.hpp"

#include "core/module_names.hpp"

namespace jiceng::cases {

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

core::Result<void> ReadReportFields(const nlohmann::json& body, const char* node_key,
                                    IntakeReport& r) {
  JC_ASSIGN_OR_RETURN(r.category_code, Text(body, "category_code"));
  JC_ASSIGN_OR_RETURN(r.description, Text(body, "description"));
  JC_ASSIGN_OR_RETURN(r.address, Text(body, "address"));
  JC_ASSIGN_OR_RETURN(r.lng, Number(body, "lng"));
  JC_ASSIGN_OR_RETURN(r.lat, Number(body, "lat"));
  JC_ASSIGN_OR_RETURN(r.node_code, Text(body, node_key));
  JC_ASSIGN_OR_RETURN(r.reporter_name, Text(body, "reporter_name"));
  JC_ASSIGN_OR_RETURN(r.reporter_phone, Text(body, "reporter_phone"));
  return {};
}

}  // namespace jiceng::cases
