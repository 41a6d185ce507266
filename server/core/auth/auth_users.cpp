// User management: create, update, reset password, unlock, list. Every change writes its audit
// record in the same transaction.
#include <algorithm>
#include <charconv>
#include <regex>

#include "core/auth/auth_internal.hpp"
#include "core/auth/auth_service.hpp"
#include "core/auth/password.hpp"
#include "core/auth/permissions.hpp"
#include "core/db/keyset.hpp"

namespace jiceng::core::auth {

namespace internal {

UserRecord UserFromRow(const db::Row& row) {
  UserRecord u;
  u.id = row.Int(0);
  u.username = row.Text(1);
  u.display_name = row.Text(2);
  u.org_code = row.Text(3);
  u.phone = row.Text(4);
  u.roles = SplitRoles(row.Text(5));
  u.failed_count = row.Int(6);
  u.locked_until = row.OptInt(7);
  u.disabled = row.Bool(8);
  u.created_at = row.Int(9);
  u.last_login_at = row.OptInt(10);
  u.password_changed_at = row.OptInt(11);
  u.must_change_password = row.Bool(12);
  u.totp_enabled = row.Bool(13);
  return u;
}

std::vector<std::string> SplitRoles(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    if (comma > pos) out.push_back(text.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    if (!out.empty()) out += ',';
    out += r;
  }
  return out;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

http::Json UserAuditJson(const UserRecord& u) {
  return {{"username", u.username}, {"display_name", u.display_name}, {"org_code", u.org_code},
          {"roles", u.roles},       {"phone", MaskPhone(u.phone)},    {"disabled", u.disabled}};
}

std::string BeijingMinute(std::int64_t ms) {
  std::string s = time::FormatShanghai(ms);  // 2026-11-26T13:55:20+08:00
  s = s.substr(0, 16);
  s[10] = ' ';
  return s;
}

std::string Last(const db::Params& params) { return "$" + std::to_string(params.size()); }

audit::AuditEntry UserAudit(const Principal& actor, const std::string& action,
                            std::int64_t target_id, const std::string& org_code,
                            const RequestInfo& info) {
  audit::AuditEntry e;
  e.actor_id = actor.user_id;
  e.actor = actor.username;
  e.action = action;
  e.target_type = "user";
  e.target_id = std::to_string(target_id);
  e.org_code = org_code;
  e.request_id = info.request_id;
  e.source = info.source;
  return e;
}

Result<void> Require(const Principal& actor, const std::string& permission) {
  if (actor.Has(permission)) return {};
  return DomainError::Forbidden("auth.forbidden", "没有执行此操作的权限");
}

std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

DomainError UserNotFound() { return DomainError::NotFound("user.not_found", "用户不存在"); }

}  // namespace internal

using namespace internal;

namespace {

// Org codes are digit paths: province 2, city 4, county 6, township 9, village 12, grid 15.
bool IsOrgCode(const std::string& code) {
  static const std::vector<std::size_t> kLengths = {2, 4, 6, 9, 12, 15};
  if (std::find(kLengths.begin(), kLengths.end(), code.size()) == kLengths.end()) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPhone(const std::string& phone) {
  if (phone.size() > 20) return false;
  return std::all_of(phone.begin(), phone.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+'; });
}

Result<void> CheckDisplayName(const std::string& name) {
  if (name.empty() || name.size() > 192) {
    return DomainError::Invalid("user.display_name.invalid", "姓名不能为空且不超过 64 个字",
                                "display_name");
  }
  return {};
}

// A password must not contain the account name (MLPS "complex password" checks flag this).
Result<void> CheckPassword(const std::string& password, const std::string& username,
                           const app::AuthConfig& config, const char* field) {
  auto policy = CheckPasswordPolicy(password, config);
  if (!policy.ok()) {
    DomainError e = policy.error();
    e.field = field;
    return e;
  }
  if (AsciiLower(password).find(username) != std::string::npos) {
    return DomainError::Invalid("auth.password.contains_username", "密码不能包含用户名", field);
  }
  return {};
}

DomainError AdminGrantRefused() {
  DomainError e = DomainError::Forbidden(
      "user.roles.admin_grant", "管理员角色只能由安全管理员单独授予或撤销，且不与业务角色兼任");
  e.field = "roles";
  return e;
}

DomainError SelfRefused() {
  return DomainError::Forbidden("security.self", "不能对本人账号执行此操作");
}

DomainError Conflicted(const DomainError& e) {
  if (e.kind != ErrorKind::kConflict) return e;
  return DomainError::Conflict("user.username_taken", "用户名已被使用", "username");
}

}  // namespace

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

http::Json UserJson(const UserRecord& u, const std::string& org_name, bool show_phone) {
  std::set<std::string> roles(u.roles.begin(), u.roles.end());
  std::set<std::string> permissions = PermissionsOfRoles(roles);
  auto time_or_null = [](const std::optional<std::int64_t>& ms) {
    return ms ? http::Json(time::FormatIsoUtc(*ms)) : http::Json(nullptr);
  };
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"org_code", u.org_code},
          {"org_name", org_name},
          {"roles", u.roles},
          {"permissions", std::vector<std::string>(permissions.begin(), permissions.end())},
          {"phone", show_phone ? u.phone : MaskPhone(u.phone)},
          {"locked_until", time_or_null(u.locked_until)},
          {"totp_enabled", u.totp_enabled},
          {"must_change_password", u.must_change_password},
          {"disabled", u.disabled},
          {"last_login_at", time_or_null(u.last_login_at)}};
}

Result<void> AuthService::ValidateOrgCode(const Principal& actor,
                                          const std::string& org_code) const {
  DomainError not_found = DomainError::NotFound("org.not_found", "组织不存在");
  not_found.field = "org_code";
  if (!IsOrgCode(org_code) || !actor.ManagementScope().Covers(org_code)) return not_found;
  OrgLookup lookup;
  {
    std::lock_guard lock(hooks_mutex_);
    lookup = org_lookup_;
  }
  if (lookup && !lookup(org_code)) return not_found;
  return {};
}

Result<void> AuthService::ValidateRoles(const Principal& actor,
                                        const std::vector<std::string>& roles) const {
  if (roles.empty()) {
    return DomainError::Invalid("user.roles.empty", "至少需要一个角色", "roles");
  }
  for (const auto& r : roles) {
    if (!FindRole(r)) return DomainError::Invalid("auth.role.unknown", "角色不存在：" + r, "roles");
  }
  if (std::none_of(roles.begin(), roles.end(), IsAdminRole)) return {};
  if (roles.size() > 1) {
    return DomainError::Invalid("user.roles.admin_exclusive",
                                "三员分立：管理员角色不能与其他任何角色兼任", "roles");
  }
  if (!actor.Has("security.admin_role")) return AdminGrantRefused();
  return {};
}

Result<UserRecord> AuthService::LoadScopedForUpdate(db::Session& tx, const Scope& scope,
                                                    std::int64_t id) const {
  db::Params params{id};
  std::string where = "id = $1 AND " + scope.Sql("org_code", params);
  JC_ASSIGN_OR_RETURN(auto stored, LoadUser(tx, where, params));
  if (!stored) return UserNotFound();
  return stored->user;
}

Result<UserRecord> AuthService::CreateUser(const Principal& actor, const NewUser& in,
                                           const RequestInfo& info) {
  JC_TRY(Require(actor, "user.write"));
  static const std::regex kUsername("[a-z0-9_.-]{3,32}");
  if (!std::regex_match(in.username, kUsername)) {
    return DomainError::Invalid("user.username.invalid", "用户名须为 3–32 位小写字母、数字或 _ . -",
                                "username");
  }
  JC_TRY(CheckDisplayName(in.display_name));
  JC_TRY(ValidateOrgCode(actor, in.org_code));
  JC_TRY(ValidateRoles(actor, in.roles));
  if (!IsPhone(in.phone))
    return DomainError::Invalid("user.phone.invalid", "电话号码无效", "phone");
  JC_TRY(CheckPassword(in.password, in.username, config_, "password"));

  UserRecord user;
  user.username = in.username;
  user.display_name = in.display_name;
  user.org_code = in.org_code;
  user.phone = in.phone;
  user.roles = in.roles;
  user.created_at = clock_.NowMs();
  user.password_changed_at = user.created_at;
  user.must_change_password = in.temporary_password;
  const std::string hash = HashPassword(in.password);

  auto written = db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(db::Rows taken,
                        tx.Query("SELECT id FROM core_users WHERE username = $1", {user.username}));
    if (!taken.empty()) return Conflicted(DomainError::Conflict("db.conflict", "", "username"));
    JC_ASSIGN_OR_RETURN(
        db::Rows ids,
        tx.Query(
            "INSERT INTO core_users (username, display_name, org_code, phone, password_hash, "
            "roles, failed_count, disabled, created_at, password_changed_at, "
            "must_change_password) VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7, $7, $8) "
            "RETURNING id",
            {user.username, user.display_name, user.org_code, user.phone, hash,
             JoinRoles(user.roles), user.created_at, std::int64_t{user.must_change_password}}));
    if (ids.empty()) return DomainError::Internal("user.create_failed", "创建用户失败");
    user.id = ids[0].Int(0);
    audit::AuditEntry e;
    e.actor_id = actor.user_id;
    e.actor = actor.username;
    e.action = "user.create";
    e.target_type = "user";
    e.target_id = std::to_string(user.id);
    e.org_code = user.org_code;
    e.summary = http::Json{{"after", UserAuditJson(user)}}.dump();
    e.request_id = info.request_id;
    e.source = info.source;
    return audit_.Append(tx, std::move(e));
  });
  if (!written.ok()) return Conflicted(written.error());
  return user;
}

