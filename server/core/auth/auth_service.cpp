// Login, sessions and the authenticator. User management is in auth_users.cpp, HTTP binding in
// auth_routes.cpp.
#include "core/auth/auth_service.hpp"

#include <algorithm>
#include <deque>

#include "core/auth/auth_internal.hpp"
#include "core/auth/password.hpp"
#include "core/auth/permissions.hpp"
#include "core/crypto/crypto.hpp"

namespace jiceng::core::auth {

using internal::kPasswordHashColumn;
using internal::kUserColumns;
using internal::UserAudit;

namespace {

// A cached session is re-read from the database (and its last_seen_at written) at most this
// often. A logout, disable or role change made by this process takes effect at once; one made
// by another process sharing the database (CLI, second server) within this interval.
constexpr std::int64_t kRecheckMs = 60'000;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::size_t kMaxLoggedUsername = 64;

// The one answer to every refused login before the second factor: an unknown name, a wrong
// password, a locked or a disabled account look alike, so the answer tells nobody which
// accounts exist or are locked. The login log and the audit row keep the real reason.
DomainError BadCredentials() {
  return DomainError::Unauthenticated(
      "auth.bad_credentials",
      "用户名或密码错误，或账号已锁定、停用；连续输错多次会暂时锁定账号，如有疑问请联系管理员");
}

DomainError SessionExpired() {
  return DomainError::Unauthenticated("auth.session_expired", "登录已过期，请重新登录");
}

bool IsSafeMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

// While a step is pending the session may read who it is, log out, and take that step.
Result<void> CheckPending(const Principal& who, const http::Request& request) {
  if (who.pending.empty()) return {};
  const std::string& path = request.path;
  if (path == "/api/v1/auth/me" || path == "/api/v1/auth/logout" ||
      path == "/api/v1/auth/password") {
    return {};
  }
  if (who.pending == "totp_enrol" && path.rfind("/api/v1/auth/totp", 0) == 0) return {};
  if (who.pending == "password_change") {
    return DomainError::Forbidden("auth.pending.password_change", "密码由管理员设置，请先修改密码");
  }
  return DomainError::Forbidden("auth.pending.totp_enrol",
                                "管理员账号须先绑定动态口令（双因素认证）");
}

}  // namespace

AuthService::AuthService(db::Database& db, audit::AuditLog& audit, const time::Clock& clock,
                         app::AuthConfig config, std::shared_ptr<const crypto::FieldCipher> cipher)
    : db_(db),
      audit_(audit),
      clock_(clock),
      config_(config),
      cipher_(std::move(cipher)),
      rate_limiter_(std::make_unique<app::RateLimiter>(kMinuteMs)),
      password_limiter_(std::make_unique<app::RateLimiter>(60 * kMinuteMs)) {
  crypto::InitSodium();
  (void)DummyPasswordHash();  // computed now rather than during the first login
}

AuthService::~AuthService() = default;

void AuthService::SetScopeResolver(ScopeResolver resolver) {
  std::lock_guard lock(hooks_mutex_);
  scope_resolver_ = std::move(resolver);
}

void AuthService::SetOrgLookup(OrgLookup lookup) {
  std::lock_guard lock(hooks_mutex_);
  org_lookup_ = std::move(lookup);
}

std::string AuthService::OrgName(const std::string& org_code) const {
  OrgLookup lookup;
  {
    std::lock_guard lock(hooks_mutex_);
    lookup = org_lookup_;
  }
  if (!lookup) return {};
  return lookup(org_code).value_or("");
}

std::int64_t AuthService::IdleMs() const {
  return std::int64_t{config_.idle_timeout_minutes} * kMinuteMs;
}

Principal AuthService::SystemActor() {
  Principal p;
  p.user_id = 0;
  p.username = "system";
  p.display_name = "系统";
  for (const auto& perm : Permissions()) p.permissions.insert(perm.code);
  p.scope = Scope::All();
  return p;
}

std::string AuthService::PendingStep(const UserRecord& user, bool admin) const {
  if (user.must_change_password) return "password_change";
  if (admin && config_.admin_second_factor && !user.totp_enabled) return "totp_enrol";
  return {};
}

Principal AuthService::PrincipalFor(const UserRecord& user) const {
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.display_name = user.display_name;
  p.org_code = user.org_code;
  p.roles = std::set<std::string>(user.roles.begin(), user.roles.end());
  p.permissions = PermissionsOfRoles(p.roles);
  // The three admins manage accounts, the org structure and the audit log everywhere (what
  // each may touch is decided by its permissions) and see none of the governed data.
  const bool admin = std::any_of(user.roles.begin(), user.roles.end(), IsAdminRole);
  if (admin) {
    p.scope = Scope();
    p.management_scope = Scope::All();
    p.pending = PendingStep(user, true);
    return p;
  }
  p.pending = PendingStep(user, false);
  std::vector<std::string> prefixes;
  if (p.roles.count(kGridWorker)) {
    ScopeResolver resolver;
    {
      std::lock_guard lock(hooks_mutex_);
      resolver = scope_resolver_;
    }
    if (resolver) prefixes = resolver(user);
    // A grid worker who also holds a staff role keeps that role's view of their node.
    if (p.roles.size() > 1) prefixes.push_back(user.org_code);
  }
  if (prefixes.empty()) prefixes.push_back(user.org_code);
  p.scope = Scope::Of(std::move(prefixes));
  return p;
}

Result<std::optional<AuthService::StoredUser>> AuthService::LoadUser(
    db::Session& s, const std::string& where, const db::Params& params) const {
  JC_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query(std::string("SELECT ") + kUserColumns + " FROM core_users WHERE " + where, params));
  if (rows.empty()) return std::optional<StoredUser>();
  StoredUser stored{internal::UserFromRow(rows[0]), rows[0].Text(kPasswordHashColumn)};
  return std::optional<StoredUser>(std::move(stored));
}

