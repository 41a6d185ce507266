#include "modules/party/body.hpp"

#include <algorithm>

#include "core/text/utf8.hpp"
#include "core/time/civil.hpp"

namespace jiceng::party {

namespace {

core::DomainError TypeError(const char* key, const char* expected) {
  return core::DomainError::Invalid("party.field.type",
                                    std::string("字段类型错误，应为") + expected, key);
}

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

core::Result<void> RejectUnknownFields(const Json& body, const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return core::DomainError::Invalid("party.field.unknown", "不认识的字段：" + key, key);
  }
  return {};
}

core::Result<std::optional<std::string>> OptionalText(const Json& body, const char* key,
                                                      std::size_t max) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return TypeError(key, "文本");
  std::string text = Trim(it->get<std::string>());
  if (!core::text::ValidUtf8(text) || core::text::Utf8Length(text) > max) {
    return core::DomainError::Invalid("party.field.too_long",
                                      "内容过长，最多 " + std::to_string(max) + " 个字", key);
  }
  return std::optional<std::string>(std::move(text));
}

core::Result<std::string> RequiredText(const Json& body, const char* key, std::size_t max) {
  JC_ASSIGN_OR_RETURN(auto text, OptionalText(body, key, max));
  if (!text || text->empty())
    return core::DomainError::Invalid("party.field.required", "请填写此项", key);
  return std::move(*text);
}

core::Result<std::optional<std::int64_t>> OptionalId(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) return TypeError(key, "正整数");
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

core::Result<std::int64_t> RequiredId(const Json& body, const char* key) {
  JC_ASSIGN_OR_RETURN(auto id, OptionalId(body, key));
  if (!id) return core::DomainError::Invalid("party.field.required", "请填写此项", key);
  return *id;
}

core::Result<std::string> DateField(const Json& body, const char* key, bool required) {
  JC_ASSIGN_OR_RETURN(auto text, OptionalText(body, key, 10));
  if (!text || text->empty()) {
    if (required) return core::DomainError::Invalid("party.field.required", "请填写此项", key);
    return std::string();
  }
  if (text->size() != 10 || !core::time::ParseDate(*text))
    return core::DomainError::Invalid("party.date.format", "日期格式应为 YYYY-MM-DD，如 2026-07-01",
                                      key);
  return std::move(*text);
}

}  // namespace jiceng::party
