// The SQL of the two committees' overview (村"两委"): the current villagers' (residents')
// committee members of every village under a node.
#pragma once
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/autonomy/committees/committee_store.hpp"

namespace jiceng::autonomy {

class TwoCommitteesStore {
 public:
  explicit TwoCommitteesStore(core::db::Session& s) : s_(s) {}
  // Current members (not ended) of the villagers' committees of the villages under prefix (a
  // county, township or village code) in scope, by village and id.
  core::Result<std::vector<CommitteeMember>> VillagersUnder(const core::auth::Scope& scope,
                                                            const std::string& prefix);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