Result<void> AuthService::RecordAttempt(db::Session& tx, const std::string& username,
                                        const StoredUser* user, const std::string& source,
                                        const std::string& request_id, bool success,
                                        const std::string& reason, const std::string& extra_json) {
  const std::int64_t now = clock_.NowMs();
  const std::string outcome = success ? "success" : "failure";
  const std::string org_code = user ? user->user.org_code : "";
  JC_TRY(tx.Exec(
      "INSERT INTO core_login_log (at, username, user_id, org_code, source, outcome, reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {now, username, user ? db::Value(user->user.id) : db::Value(db::Null{}), org_code, source,
       outcome, reason}));
  audit::AuditEntry e;
  e.at = now;
  e.actor_id = user ? user->user.id : 0;
  e.actor = username;
  e.action = success ? "auth.login" : "auth.login_failed";
  e.target_type = "user";
  e.target_id = user ? std::to_string(user->user.id) : "";
  e.org_code = org_code;
  http::Json summary = http::Json::parse(extra_json.empty() ? "{}" : extra_json);
  if (!reason.empty()) summary["reason"] = reason;
  e.summary = summary.dump();
  e.request_id = request_id;
  e.source = source;
  e.outcome = outcome;
  return audit_.Append(tx, std::move(e));
}

Result<void> AuthService::RecordAttemptAlone(const std::string& username, const StoredUser* user,
                                             const std::string& source,
                                             const std::string& request_id,
                                             const std::string& reason) {
  return db_.Write([&](db::Session& tx) {
    return RecordAttempt(tx, username, user, source, request_id, false, reason, {});
  });
}

DomainError AuthService::CountFailure(const StoredUser& stored, const std::string& logged_name,
                                      const std::string& source, const std::string& request_id,
                                      const std::string& reason, DomainError answer) {
  const std::int64_t now = clock_.NowMs();
  const std::int64_t id = stored.user.id;
  std::optional<std::int64_t> locked_until;
  auto written = db_.Write([&](db::Session& tx) -> Result<void> {
    JC_TRY(tx.Exec("UPDATE core_users SET failed_count = failed_count + 1 WHERE id = $1", {id}));
    JC_ASSIGN_OR_RETURN(db::Rows rows,
                        tx.Query("SELECT failed_count FROM core_users WHERE id = $1", {id}));
    const std::int64_t failures = rows.empty() ? 0 : rows[0].Int(0);
    http::Json extra{{"failures", failures}};
    if (failures >= config_.lockout_failures) {
      // The counter restarts so that, once the lock ends, the user again has the full number
      // of attempts.
      locked_until = now + std::int64_t{config_.lockout_minutes} * kMinuteMs;
      JC_TRY(tx.Exec("UPDATE core_users SET failed_count = 0, locked_until = $1 WHERE id = $2",
                     {*locked_until, id}));
      extra["locked_until"] = time::FormatIsoUtc(*locked_until);
    }
    return RecordAttempt(tx, logged_name, &stored, source, request_id, false, reason, extra.dump());
  });
  if (!written.ok()) return written.error();
  return answer;  // a lock that begins now is not announced either (see BadCredentials)
}

