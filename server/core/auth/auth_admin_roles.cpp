// Granting and revoking the three administrator roles: the security administrator's act alone
// (MLPS level 3, separation of the three administrators).
#include <algorithm>

#include "core/auth/auth_internal.hpp"
#include "core/auth/auth_service.hpp"
#include "core/auth/permissions.hpp"

namespace jiceng::core::auth {

using namespace internal;

Result<UserRecord> AuthService::SetAdminRole(const Principal& actor, std::int64_t id,
                                             const std::optional<std::string>& role,
                                             const RequestInfo& info) {
  JC_TRY(Require(actor, "security.admin_role"));
  if (id == actor.user_id) {
    return DomainError::Forbidden("security.self", "不能对本人账号执行此操作");
  }
  if (role && !IsAdminRole(*role)) {
    return DomainError::Invalid("user.admin_role.invalid",
                                "只能授予系统管理员、安全管理员或审计管理员角色", "role");
  }
  UserRecord after;
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(UserRecord before, LoadScopedForUpdate(tx, actor.ManagementScope(), id));
    const bool was_admin = std::any_of(before.roles.begin(), before.roles.end(), IsAdminRole);
    if (!role && !was_admin) {
      return DomainError::Invalid("user.admin_role.none", "该账号没有管理员角色", "role");
    }
    const bool loses_security =
        std::count(before.roles.begin(), before.roles.end(), kSecurityAdmin) > 0 &&
        role != std::optional<std::string>(kSecurityAdmin);
    if (loses_security) {
      // Someone must always be able to unlock accounts and grant this role again.
      JC_ASSIGN_OR_RETURN(db::Rows others,
                          tx.Query("SELECT COUNT(*) FROM core_users WHERE id <> $1 AND "
                                   "disabled = 0 AND roles = $2",
                                   {id, std::string(kSecurityAdmin)}));
      if (others.empty() || others[0].Int(0) == 0) {
        return DomainError::Conflict("user.admin_role.last_security",
                                     "这是唯一可用的安全管理员账号，不能撤销其角色");
      }
    }
    after = before;
    after.roles = role ? std::vector<std::string>{*role} : std::vector<std::string>{};
    JC_TRY(tx.Exec("UPDATE core_users SET roles = $1 WHERE id = $2", {JoinRoles(after.roles), id}));
    JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE user_id = $1", {id}));
    audit::AuditEntry e = UserAudit(
        actor, role ? "user.admin_role.grant" : "user.admin_role.revoke", id, after.org_code, info);
    e.summary = http::Json{{"username", after.username},
                           {"before", {{"roles", before.roles}}},
                           {"after", {{"roles", after.roles}}}}
                    .dump();
    return audit_.Append(tx, std::move(e));
  }));
  ForgetUserSessions(id);
  return after;
}

}  // namespace jiceng::core::auth
