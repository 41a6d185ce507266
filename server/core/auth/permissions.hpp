// The permission catalogue and the role templates. Core registers its own permissions here;
// modules add theirs at start-up (before serving) with RegisterPermission / GrantPermission.
// Permissions default to deny: a role holds exactly what its template lists.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jiceng::core::auth {

struct PermissionInfo {
  std::string code;  // "cases.dispatch"
  std::string name;  // zh-CN
};

struct RoleTemplate {
  std::string code;  // "grid_worker"
  std::string name;  // zh-CN
  std::vector<std::string> permissions;
};

// Role codes used by core.
inline constexpr const char* kSystemAdmin = "system_admin";
inline constexpr const char* kSecurityAdmin = "security_admin";
inline constexpr const char* kAuditAdmin = "audit_admin";
inline constexpr const char* kGridWorker = "grid_worker";

// The three separated administrator roles (MLPS level 3): no permission may be held by two of
// them (except user.read and role.read, which the system and security admins both need to see
// the accounts they administer), the system admin holds no security.* or audit.* permission,
// and one account may hold at most one of them.
bool IsAdminRole(const std::string& role);

// Adds a permission to the catalogue (idempotent for the same code) and grants it to the given
// role templates. Refuses a grant that would break the separation of the admin roles, and
// unknown role codes. Call during start-up, before the server answers requests.
Result<void> RegisterPermission(const std::string& code, const std::string& name_zh,
                                const std::vector<std::string>& grant_to_roles = {});
// Grants an already registered permission to a role template (same checks).
Result<void> GrantPermission(const std::string& role, const std::string& permission);
// Adds a role template (e.g. a module's "hotline_operator"); permissions must be registered.
Result<void> RegisterRole(const RoleTemplate& role);

std::vector<PermissionInfo> Permissions();  // in registration order
std::vector<RoleTemplate> Roles();          // in registration order
std::optional<RoleTemplate> FindRole(const std::string& code);
bool PermissionExists(const std::string& code);
// Union of the permissions of the given roles (unknown roles contribute nothing).
std::set<std::string> PermissionsOfRoles(const std::set<std::string>& roles);

// Checks the separation of duties over the current catalogue; ok if it holds.
Result<void> CheckSeparationOfDuties();

}  // namespace jiceng::core::auth
