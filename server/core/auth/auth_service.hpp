// Users, sessions and logins (MLPS level 3: unique accounts, complex passwords, lockout after
// repeated failures, idle timeout, every login attempt logged and audited).
//
// Sessions: the client holds a random token (bearer header or HttpOnly cookie); the database
// holds only SHA-256(token). Cookie sessions must echo the CSRF token on unsafe methods.
// Every data change writes its audit record in the same transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/app/config.hpp"
#include "core/app/rate_limiter.hpp"
#include "core/audit/audit_log.hpp"
#include "core/auth/principal.hpp"
#include "core/db/database.hpp"
#include "core/http/router.hpp"
#include "core/result.hpp"
#include "core/time/clock.hpp"

namespace jiceng::core::auth {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string org_code;
  std::string phone;
  std::vector<std::string> roles;
  std::int64_t failed_count = 0;
  std::optional<std::int64_t> locked_until;
  bool disabled = false;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_login_at;
  std::optional<std::int64_t> password_changed_at;
};

struct LoginResult {
  std::string token;  // give to the client once; never stored or logged
  std::string csrf_token;
  std::int64_t expires_at = 0;
  UserRecord user;
};

struct NewUser {
  std::string username;  // [a-z0-9_.-]{3,32}
  std::string display_name;
  std::string org_code;
  std::string password;
  std::vector<std::string> roles;
  std::string phone;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> org_code;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> phone;
  std::optional<bool> disabled;
};

struct UserPage {
  std::vector<UserRecord> items;
  std::optional<std::string> next_cursor;
};

struct LoginLogEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string username;
  std::optional<std::int64_t> user_id;
  std::string org_code;
  std::string source;
  std::string outcome;  // "success" | "failure"
  std::string reason;   // "", "bad_password", "unknown_user", "locked", "disabled", "rate_limited"
};

struct LoginLogPage {
  std::vector<LoginLogEntry> items;
  std::optional<std::string> next_cursor;
};

// Where a change came from, for the audit record.
struct RequestInfo {
  std::string request_id;
  std::string source;  // client address
};

// Returns the org-code prefixes a user may see instead of their org_code (the org module
// returns a grid worker's assigned grids). An empty result means "use org_code".
using ScopeResolver = std::function<std::vector<std::string>(const UserRecord&)>;
// Returns the name of an org node, or nullopt if no such node exists.
using OrgLookup = std::function<std::optional<std::string>(const std::string& org_code)>;

class AuthService {
 public:
  AuthService(db::Database& db, audit::AuditLog& audit, const time::Clock& clock,
              app::AuthConfig config);
  ~AuthService();
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  // Hooks installed by the org module at start-up, before the server answers requests.
  void SetScopeResolver(ScopeResolver resolver);
  void SetOrgLookup(OrgLookup lookup);

  // Errors: auth.rate_limited (kRateLimited), auth.bad_credentials (kUnauthenticated, the same
  // for unknown users and wrong passwords), auth.locked (kForbidden, message says until when),
  // auth.disabled (kForbidden, only after a correct password).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& source_address, const std::string& request_id);

  // The authenticator the HTTP server calls before every non-public route.
  // Errors: auth.required, auth.session_expired (kUnauthenticated), auth.csrf (kForbidden).
  Result<Principal> Authenticate(const http::Request& request);

  Result<void> Logout(const Principal& who, const RequestInfo& info);
  Result<void> ChangePassword(const Principal& who, const std::string& old_password,
                              const std::string& new_password, const RequestInfo& info);

  // User management. `actor` must hold the permission named; targets outside the actor's scope
  // are not found. SystemActor() serves the CLI and the demo seed.
  Result<UserRecord> CreateUser(const Principal& actor, const NewUser& user,
                                const RequestInfo& info);  // user.write
  Result<UserRecord> UpdateUser(const Principal& actor, std::int64_t id, const UserPatch& patch,
                                const RequestInfo& info);  // user.write
  Result<void> ResetPassword(const Principal& actor, std::int64_t id,
                             const std::string& new_password,
                             const RequestInfo& info);  // security.password.reset
  Result<void> Unlock(const Principal& actor, std::int64_t id,
                      const RequestInfo& info);  // security.unlock
  Result<UserPage> ListUsers(const Scope& scope, const std::string& q, const std::string& org_code,
                             int limit, const std::string& cursor) const;
  Result<UserRecord> GetUser(const Scope& scope, std::int64_t id) const;
  Result<std::optional<UserRecord>> FindUserByUsername(const std::string& username) const;
  Result<LoginLogPage> ListLogins(const Scope& scope, const std::string& username,
                                  const std::string& outcome, int limit,
                                  const std::string& cursor) const;

  // Deletes sessions past their lifetime or idle timeout (for a periodic job). Returns count.
  Result<std::int64_t> PurgeExpiredSessions();

  // Every route of docs/api.md "Auth, users, roles" plus GET /api/v1/auth/logins.
  void RegisterRoutes(http::Router& router);

  // The permissions and scope a user has (as Authenticate would build them).
  Principal PrincipalFor(const UserRecord& user) const;
  // An all-powerful actor named "system" for the CLI (`jiceng user ...`) and the demo seed.
  static Principal SystemActor();

  const app::AuthConfig& config() const { return config_; }

 private:
  struct CachedSession {
    Principal principal;
    std::string csrf_token;
    std::int64_t expires_at = 0;
    std::int64_t last_used = 0;   // exact time of the last request in this process
    std::int64_t checked_at = 0;  // last confirmed in (and last_seen_at written to) the database
  };
  struct StoredUser {
    UserRecord user;
    std::string password_hash;
  };

  Result<std::optional<StoredUser>> LoadUser(db::Session& s, const std::string& where,
                                             const db::Params& params) const;
  Result<UserRecord> LoadScopedForUpdate(db::Session& tx, const Scope& scope,
                                         std::int64_t id) const;
  Result<void> RecordAttempt(db::Session& tx, const std::string& username, const StoredUser* user,
                             const std::string& source, const std::string& request_id, bool success,
                             const std::string& reason, const std::string& extra_json);
  Result<void> RecordAttemptAlone(const std::string& username, const StoredUser* user,
                                  const std::string& source, const std::string& request_id,
                                  const std::string& reason);
  Result<void> ValidateOrgCode(const Principal& actor, const std::string& org_code) const;
  Result<void> ValidateRoles(const std::vector<std::string>& roles) const;
  // Drops cached sessions of a user (after a change of roles, org, password or status).
  void ForgetUserSessions(std::int64_t user_id, const std::string& keep_session_id = {});
  void ForgetSession(const std::string& session_id);
  std::string OrgName(const std::string& org_code) const;
  std::int64_t IdleMs() const;

  db::Database& db_;
  audit::AuditLog& audit_;
  const time::Clock& clock_;
  app::AuthConfig config_;

  mutable std::mutex hooks_mutex_;
  ScopeResolver scope_resolver_;
  OrgLookup org_lookup_;

  // Sessions recently confirmed against the database: lets most requests skip the database
  // and limits last_seen_at writes to one a minute per session.
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;
  std::uint64_t revocations_ = 0;  // bumped by every logout/forget; see Authenticate

  std::unique_ptr<app::RateLimiter> rate_limiter_;  // logins per source address per minute

  friend class AuthRoutes;
};

// JSON for a user as docs/api.md describes it; phone is masked unless show_phone.
http::Json UserJson(const UserRecord& user, const std::string& org_name, bool show_phone);
// "13812345678" -> "138****5678".
std::string MaskPhone(const std::string& phone);

}  // namespace jiceng::core::auth
