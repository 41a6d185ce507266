#include "modules/cases/open311/attribute_store.hpp"

#include <nlohmann/json.hpp>

#include "core/module_names.hpp"

namespace jiceng::cases::open311 {

namespace {

constexpr const char* kAttributeColumns =
    "code, variable, datatype, required, datatype_description, sort_order, description, "
    "values_json, pattern";

ServiceAttribute AttributeFromRow(const core::db::Row& r) {
  ServiceAttribute a;
  std::string values_json;
  r.Into(a.code, a.variable, a.datatype, a.required, a.datatype_description, a.order, a.description,
         values_json, a.pattern);
  auto values = nlohmann::json::parse(values_json, nullptr, false);
  if (values.is_array()) {
    for (const auto& v : values) {
      if (v.is_object() && v.value("key", nlohmann::json()).is_string() &&
          v.value("name", nlohmann::json()).is_string()) {
        a.values.emplace_back(v["key"].get<std::string>(), v["name"].get<std::string>());
      }
    }
  }
  return a;
}

}  // namespace

Result<std::vector<ServiceAttribute>> AttributeStore::Of(const std::string& category_code) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT ") + kAttributeColumns +
                                   " FROM cases_category_attributes WHERE category_code = $1 "
                                   "ORDER BY sort_order, code",
                               {category_code}));
  std::vector<ServiceAttribute> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(AttributeFromRow(rows[i]));
  return out;
}

Result<std::set<std::string>> AttributeStore::CategoriesWithAttributes() {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT DISTINCT category_code FROM cases_category_attributes"));
  std::set<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows[i].Text(0));
  return out;
}

}  // namespace jiceng::cases::open311