Result<LoginResult> AuthService::Login(const std::string& username_in, const std::string& password,
                                       const std::string& otp, const std::string& source,
                                       const std::string& request_id) {
  const std::int64_t now = clock_.NowMs();
  std::string username = internal::AsciiLower(username_in);
  username.erase(0, username.find_first_not_of(' '));
  username.erase(username.find_last_not_of(' ') + 1);
  // What the log keeps of the name typed; bounded, since it is attacker-supplied.
  const std::string logged_name = username.substr(0, kMaxLoggedUsername);

  switch (rate_limiter_->Check(source, now, config_.login_rate_per_minute)) {
    case app::RateLimiter::Verdict::kAllow:
      break;
    case app::RateLimiter::Verdict::kDenyFirst:
      JC_TRY(RecordAttemptAlone(logged_name, nullptr, source, request_id, "rate_limited"));
      [[fallthrough]];
    case app::RateLimiter::Verdict::kDeny:
      return DomainError{
          ErrorKind::kRateLimited, "auth.rate_limited", "登录尝试过于频繁，请一分钟后再试", {}, {}};
  }

  std::optional<StoredUser> stored;
  JC_TRY(db_.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(stored, LoadUser(s, "username = $1", {username}));
    return {};
  }));

  if (!stored) {
    // Same work and same answer as a wrong password: the response must not reveal which
    // usernames exist.
    (void)VerifyPassword(DummyPasswordHash(), password);
    JC_TRY(RecordAttemptAlone(logged_name, nullptr, source, request_id, "unknown_user"));
    return BadCredentials();
  }
  const UserRecord& user = stored->user;
  if (user.locked_until && *user.locked_until > now) {
    // The same work as any other attempt, so that timing does not tell a lock either.
    (void)VerifyPassword(stored->password_hash, password);
    JC_TRY(RecordAttemptAlone(logged_name, &*stored, source, request_id, "locked"));
    return BadCredentials();
  }

  // argon2 runs outside any transaction: it takes tens of milliseconds and must not hold up
  // the single writer.
  if (!VerifyPassword(stored->password_hash, password)) {
    return CountFailure(*stored, logged_name, source, request_id, "bad_password", BadCredentials());
  }

  if (user.disabled) {
    JC_TRY(RecordAttemptAlone(logged_name, &*stored, source, request_id, "disabled"));
    return BadCredentials();
  }
  JC_ASSIGN_OR_RETURN(std::optional<DomainError> refused,
                      CheckSecondFactor(*stored, otp, logged_name, source, request_id));
  if (refused) return *refused;

  // Parameters may have been raised since this hash was made; upgrade it while we have the
  // password in hand.
  std::optional<std::string> new_hash;
  if (PasswordNeedsRehash(stored->password_hash)) new_hash = HashPassword(password);

  LoginResult result;
  result.token = crypto::RandomToken(32);
  result.csrf_token = crypto::RandomToken(32);
  result.expires_at = now + std::int64_t{config_.session_max_hours} * 60 * kMinuteMs;
  const std::string session_id = crypto::Sha256Hex(result.token);
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_TRY(
        tx.Exec("INSERT INTO core_sessions (id, user_id, csrf_token, created_at, last_seen_at, "
                "expires_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                {session_id, user.id, result.csrf_token, now, now, result.expires_at, source}));
    // This user's dead sessions go now; a periodic PurgeExpiredSessions handles the rest.
    JC_TRY(
        tx.Exec("DELETE FROM core_sessions WHERE user_id = $1 AND (expires_at <= $2 OR "
                "last_seen_at <= $3)",
                {user.id, now, now - IdleMs() - kRecheckMs}));
    JC_TRY(
        tx.Exec("UPDATE core_users SET failed_count = 0, locked_until = NULL, "
                "last_login_at = $1 WHERE id = $2",
                {now, user.id}));
    if (new_hash) {
      JC_TRY(
          tx.Exec("UPDATE core_users SET password_hash = $1 WHERE id = $2", {*new_hash, user.id}));
    }
    return RecordAttempt(tx, logged_name, &*stored, source, request_id, true, "", {});
  }));
  result.user = user;
  result.user.failed_count = 0;
  result.user.locked_until.reset();
  result.user.last_login_at = now;
  return result;
}