Result<UserRecord> AuthService::UpdateUser(const Principal& actor, std::int64_t id,
                                           const UserPatch& patch, const RequestInfo& info) {
  JC_TRY(Require(actor, "user.write"));
  if (patch.display_name) JC_TRY(CheckDisplayName(*patch.display_name));
  if (patch.org_code) JC_TRY(ValidateOrgCode(actor, *patch.org_code));
  if (patch.roles) {
    if (id == actor.user_id) {
      return DomainError::Forbidden("user.roles.self", "不能修改本人的角色");
    }
    JC_TRY(ValidateRoles(actor, *patch.roles));
  }
  if (patch.phone && !IsPhone(*patch.phone)) {
    return DomainError::Invalid("user.phone.invalid", "电话号码无效", "phone");
  }
  if (patch.disabled && *patch.disabled && id == actor.user_id) {
    return DomainError::Invalid("user.disable_self", "不能停用自己的账号", "disabled");
  }

  UserRecord after;
  bool access_changed = false;
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(UserRecord before, LoadScopedForUpdate(tx, actor.ManagementScope(), id));
    after = before;
    // Taking an admin role away is for the security administrator (SetAdminRole).
    if (patch.roles && std::any_of(before.roles.begin(), before.roles.end(), IsAdminRole) &&
        *patch.roles != before.roles && !actor.Has("security.admin_role")) {
      return AdminGrantRefused();
    }
    if (patch.display_name) after.display_name = *patch.display_name;
    if (patch.org_code) after.org_code = *patch.org_code;
    if (patch.roles) after.roles = *patch.roles;
    if (patch.phone) after.phone = *patch.phone;
    if (patch.disabled) after.disabled = *patch.disabled;
    access_changed = after.org_code != before.org_code || after.roles != before.roles ||
                     after.disabled != before.disabled;
    JC_TRY(
        tx.Exec("UPDATE core_users SET display_name = $1, org_code = $2, roles = $3, "
                "phone = $4, disabled = $5 WHERE id = $6",
                {after.display_name, after.org_code, JoinRoles(after.roles), after.phone,
                 std::int64_t{after.disabled}, id}));
    if (after.disabled && !before.disabled) {
      JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE user_id = $1", {id}));
    }
    // Only the fields that changed, before and after.
    http::Json b = UserAuditJson(before), a = UserAuditJson(after), diff_b, diff_a;
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (b[it.key()] != it.value()) {
        diff_b[it.key()] = b[it.key()];
        diff_a[it.key()] = it.value();
      }
    }
    audit::AuditEntry e;
    e.actor_id = actor.user_id;
    e.actor = actor.username;
    e.action = (after.disabled != before.disabled)
                   ? (after.disabled ? "user.disable" : "user.enable")
                   : "user.update";
    e.target_type = "user";
    e.target_id = std::to_string(id);
    e.org_code = after.org_code;
    e.summary = http::Json{{"username", after.username},
                           {"before", diff_b.is_null() ? http::Json::object() : diff_b},
                           {"after", diff_a.is_null() ? http::Json::object() : diff_a}}
                    .dump();
    e.request_id = info.request_id;
    e.source = info.source;
    return audit_.Append(tx, std::move(e));
  }));
  if (access_changed) ForgetUserSessions(id);
  return after;
}

