#include "modules/autonomy/body_fields.hpp"

#include "core/text/utf8.hpp"
#include "core/time/work_calendar.hpp"

namespace jiceng::autonomy {

Result<void> RejectUnknown(const Json& body, const std::set<std::string>& known) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  for (const auto& [key, _] : body.items()) {
    if (!known.count(key))
      return DomainError::Invalid("autonomy.field.unknown", "未知字段：" + key, key);
  }
  return {};
}

Result<std::string> TextField(const Json& body, const std::string& name, std::size_t max_chars) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return DomainError::Invalid("autonomy.field.type", name + " 应为文本", name);
  std::string text = it->get<std::string>();
  if (!core::text::ValidUtf8(text))
    return DomainError::Invalid("autonomy.field.type", name + " 不是有效的 UTF-8 文本", name);
  if (core::text::Utf8Length(text) > max_chars)
    return DomainError::Invalid("autonomy.field.too_long",
                                name + " 不能超过 " + std::to_string(max_chars) + " 个字", name);
  return text;
}

Result<std::string> RequiredText(const Json& body, const std::string& name, std::size_t max_chars,
                                 const std::string& label) {
  JC_ASSIGN_OR_RETURN(std::string text, TextField(body, name, max_chars));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return DomainError::Invalid("autonomy." + name + ".required", "请填写" + label, name);
  return text;
}

Result<std::optional<std::int64_t>> OptionalCount(const Json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer())
    return DomainError::Invalid("autonomy.stage.number.invalid", name + " 应为整数", name);
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > 1000000)
    return DomainError::Invalid("autonomy.stage.number.invalid", name + " 应为 0–1000000 的整数",
                                name);
  std::int64_t v = it->get<std::int64_t>();
  if (v < 0 || v > 1000000)
    return DomainError::Invalid("autonomy.stage.number.invalid", name + " 应为 0–1000000 的整数",
                                name);
  return std::optional<std::int64_t>(v);
}

Result<std::int64_t> CountField(const Json& body, const std::string& name,
                                const std::string& label) {
  JC_ASSIGN_OR_RETURN(auto v, OptionalCount(body, name));
  if (!v) return DomainError::Invalid("autonomy.stage.number.required", "请填写" + label, name);
  return *v;
}

Result<std::string> DateField(const Json& body, const std::string& name, const std::string& label) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null())
    return DomainError::Invalid("autonomy." + name + ".required", "请填写" + label, name);
  if (!it->is_string() || !core::time::IsIsoDate(it->get<std::string>()))
    return DomainError::Invalid("autonomy." + name + ".invalid",
                                label + "应为 YYYY-MM-DD 格式的日期", name);
  return it->get<std::string>();
}

}  // namespace jiceng::autonomy
