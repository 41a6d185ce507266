// The people api's functions for the autonomy module (api.hpp, "for the autonomy module").
#include <algorithm>

#include "core/module_names.hpp"
#include "modules/people/api.hpp"
#include "modules/people/autonomy_store.hpp"

namespace jiceng::people {

namespace {

// 01–79: the head and self, spouse, children and children-in-law, grandchildren, parents and
// parents-in-law, grandparents, siblings and their spouses. 80 and above: other relatives and
// non-relatives. An empty relation is unknown and counts as close.
bool CloseRelation(const std::string& code) {
  if (code.empty()) return true;
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
    return false;
  int n = (code[0] - '0') * 10 + (code[1] - '0');
  return n >= 1 && n <= 79;
}

}  // namespace

Result<std::optional<ResidentBrief>> FindResidentBrief(core::db::Session& s,
                                                       const core::auth::Scope& scope,
                                                       std::int64_t resident_id) {
  return AutonomyStore(s).Brief(scope, resident_id);
}

Result<std::vector<std::int64_t>> CloseRelativesAmong(core::db::Session& s, std::int64_t resident,
                                                      const std::vector<std::int64_t>& others) {
  std::vector<std::int64_t> ids = others;
  ids.push_back(resident);
  JC_ASSIGN_OR_RETURN(auto briefs, AutonomyStore(s).Briefs(ids));
  auto self = std::find_if(briefs.begin(), briefs.end(),
                           [&](const ResidentBrief& b) { return b.id == resident; });
  std::vector<std::int64_t> out;
  if (self == briefs.end() || !self->household_id || !CloseRelation(self->relation)) return out;
  for (const auto& b : briefs) {
    if (b.id == resident) continue;
    if (b.household_id == self->household_id && CloseRelation(b.relation)) out.push_back(b.id);
  }
  return out;
}

}  // namespace jiceng::people
