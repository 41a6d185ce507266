#include "modules/people/people_context.hpp"

namespace jiceng::people {

std::string PeopleContext::Today() const {
  return core::time::FormatShanghai(clock.NowMs()).substr(0, 10);
}

const std::string& OrgNames::operator()(const std::string& code) {
  auto it = names_.find(code);
  if (it == names_.end()) it = names_.emplace(code, ctx_.OrgName(code)).first;
  return it->second;
}

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

}  // namespace jiceng::people
