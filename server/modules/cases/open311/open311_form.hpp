// The body of an Open311 POST (application/x-www-form-urlencoded), kept as the ordered list of
// pairs it is: attribute[code][]=v repeats a key for a multivaluelist, which a map would lose.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiceng::cases::open311 {

class Form {
 public:
  // Splits on '&' and the first '='; names and values are URL-decoded ('+' is a space).
  static Form Parse(std::string_view body);

  // The first value of name ("" when absent: the spec treats empty and absent alike).
  std::string Get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// attribute[CODE]=v or attribute[CODE][]=v: the code and whether it is a list item. nullopt
// for any other name (and for attribute[] or a malformed bracket).
struct AttributeName {
  std::string code;
  bool list_item = false;
};
std::optional<AttributeName> ParseAttributeName(std::string_view name);

}  // namespace jiceng::cases::open311
