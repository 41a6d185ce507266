// The SQL of decisions, their meetings and the disclosures the decision path creates. Every
// read takes the caller's Scope.
#pragma once
#include <optional>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/autonomy/decisions/decision.hpp"

namespace jiceng::autonomy {

class DecisionStore {
 public:
  explicit DecisionStore(core::db::Session& s) : s_(s) {}
  core::Result<void> Insert(Decision& d);
  core::Result<std::optional<Decision>> Get(const core::auth::Scope& scope, std::int64_t id);
  // The decisions of one village whose resolution was disclosed, newest first, ignoring scope:
  // for the public village board only.
  core::Result<std::vector<Decision>> DisclosedOf(const std::string& org_code, int limit);
  // Newest first (by id), one page; next_cursor when more follow.
  core::Result<core::db::Page<Decision>> List(const core::auth::Scope& scope,
                                              const DecisionFilter& filter);
  // Moves the decision on (or stops it) if it is still at `from_stage` and open; false when
  // another request moved it first.
  core::Result<bool> Advance(std::int64_t id, const std::string& from_stage,
                             const std::string& to_stage, const std::string& status,
                             const std::string& stop_reason, std::int64_t now);
  core::Result<void> InsertStage(DecisionStage& st);
  core::Result<std::vector<DecisionStage>> Stages(std::int64_t decision_id);
  core::Result<void> InsertDisclosure(Disclosure& d);
  core::Result<std::vector<Disclosure>> DisclosuresOf(std::int64_t decision_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
