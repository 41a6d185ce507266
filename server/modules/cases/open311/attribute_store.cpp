#include "modules/cases/open311/attribute_store.hpp"

#include <nlohmann/json.hpp>

namespace jiceng::cases::open311 {

using core::Result;

namespace {

constexpr const char* kAttributeColumns =
    "code, variable, datatype, required, datatype_description, sort_order, description, "
    "values_json, pattern";

ServiceAttribute AttributeFromRow(const core::db::Row& r) {
  ServiceAttribute a;
  a.code = r.Text(0);
  a.variable = r.Int(1) != 0;
  a.datatype = r.Text(2);
  a.required = r.Int(3) != 0;
  a.datatype_description = r.Text(4);
  a.order = static_cast<int>(r.Int(5));
  a.description = r.Text(6);
  auto values = nlohmann::json::parse(r.Text(7), nullptr, false);
  if (values.is_array()) {
    for (const auto& v : values) {
      if (v.is_object() && v.value("key", nlohmann::json()).is_string() &&
          v.value("name", nlohmann::json()).is_string()) {
        a.values.emplace_back(v["key"].get<std::string>(), v["name"].get<std::string>());
      }
    }
  }
  a.pattern = r.Text(8);
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
