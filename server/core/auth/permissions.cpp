#include "core/auth/permissions.hpp"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

namespace jiceng::core::auth {

namespace {

struct Catalogue {
  std::shared_mutex mutex;
  std::vector<PermissionInfo> permissions;
  std::vector<RoleTemplate> roles;
};

// Fills the catalogue with core's permissions and the role templates of docs/api.md.
void AddCoreEntries(Catalogue& c) {
  c.permissions = {
      {"org.read", "查看组织与网格"},
      {"org.write", "维护组织机构"},
      {"org.grid.write", "维护网格"},
      {"user.read", "查看用户"},
      {"user.write", "管理用户账号"},
      {"role.read", "查看角色"},
      {"security.unlock", "解锁账号"},
      {"security.password.reset", "重置密码"},
      {"security.policy", "管理安全策略"},
      {"audit.read", "查看与校验审计日志"},
      {"security.admin_role", "授予或撤销管理员角色"},
      {"security.totp.reset", "重置动态口令"},
  };
  c.roles = {
      {kSystemAdmin,
       "系统管理员",
       {"org.read", "org.write", "org.grid.write", "user.read", "user.write", "role.read"}},
      {kSecurityAdmin,
       "安全管理员",
       {"user.read", "role.read", "security.unlock", "security.password.reset", "security.policy",
        "security.admin_role", "security.totp.reset"}},
      {kAuditAdmin, "审计管理员", {"audit.read"}},
      {"county_staff", "县级工作人员", {"org.read", "org.grid.write"}},
      {"township_staff", "乡镇（街道）工作人员", {"org.read", "org.grid.write"}},
      {"village_staff", "村（社区）工作人员", {"org.read", "org.grid.write"}},
      {"department_handler", "部门处置人员", {"org.read"}},
      {kGridWorker, "网格员", {"org.read"}},
      {"hotline_operator", "12345 热线话务员", {"org.read"}},
      // Party and village self-governance (issue 13); their modules grant what they need.
      {"party_organizer", "乡镇党委组织委员", {"org.read"}},
      {"party_secretary", "村（社区）党组织书记", {"org.read"}},
      {"supervisor", "村（居）务监督委员会成员", {"org.read"}},
  };
}

Catalogue& Instance() {
  static Catalogue* const kCatalogue = [] {
    auto* c = new Catalogue();  // never destroyed: modules may look roles up during shutdown
    AddCoreEntries(*c);
    return c;
  }();
  return *kCatalogue;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Seeing the account list is needed by both the system admin (who manages accounts) and the
// security admin (who unlocks them and resets passwords); the api.md templates give both
// user.read and role.read. Every other permission of an admin role is exclusive to it.
bool IsSharedAdminRead(const std::string& permission) {
  return permission == "user.read" || permission == "role.read";
}

// The rule on one hypothetical grant, so a registration can be refused before it happens.
Result<void> CheckGrant(const std::vector<RoleTemplate>& roles, const std::string& role,
                        const std::string& permission) {
  if (role == kSystemAdmin &&
      (StartsWith(permission, "security.") || StartsWith(permission, "audit."))) {
    return DomainError::Invalid("auth.separation_of_duties",
                                "系统管理员不得拥有安全或审计权限：" + permission);
  }
  if (!IsAdminRole(role) || IsSharedAdminRead(permission)) return {};
  for (const auto& other : roles) {
    if (other.code != role && IsAdminRole(other.code) && Contains(other.permissions, permission)) {
      return DomainError::Invalid("auth.separation_of_duties",
                                  "三员分立：权限 " + permission + " 已属于 " + other.code);
    }
  }
  return {};
}

Result<void> GrantLocked(Catalogue& c, const std::string& role, const std::string& permission) {
  auto it = std::find_if(c.roles.begin(), c.roles.end(),
                         [&](const RoleTemplate& r) { return r.code == role; });
  if (it == c.roles.end()) {
    return DomainError::Invalid("auth.role.unknown", "角色不存在：" + role, "roles");
  }
  JC_TRY(CheckGrant(c.roles, role, permission));
  if (!Contains(it->permissions, permission)) it->permissions.push_back(permission);
  return {};
}

bool PermissionExistsLocked(const Catalogue& c, const std::string& code) {
  return std::any_of(c.permissions.begin(), c.permissions.end(),
                     [&](const PermissionInfo& p) { return p.code == code; });
}

}  // namespace

bool IsAdminRole(const std::string& role) {
  return role == kSystemAdmin || role == kSecurityAdmin || role == kAuditAdmin;
}

Result<void> RegisterPermission(const std::string& code, const std::string& name_zh,
                                const std::vector<std::string>& grant_to_roles) {
  Catalogue& c = Instance();
  std::unique_lock lock(c.mutex);
  // Check every grant first so a refused registration changes nothing.
  std::vector<RoleTemplate> trial = c.roles;
  for (const auto& role : grant_to_roles) {
    auto it = std::find_if(trial.begin(), trial.end(),
                           [&](const RoleTemplate& r) { return r.code == role; });
    if (it == trial.end()) {
      return DomainError::Invalid("auth.role.unknown", "角色不存在：" + role, "roles");
    }
    JC_TRY(CheckGrant(trial, role, code));
    if (!Contains(it->permissions, code)) it->permissions.push_back(code);
  }
  if (!PermissionExistsLocked(c, code)) c.permissions.push_back({code, name_zh});
  c.roles = std::move(trial);
  return {};
}

Result<void> GrantPermission(const std::string& role, const std::string& permission) {
  Catalogue& c = Instance();
  std::unique_lock lock(c.mutex);
  if (!PermissionExistsLocked(c, permission)) {
    return DomainError::Invalid("auth.permission.unknown", "权限不存在：" + permission);
  }
  return GrantLocked(c, role, permission);
}

Result<void> RegisterRole(const RoleTemplate& role) {
  Catalogue& c = Instance();
  std::unique_lock lock(c.mutex);
  for (const auto& r : c.roles) {
    if (r.code == role.code) {
      return DomainError::Conflict("auth.role.exists", "角色已存在：" + role.code);
    }
  }
  for (const auto& p : role.permissions) {
    if (!PermissionExistsLocked(c, p)) {
      return DomainError::Invalid("auth.permission.unknown", "权限不存在：" + p);
    }
  }
  c.roles.push_back(role);
  return {};
}

std::vector<PermissionInfo> Permissions() {
  Catalogue& c = Instance();
  std::shared_lock lock(c.mutex);
  return c.permissions;
}

std::vector<RoleTemplate> Roles() {
  Catalogue& c = Instance();
  std::shared_lock lock(c.mutex);
  return c.roles;
}

std::optional<RoleTemplate> FindRole(const std::string& code) {
  Catalogue& c = Instance();
  std::shared_lock lock(c.mutex);
  for (const auto& r : c.roles) {
    if (r.code == code) return r;
  }
  return std::nullopt;
}

bool PermissionExists(const std::string& code) {
  Catalogue& c = Instance();
  std::shared_lock lock(c.mutex);
  return PermissionExistsLocked(c, code);
}

std::set<std::string> PermissionsOfRoles(const std::set<std::string>& roles) {
  Catalogue& c = Instance();
  std::shared_lock lock(c.mutex);
  std::set<std::string> out;
  for (const auto& r : c.roles) {
    if (roles.count(r.code)) out.insert(r.permissions.begin(), r.permissions.end());
  }
  return out;
}

Result<void> CheckSeparationOfDuties() {
  const std::vector<RoleTemplate> roles = Roles();
  for (const auto& role : roles) {
    if (!IsAdminRole(role.code)) continue;
    for (const auto& p : role.permissions) {
      // CheckGrant compares with the other admin roles, so each pair is examined both ways.
      JC_TRY(CheckGrant(roles, role.code, p));
    }
  }
  return {};
}

}  // namespace jiceng::core::auth
