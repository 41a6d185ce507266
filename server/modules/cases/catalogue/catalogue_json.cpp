#include "modules/cases/catalogue/catalogue_json.hpp"

#include <set>

#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/org/api.hpp"

namespace jiceng::cases {

namespace {

DomainError Bad(const std::string& field, const std::string& message) {
  return DomainError::Invalid("cases.category." + field, message, field);
}

}  // namespace

Json CategoryJson(const Category& c) {
  Json deadlines = Json::array();
  for (const auto& d : c.deadlines) {
    deadlines.push_back(
        {{"stage", d.stage}, {"urgency", d.urgency}, {"amount", d.amount}, {"unit", d.unit}});
  }
  return {{"code", c.code},
          {"kind", c.kind},
          {"major_code", c.major_code},
          {"major_name", c.major_name},
          {"name", c.name},
          {"description", c.description},
          {"routing", c.routing},
          {"department_category", c.department_category},
          {"active", c.active},
          {"version", c.version},
          {"deadlines", deadlines}};
}

core::Result<void> ApplyCategoryPatch(const Json& body, Category& c) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  for (const auto& [key, value] : body.items()) {
    if (key == "version") {
      if (!value.is_number_integer()) return Bad("version", "version 应为整数");
      c.version = value.get<int>();
    } else if (key == "name" || key == "description") {
      if (!value.is_string()) return Bad(key, key + " 应为文字");
      std::string text = value.get<std::string>();
      std::size_t max = key == "name" ? 30 : 500;
      if ((key == "name" && text.empty()) || core::text::Utf8Length(text) > max) {
        return Bad(key,
                   key == "name" ? "类别名称不能为空，且不超过 30 个字" : "说明不能超过 500 个字");
      }
      (key == "name" ? c.name : c.description) = text;
    } else if (key == "routing") {
      if (value != "locality_first" && value != "owner_first") {
        return Bad("routing", "派遣规则应为 locality_first（先属地）或 owner_first（先属主）");
      }
      c.routing = value.get<std::string>();
    } else if (key == "department_category") {
      if (!value.is_string() || !org::IsDepartmentCategory(value.get<std::string>()))
        return Bad("department_category", "处置部门类型无效");
      c.department_category = value.get<std::string>();
    } else if (key == "active") {
      if (!value.is_boolean()) return Bad("active", "active 应为 true 或 false");
      c.active = value.get<bool>();
    } else if (key == "deadlines") {
      if (!value.is_array()) return Bad("deadlines", "deadlines 应为数组");
      std::vector<CategoryDeadline> out;
      std::set<std::pair<std::string, std::string>> seen;
      for (const auto& d : value) {
        if (!d.is_object() || !d.contains("stage") || !d.contains("urgency") ||
            !d.contains("amount") || !d.contains("unit") || !d["stage"].is_string() ||
            !d["urgency"].is_string() || !d["amount"].is_number_integer() ||
            !d["unit"].is_string()) {
          return Bad("deadlines", "每条时限需要 stage、urgency、amount、unit");
        }
        CategoryDeadline x{d["stage"], d["urgency"], d["amount"].get<int>(), d["unit"]};
        if (!IsStage(x.stage)) return Bad("deadlines", "未知的环节：" + x.stage);
        if (x.urgency != "normal" && x.urgency != "urgent")
          return Bad("deadlines", "紧急程度应为 normal 或 urgent");
        if (!IsDeadlineUnit(x.unit))
          return Bad("deadlines", "时限单位应为 minutes、working_minutes 或 working_days");
        // Up to a year of working days or 60 working days in minutes: anything beyond is a typo.
        int max = x.unit == "working_days" ? 250 : 27000;
        if (x.amount <= 0 || x.amount > max)
          return Bad("deadlines", "时限应大于 0 且不超过 " + std::to_string(max));
        if (!seen.insert({x.stage, x.urgency}).second)
          return Bad("deadlines", "同一环节和紧急程度只能有一条时限");
        out.push_back(std::move(x));
      }
      c.deadlines = std::move(out);
    } else {
      return DomainError::Invalid("cases.field.unknown", "未知字段：" + key, key);
    }
  }
  return {};
}

}  // namespace jiceng::cases