Result<Principal> AuthService::Authenticate(const http::Request& request) {
  std::string token;
  bool via_cookie = false;
  const std::string authorization = request.Header("authorization");
  if (authorization.size() > 7 && internal::AsciiLower(authorization.substr(0, 7)) == "bearer ") {
    token = authorization.substr(7);
  } else {
    token = request.Cookie("jiceng_session");
    via_cookie = !token.empty();
  }
  if (token.empty()) return DomainError::Unauthenticated("auth.required", "请先登录");

  const std::string id = crypto::Sha256Hex(token);
  const std::string sent_csrf = request.Header("x-csrf-token");
  const bool need_csrf = via_cookie && !IsSafeMethod(request.method);
  auto csrf_ok = [&](const std::string& expected) {
    return !need_csrf || crypto::ConstantTimeEquals(sent_csrf, expected);
  };
  const DomainError csrf_error =
      DomainError::Forbidden("auth.csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试");

  const std::int64_t now = clock_.NowMs();
  std::int64_t last_used_hint = 0;
  std::uint64_t revocations_seen = 0;
  bool dead = false;
  {
    std::lock_guard lock(cache_mutex_);
    revocations_seen = revocations_;
    auto it = cache_.find(id);
    if (it != cache_.end()) {
      CachedSession& c = it->second;
      if (now - c.last_used >= IdleMs() || now >= c.expires_at) {
        cache_.erase(it);
        dead = true;
      } else if (now - c.checked_at < kRecheckMs) {
        if (!csrf_ok(c.csrf_token)) return csrf_error;
        JC_TRY(CheckPending(c.principal, request));
        c.last_used = now;
        Principal p = c.principal;
        p.via_cookie = via_cookie;
        return p;
      } else {
        last_used_hint = c.last_used;
      }
    }
  }
  if (dead) {
    (void)db_.Write([&](db::Session& tx) -> Result<void> {
      JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE id = $1", {id}));
      return {};
    });
    return SessionExpired();
  }

  // Not cached, or cached too long ago: confirm against the database.
  std::optional<StoredUser> stored;
  std::string csrf;
  std::int64_t last_seen = 0, expires_at = 0;
  JC_TRY(db_.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(db::Rows rows,
                        s.Query("SELECT user_id, csrf_token, last_seen_at, expires_at FROM "
                                "core_sessions WHERE id = $1",
                                {id}));
    if (rows.empty()) return {};
    csrf = rows[0].Text(1);
    last_seen = rows[0].Int(2);
    expires_at = rows[0].Int(3);
    JC_ASSIGN_OR_RETURN(stored, LoadUser(s, "id = $1", {rows[0].Int(0)}));
    return {};
  }));
  const std::int64_t last_used = std::max(last_seen, last_used_hint);
  if (!stored || stored->user.disabled || now - last_used >= IdleMs() || now >= expires_at) {
    ForgetSession(id);
    if (!csrf.empty()) {
      (void)db_.Write([&](db::Session& tx) -> Result<void> {
        JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE id = $1", {id}));
        return {};
      });
    }
    return SessionExpired();
  }
  if (!csrf_ok(csrf)) return csrf_error;

  // The scope resolver may query the database itself: call it outside our read.
  Principal principal = PrincipalFor(stored->user);
  principal.session_id = id;
  std::int64_t touched = 0;
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(
        touched, tx.Exec("UPDATE core_sessions SET last_seen_at = $1 WHERE id = $2", {now, id}));
    return {};
  }));
  if (touched == 0) return SessionExpired();  // logged out meanwhile
  {
    std::lock_guard lock(cache_mutex_);
    // A logout that ran while we were reading must not be undone by caching what we read.
    if (revocations_ == revocations_seen) {
      cache_[id] = CachedSession{principal, csrf, expires_at, now, now};
    }
  }
  JC_TRY(CheckPending(principal, request));
  principal.via_cookie = via_cookie;
  return principal;
}

void AuthService::ForgetSession(const std::string& session_id) {
  std::lock_guard lock(cache_mutex_);
  cache_.erase(session_id);
  ++revocations_;
}

void AuthService::ForgetUserSessions(std::int64_t user_id, const std::string& keep_session_id) {
  std::lock_guard lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.principal.user_id == user_id && it->first != keep_session_id) {
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
  ++revocations_;
}

