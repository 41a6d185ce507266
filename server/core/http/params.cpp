#include "core/http/params.hpp"

#include <charconv>
#include <cmath>

#include "core/text/number.hpp"

namespace jiceng::core::http {

Result<std::int64_t> PathId(const Request& req, std::string_view name,
                            const DomainError& otherwise) {
  auto v = text::ParseInt(req.Param(name));
  if (!v || *v <= 0) return otherwise;
  return *v;
}

Result<std::optional<std::int64_t>> IntQuery(const Request& req, const std::string& name) {
  std::string s = req.Query(name);
  if (s.empty()) return std::optional<std::int64_t>();
  auto v = text::ParseInt(s);
  if (!v) return DomainError::Invalid("http.bad_query", name + " 应为整数", name);
  return v;
}

Result<int> LimitParam(const Request& req, int fallback, int max) {
  std::string s = req.Query("limit");
  if (s.empty()) return fallback;
  auto v = text::ParseInt(s);
  if (!v || *v < 1 || *v > max) {
    return DomainError::Invalid("http.bad_query",
                                "limit 应为 1 到 " + std::to_string(max) + " 之间的整数", "limit");
  }
  return static_cast<int>(*v);
}

Result<double> NumberParam(const Request& req, const std::string& name, double min, double max) {
  std::string s = req.Query(name);
  if (s.empty()) return DomainError::Invalid("http.bad_query", "缺少参数 " + name, name);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < min || v > max) {
    return DomainError::Invalid("http.bad_query", "参数 " + name + " 不是有效的数值", name);
  }
  return v;
}

Result<std::int64_t> IntField(const Json& body, const std::string& name, std::int64_t fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return DomainError::Invalid("http.bad_field", "字段 " + name + " 应为整数", name);
  }
  return it->get<std::int64_t>();
}

Result<std::string> StringField(const Json& body, const std::string& name, std::string fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string())
    return DomainError::Invalid("http.bad_field", "字段 " + name + " 应为文本", name);
  return it->get<std::string>();
}

}  // namespace jiceng::core::http
