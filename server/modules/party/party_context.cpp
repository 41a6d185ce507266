#include "modules/party/party_context.hpp"

namespace jiceng::party {

std::optional<core::auth::Scope> NarrowScope(const core::auth::Scope& scope,
                                             const std::string& org) {
  if (org.empty()) return scope;
  if (scope.Covers(org)) return core::auth::Scope::Of({org});
  std::vector<std::string> inside;
  for (const auto& p : scope.prefixes())
    if (p.rfind(org, 0) == 0) inside.push_back(p);
  if (inside.empty()) return std::nullopt;
  return core::auth::Scope::Of(inside);
}

}  // namespace jiceng::party