Result<void> AuthService::Logout(const Principal& who, const RequestInfo& info) {
  ForgetSession(who.session_id);
  return db_.Write([&](db::Session& tx) -> Result<void> {
    JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE id = $1", {who.session_id}));
    return audit_.Append(tx, UserAudit(who, "auth.logout", who.user_id, who.org_code, info));
  });
}

Result<void> AuthService::ChangePassword(const Principal& who, const std::string& old_password,
                                         const std::string& new_password, const RequestInfo& info) {
  // Every attempt counts (each costs two argon2 hashes), by account and by client: one key
  // space, since "user:" never parses as an address.
  const std::int64_t now_ms = clock_.NowMs();
  const auto by_user = password_limiter_->Check("user:" + std::to_string(who.user_id), now_ms,
                                                config_.password_change_rate_per_hour);
  const auto by_client =
      by_user == app::RateLimiter::Verdict::kAllow
          ? password_limiter_->Check(info.source, now_ms,
                                     config_.password_change_client_rate_per_hour)
          : app::RateLimiter::Verdict::kDeny;
  if (by_user != app::RateLimiter::Verdict::kAllow ||
      by_client != app::RateLimiter::Verdict::kAllow) {
    if (by_user == app::RateLimiter::Verdict::kDenyFirst ||
        by_client == app::RateLimiter::Verdict::kDenyFirst) {
      audit::AuditEntry e = UserAudit(who, "auth.password_change", who.user_id, who.org_code, info);
      e.outcome = "denied";
      e.summary = by_user == app::RateLimiter::Verdict::kDenyFirst
                      ? R"({"reason":"rate_limited","per":"user"})"
                      : R"({"reason":"rate_limited","per":"client"})";
      JC_TRY(audit_.AppendAlone(std::move(e)));
    }
    return DomainError{ErrorKind::kRateLimited,
                       "auth.password.rate_limited",
                       "修改密码的尝试过于频繁，请一小时后再试",
                       {},
                       {}};
  }
  std::optional<StoredUser> stored;
  JC_TRY(db_.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(stored, LoadUser(s, "id = $1", {who.user_id}));
    return {};
  }));
  if (!stored) return SessionExpired();
  audit::AuditEntry e = UserAudit(who, "auth.password_change", who.user_id, who.org_code, info);
  e.org_code = stored->user.org_code;
  if (!VerifyPassword(stored->password_hash, old_password)) {
    e.outcome = "failure";
    e.summary = R"({"reason":"wrong_old_password"})";
    JC_TRY(audit_.AppendAlone(std::move(e)));
    return DomainError::Invalid("auth.password.wrong_old", "原密码不正确", "old_password");
  }
  if (new_password == old_password) {
    return DomainError::Invalid("auth.password.same", "新密码不能与原密码相同", "new_password");
  }
  auto policy = CheckPasswordPolicy(new_password, config_);
  if (!policy.ok()) {
    DomainError err = policy.error();
    err.field = "new_password";
    return err;
  }
  const std::string hash = HashPassword(new_password);
  const std::int64_t now = clock_.NowMs();
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_TRY(
        tx.Exec("UPDATE core_users SET password_hash = $1, password_changed_at = $2, "
                "must_change_password = 0 WHERE id = $3",
                {hash, now, who.user_id}));
    // Other sessions (perhaps someone who learned the old password) end; this one stays.
    JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE user_id = $1 AND id <> $2",
                   {who.user_id, who.session_id}));
    return audit_.Append(tx, e);
  }));
  // Every cached session of the user goes, this one too: its pending step may have ended.
  ForgetUserSessions(who.user_id);
  return {};
}

Result<std::int64_t> AuthService::PurgeExpiredSessions() {
  const std::int64_t now = clock_.NowMs();
  std::int64_t removed = 0;
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    // The margin covers last_seen_at lagging real use by up to kRecheckMs (see Authenticate).
    JC_ASSIGN_OR_RETURN(removed, tx.Exec("DELETE FROM core_sessions WHERE expires_at <= $1 OR "
                                         "last_seen_at <= $2",
                                         {now, now - IdleMs() - kRecheckMs}));
    return {};
  }));
  {
    std::lock_guard lock(cache_mutex_);
    for (auto it = cache_.begin(); it != cache_.end();) {
      if (now - it->second.last_used >= IdleMs() || now >= it->second.expires_at) {
        it = cache_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return removed;
}

}  // namespace jiceng::core::auth
