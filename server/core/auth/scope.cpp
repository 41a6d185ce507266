#include "core/auth/scope.hpp"

#include <algorithm>

namespace jiceng::core::auth {

Scope::Scope(std::vector<std::string> prefixes) {
  // Drop prefixes covered by a shorter one so each row matches at most one range.
  std::sort(prefixes.begin(), prefixes.end());
  for (auto& p : prefixes) {
    if (!prefixes_.empty() && p.rfind(prefixes_.back(), 0) == 0) continue;
    prefixes_.push_back(std::move(p));
  }
}

bool Scope::Covers(std::string_view org_code) const {
  for (const auto& p : prefixes_) {
    if (org_code.substr(0, p.size()) == p) return true;
  }
  return false;
}

bool Scope::IsAll() const { return prefixes_.size() == 1 && prefixes_[0].empty(); }

std::string Scope::Sql(std::string_view column, db::Params& params) const {
  if (prefixes_.empty()) return "1=0";
  if (IsAll()) return "1=1";
  std::string sql = "(";
  for (std::size_t i = 0; i < prefixes_.size(); ++i) {
    if (i) sql += " OR ";
    params.emplace_back(prefixes_[i]);
    std::string lo = "$" + std::to_string(params.size());
    params.emplace_back(prefixes_[i] + ":");
    std::string hi = "$" + std::to_string(params.size());
    sql +=
        "(" + std::string(column) + " >= " + lo + " AND " + std::string(column) + " < " + hi + ")";
  }
  return sql + ")";
}

}  // namespace jiceng::core::auth
