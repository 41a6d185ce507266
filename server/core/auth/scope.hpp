// Data scope: the set of org-code prefixes a principal may see. Stores take a Scope on every
// query and add the prefix condition themselves, so no handler can forget it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/db/value.hpp"

namespace jiceng::core::auth {

class Scope {
 public:
  Scope() = default;  // empty: sees nothing
  static Scope All() { return Scope({""}); }
  static Scope Of(std::vector<std::string> prefixes) { return Scope(std::move(prefixes)); }

  bool Covers(std::string_view org_code) const;
  bool IsAll() const;
  bool IsEmpty() const { return prefixes_.empty(); }
  const std::vector<std::string>& prefixes() const { return prefixes_; }

  // SQL condition restricting `column` to the scope, appending its parameters to params.
  // Each prefix becomes an indexed range: column >= 'P' AND column < 'P:' (':' follows '9').
  std::string Sql(std::string_view column, db::Params& params) const;

 private:
  explicit Scope(std::vector<std::string> prefixes);
  std::vector<std::string> prefixes_;
};

}  // namespace jiceng::core::auth
