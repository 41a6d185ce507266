// The SQL of village conventions and their versions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::autonomy {

struct Convention {
  std::int64_t id = 0;
  std::string org_code;
  std::int64_t version = 0;
  std::string title;
  std::string body;
  std::string status = "draft";  // draft | adopted | filed | review_failed
  std::optional<std::int64_t> decision_id;
  std::string adopted_on;
  std::string review_result;  // passed | failed
  std::string review_note;
  std::string reviewed_on;
  std::string reviewed_by;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

class ConventionStore {
 public:
  explicit ConventionStore(core::db::Session& s) : s_(s) {}
  // Inserts c as the village's next version (sets c.id and c.version).
  core::Result<void> Insert(Convention& c);
  core::Result<std::optional<Convention>> Get(const core::auth::Scope& scope, std::int64_t id);
  // The versions of one village in scope, newest first.
  core::Result<std::vector<Convention>> OfVillage(const core::auth::Scope& scope,
                                                  const std::string& org_code);
  // The version in force of a village, ignoring scope (public): newest filed version.
  core::Result<std::optional<Convention>> InForce(const std::string& org_code);
  // Writes status, decision and review fields if the status is still `from`.
  core::Result<bool> Update(const Convention& c, const std::string& from);
  // Whether a decision already adopted a convention.
  core::Result<bool> DecisionUsed(std::int64_t decision_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
