// The SQL behind the people api's functions for the autonomy module (autonomy_api.cpp).
#pragma once
#include <vector>

#include "modules/people/api.hpp"

namespace jiceng::people {

class AutonomyStore {
 public:
  explicit AutonomyStore(core::db::Session& s) : s_(s) {}
  core::Result<std::optional<ResidentBrief>> Brief(const core::auth::Scope& scope, std::int64_t id);
  // The briefs of the given residents, ignoring scope.
  core::Result<std::vector<ResidentBrief>> Briefs(const std::vector<std::int64_t>& ids);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::people