Result<void> AuthService::ResetPassword(const Principal& actor, std::int64_t id,
                                        const std::string& new_password, const RequestInfo& info) {
  JC_TRY(Require(actor, "security.password.reset"));
  if (id == actor.user_id) return SelfRefused();
  UserRecord target;
  JC_TRY(db_.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(target, LoadScopedForUpdate(s, actor.ManagementScope(), id));
    return {};
  }));
  JC_TRY(CheckPassword(new_password, target.username, config_, "password"));
  const std::string hash = HashPassword(new_password);
  const std::int64_t now = clock_.NowMs();
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_TRY(LoadScopedForUpdate(tx, actor.ManagementScope(), id));
    JC_TRY(
        tx.Exec("UPDATE core_users SET password_hash = $1, password_changed_at = $2, "
                "failed_count = 0, locked_until = NULL, must_change_password = 1 WHERE id = $3",
                {hash, now, id}));
    JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE user_id = $1", {id}));
    audit::AuditEntry e;
    e.actor_id = actor.user_id;
    e.actor = actor.username;
    e.action = "user.password_reset";
    e.target_type = "user";
    e.target_id = std::to_string(id);
    e.org_code = target.org_code;
    e.summary = http::Json{{"username", target.username}}.dump();
    e.request_id = info.request_id;
    e.source = info.source;
    return audit_.Append(tx, std::move(e));
  }));
  ForgetUserSessions(id);
  return {};
}

