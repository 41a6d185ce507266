// The SQL of committee membership (villagers' and supervisory committees).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::autonomy {

struct CommitteeMember {
  std::int64_t id = 0;
  std::string org_code;
  std::string committee;  // villagers | supervisory
  std::int64_t resident_id = 0;
  std::string name;
  std::string post;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::int64_t created_at = 0;
};

class CommitteeStore {
 public:
  explicit CommitteeStore(core::db::Session& s) : s_(s) {}
  core::Result<void> Insert(CommitteeMember& m);
  // Current members (not ended) of a village in scope, by committee and id.
  core::Result<std::vector<CommitteeMember>> Current(const core::auth::Scope& scope,
                                                     const std::string& org_code);
  core::Result<std::optional<CommitteeMember>> Get(const core::auth::Scope& scope, std::int64_t id);
  core::Result<bool> End(std::int64_t id, const std::string& ended_on);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
