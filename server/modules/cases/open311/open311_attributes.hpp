// Service attributes (GeoReport v2 service definitions): the extra questions of a category
// (kept in cases_category_attributes, read by attribute_store) and the check of the
// attribute[code] answers of a POST.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "modules/cases/open311/open311_format.hpp"

namespace jiceng::cases::open311 {

struct ServiceAttribute {
  std::string code;
  bool variable = true;  // false: information shown to the user, takes no input
  std::string datatype;  // string | number | datetime | text | singlevaluelist | multivaluelist
  bool required = false;
  std::string datatype_description;
  int order = 0;
  std::string description;
  std::vector<std::pair<std::string, std::string>> values;  // key, name (the two list types)
  std::string pattern;  // ECMAScript regex the whole value must match; "" = any
};

// One attribute[code]=value (list_item: attribute[code][]=value) of a POST.
struct AttributeAnswer {
  std::string code;
  std::string value;
  bool list_item = false;
};

// Checks the answers against the definition: every required variable attribute answered;
// no unknown or non-variable codes; string ≤ 200 characters on one line, text ≤ 4000,
// number a decimal, datetime ISO 8601 (W3C), list values among the keys, several values only
// for a multivaluelist; pattern. Empty answers count as absent. Returns every problem found
// (empty: all good) and sets `stored` to the answers as a JSON object (numbers as numbers,
// multivaluelist as arrays).
std::vector<Error> CheckAttributes(const std::vector<ServiceAttribute>& definition,
                                   const std::vector<AttributeAnswer>& answers,
                                   nlohmann::json& stored);

// The definition as the spec's service_definition.
OJson ServiceDefinitionJson(const std::string& service_code,
                            const std::vector<ServiceAttribute>& definition);

}  // namespace jiceng::cases::open311
