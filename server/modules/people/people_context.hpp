// What the people module's use cases and routes share: storage, audit, clock, the data key and
// the org lookups they need (through the org module's api.hpp, never its tables).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "modules/people/privacy.hpp"
#include "modules/people/residents/resident_validation.hpp"

namespace jiceng::people {

struct PeopleContext {
  core::db::Database& db;
  core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  const core::app::Config& config;
  Privacy privacy;
  // Org lookups (ignoring scope): a division code exists; the name of an org node.
  std::function<bool(std::string_view)> division_exists;
  std::function<std::optional<std::string>(const std::string&)> org_name;
  // The grid containing a point, for houses with coordinates.
  std::function<std::optional<std::string>(double lng, double lat)> locate_grid;
  // Every grid code under a prefix (ignoring scope): the demo seed spreads people over them.
  std::function<core::Result<std::vector<std::string>>(const std::string& prefix)> grid_codes;

  // Today in Asia/Shanghai, YYYY-MM-DD.
  std::string Today() const;
  ValidationContext Validation() const { return {Today(), division_exists}; }
  // The name of an org node; "" for an unknown code.
  std::string OrgName(const std::string& code) const { return org_name(code).value_or(""); }
};

// Org names looked up once per code, for an answer or a file that names many.
class OrgNames {
 public:
  explicit OrgNames(const PeopleContext& ctx) : ctx_(ctx) {}
  const std::string& operator()(const std::string& code);

 private:
  const PeopleContext& ctx_;
  std::map<std::string, std::string> names_;
};

// The caller's scope narrowed to org (a node inside or above part of it); nullopt when org and
// the scope do not meet. An empty org keeps the scope.
std::optional<core::auth::Scope> NarrowScope(const core::auth::Scope& scope,
                                             const std::string& org);

}  // namespace jiceng::people