Result<void> AuthService::Unlock(const Principal& actor, std::int64_t id, const RequestInfo& info) {
  JC_TRY(Require(actor, "security.unlock"));
  if (id == actor.user_id) return SelfRefused();
  return db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(UserRecord target, LoadScopedForUpdate(tx, actor.ManagementScope(), id));
    JC_TRY(
        tx.Exec("UPDATE core_users SET failed_count = 0, locked_until = NULL WHERE id = $1", {id}));
    audit::AuditEntry e;
    e.actor_id = actor.user_id;
    e.actor = actor.username;
    e.action = "user.unlock";
    e.target_type = "user";
    e.target_id = std::to_string(id);
    e.org_code = target.org_code;
    e.summary =
        http::Json{{"username", target.username},
                   {"locked_until", target.locked_until
                                        ? http::Json(time::FormatIsoUtc(*target.locked_until))
                                        : http::Json(nullptr)}}
            .dump();
    e.request_id = info.request_id;
    e.source = info.source;
    return audit_.Append(tx, std::move(e));
  });
}

Result<UserPage> AuthService::ListUsers(const Scope& scope, const std::string& q,
                                        const std::string& org_code, int limit,
                                        const std::string& cursor) const {
  JC_ASSIGN_OR_RETURN(auto page_of, db::KeysetPage::Of({"", "id", false}, cursor, limit));
  db::Params params;
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM core_users WHERE " +
                    scope.Sql("org_code", params);
  if (!q.empty()) {
    params.emplace_back("%" + EscapeLike(q) + "%");
    sql += " AND (username LIKE " + Last(params) + " ESCAPE '\\' OR display_name LIKE " +
           Last(params) + " ESCAPE '\\')";
  }
  if (!org_code.empty()) {
    params.emplace_back(org_code);
    sql += " AND org_code >= " + Last(params);
    params.emplace_back(org_code + ":");
    sql += " AND org_code < " + Last(params);
  }
  sql += " AND " + page_of.After(params) + page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(db::Rows rows, db_.Query(sql, params));
  UserPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) page.items.push_back(UserFromRow(rows[i]));
  page.next_cursor =
      page_of.Cut(page.items, [](const UserRecord& u) { return std::pair("", u.id); });
  return page;
}

Result<UserRecord> AuthService::GetUser(const Scope& scope, std::int64_t id) const {
  db::Params params{id};
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM core_users WHERE id = $1 AND " +
                    scope.Sql("org_code", params);
  JC_ASSIGN_OR_RETURN(db::Rows rows, db_.Query(sql, params));
  if (rows.empty()) return UserNotFound();
  return UserFromRow(rows[0]);
}

Result<std::optional<UserRecord>> AuthService::FindUserByUsername(
    const std::string& username) const {
  JC_ASSIGN_OR_RETURN(db::Rows rows, db_.Query(std::string("SELECT ") + kUserColumns +
                                                   " FROM core_users WHERE username = $1",
                                               {AsciiLower(username)}));
  if (rows.empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(UserFromRow(rows[0]));
}

Result<LoginLogPage> AuthService::ListLogins(const Scope& scope, const std::string& username,
                                             const std::string& outcome, int limit,
                                             const std::string& cursor) const {
  JC_ASSIGN_OR_RETURN(auto page_of, db::KeysetPage::Of({"", "id", true}, cursor, limit));
  db::Params params;
  std::string sql =
      "SELECT id, at, username, user_id, org_code, source, outcome, reason FROM core_login_log "
      "WHERE " +
      scope.Sql("org_code", params);
  if (!username.empty()) {
    params.emplace_back(AsciiLower(username));
    sql += " AND username = " + Last(params);
  }
  if (!outcome.empty()) {
    params.emplace_back(outcome);
    sql += " AND outcome = " + Last(params);
  }
  sql += " AND " + page_of.After(params) + page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(db::Rows rows, db_.Query(sql, params));
  LoginLogPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    db::Row r = rows[i];
    page.items.push_back(LoginLogEntry{r.Int(0), r.Int(1), r.Text(2), r.OptInt(3), r.Text(4),
                                       r.Text(5), r.Text(6), r.Text(7)});
  }
  page.next_cursor =
      page_of.Cut(page.items, [](const LoginLogEntry& e) { return std::pair("", e.id); });
  return page;
}

}  // namespace jiceng::core::auth
