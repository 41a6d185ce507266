// The SQL of disclosure schedules and of the published periods they are checked against.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/autonomy/disclosures/schedule.hpp"

namespace jiceng::autonomy {

class ScheduleStore {
 public:
  explicit ScheduleStore(core::db::Session& s) : s_(s) {}
  core::Result<std::optional<ScheduleRule>> Get(const std::string& org_code);
  core::Result<void> Put(const ScheduleRule& rule, const std::string& actor, std::int64_t now);
  // The schedules of the villages under a prefix, inside the scope, in code order.
  core::Result<std::vector<ScheduleRule>> Under(const core::auth::Scope& scope,
                                                const std::string& prefix);
  // (kind, period) of the published disclosures of one village.
  core::Result<std::set<std::pair<std::string, std::string>>> Published(
      const std::string& org_code);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
