#include "modules/cases/open311/open311_attributes.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "core/text/utf8.hpp"

namespace jiceng::cases::open311 {

namespace {

bool IsList(const ServiceAttribute& a) {
  return a.datatype == "singlevaluelist" || a.datatype == "multivaluelist";
}

std::string Label(const std::string& code) { return "attribute[" + code + "]"; }

// The problem with one value of attribute a, or "" when it is fine.
std::string CheckValue(const ServiceAttribute& a, const std::string& v) {
  std::size_t chars = core::text::Utf8Length(v);
  if (a.datatype == "string") {
    if (v.find_first_of("\r\n") != std::string::npos) return "不能换行 (must be a single line)";
    if (chars > 200) return "不能超过 200 个字 (at most 200 characters)";
  } else if (a.datatype == "text") {
    if (chars > 4000) return "不能超过 4000 个字 (at most 4000 characters)";
  } else if (a.datatype == "number") {
    double d = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d))
      return "应为数字 (must be a number)";
  } else if (a.datatype == "datetime") {
    if (!ParseW3cDatetime(v)) {
      return "应为 ISO 8601 时间，如 2026-05-01T08:30:00+08:00 (must be an ISO 8601 / W3C "
             "datetime)";
    }
  } else if (IsList(a)) {
    for (const auto& [key, name] : a.values) {
      if (key == v) return {};
    }
    std::string keys;
    for (const auto& [key, name] : a.values) keys += (keys.empty() ? "" : ", ") + key;
    return "应为以下 key 之一 (must be one of the keys): " + keys;
  }
  if (!a.pattern.empty()) {
    try {
      if (!std::regex_match(v, std::regex(a.pattern))) {
        return "格式不正确 (does not match the format)" +
               (a.datatype_description.empty() ? std::string() : "：" + a.datatype_description);
      }
    } catch (const std::regex_error&) {
      // A bad pattern in the data must not refuse every report: the other checks still hold.
    }
  }
  return {};
}

}  // namespace

std::vector<Error> CheckAttributes(const std::vector<ServiceAttribute>& definition,
                                   const std::vector<AttributeAnswer>& answers,
                                   nlohmann::json& stored) {
  std::vector<Error> errors;
  stored = nlohmann::json::object();
  // Answers by code, in the order given; empty values are absent ("optional" in the spec's sense).
  std::map<std::string, std::vector<const AttributeAnswer*>> by_code;
  for (const auto& a : answers) {
    if (!a.value.empty()) by_code[a.code].push_back(&a);
  }
  std::set<std::string> known;
  for (const auto& a : definition) {
    known.insert(a.code);
    auto it = by_code.find(a.code);
    if (!a.variable) {
      if (it != by_code.end())
        errors.push_back({400, Label(a.code) + " 仅为说明，不接受输入 (takes no input)"});
      continue;
    }
    if (it == by_code.end()) {
      if (a.required)
        errors.push_back({400, Label(a.code) + " 为必填项 (is required): " + a.description});
      continue;
    }
    const auto& given = it->second;
    bool multi = a.datatype == "multivaluelist";
    if (!multi && (given.size() > 1 || given.front()->list_item)) {
      errors.push_back({400, Label(a.code) + " 只能有一个值 (takes a single value)"});
      continue;
    }
    nlohmann::json list = nlohmann::json::array();
    bool ok = true;
    for (const auto* g : given) {
      std::string problem = CheckValue(a, g->value);
      if (!problem.empty()) {
        errors.push_back({400, Label(a.code) + " " + problem});
        ok = false;
        break;
      }
      if (multi) {
        bool seen = false;
        for (const auto& v : list) seen = seen || v == g->value;
        if (!seen) list.push_back(g->value);
      }
    }
    if (!ok) continue;
    if (multi) {
      stored[a.code] = list;
    } else if (a.datatype == "number") {
      double d = 0;
      const std::string& v = given.front()->value;
      std::from_chars(v.data(), v.data() + v.size(), d);
      stored[a.code] = d;
    } else {
      stored[a.code] = given.front()->value;
    }
  }
  for (const auto& [code, given] : by_code) {
    if (!known.count(code))
      errors.push_back(
          {400, Label(code) + " 不是该服务的属性 (is not an attribute of this service)"});
  }
  return errors;
}

OJson ServiceDefinitionJson(const std::string& service_code,
                            const std::vector<ServiceAttribute>& definition) {
  OJson attributes = OJson::array();
  for (const auto& a : definition) {
    OJson values = OJson::array();
    for (const auto& [key, name] : a.values) values.push_back({{"key", key}, {"name", name}});
    attributes.push_back(
        {{"variable", a.variable},
         {"code", a.code},
         {"datatype", a.datatype},
         {"required", a.required},
         {"datatype_description",
          a.datatype_description.empty() ? OJson(nullptr) : OJson(a.datatype_description)},
         {"order", a.order},
         {"description", a.description},
         {"values", values}});
  }
  return {{"service_code", service_code}, {"attributes", attributes}};
}

}  // namespace jiceng::cases::open311
