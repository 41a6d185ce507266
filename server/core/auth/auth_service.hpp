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
#include "core/crypto/field_cipher.hpp"
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
  bool must_change_password = false;  // the password was set by an administrator
  bool totp_enabled = false;          // a second factor is enrolled
};

struct LoginResult {
  std::string token;  // give to the client once; never stored or logged
  std::string csrf_token;
  std::int64_t expires_at = 0;
  UserRecord user;
};

// What the console shows to enrol an authenticator: a QR code and the same secret as text.
struct TotpEnrolment {
  std::string secret_base32;
  std::string uri;     // otpauth://totp/...
  std::string qr_svg;  // the URI as a QR code
};

struct NewUser {
  std::string username;  // [a-z0-9_.-]{3,32}
  std::string display_name;
  std::string org_code;
  std::string password;
  std::vector<std::string> roles;
  std::string phone;
  // A password an administrator chose must be changed at the first login; the demo seed's
  // published passwords are the exception.
  bool temporary_password = true;
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
  // cipher encrypts the administrators' TOTP secrets at rest; without one, enrolment fails.
  AuthService(db::Database& db, audit::AuditLog& audit, const time::Clock& clock,
              app::AuthConfig config, std::shared_ptr<const crypto::FieldCipher> cipher = nullptr);
  ~AuthService();
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  // Hooks installed by the org module at start-up, before the server answers requests.
  void SetScopeResolver(ScopeResolver resolver);
  void SetOrgLookup(OrgLookup lookup);

  // Errors: auth.rate_limited (kRateLimited), auth.bad_credentials (kUnauthenticated, the same
  // status, code and message for an unknown user, a wrong password, a locked account and a
  // disabled one; the login log and audit keep which); for an account with a second factor,
  // after a correct password: auth.otp.required (no otp given) and auth.otp.invalid (a wrong
  // code counts as a failed attempt). otp is a TOTP code or a recovery code.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& otp, const std::string& source_address,
                            const std::string& request_id);
  // An account without a second factor (tests, the CLI).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& source_address, const std::string& request_id) {
    return Login(username, password, "", source_address, request_id);
  }

  // The authenticator the HTTP server calls before every non-public route.
  // Errors: auth.required, auth.session_expired (kUnauthenticated), auth.csrf (kForbidden),
  // auth.pending.password_change / auth.pending.totp_enrol (kForbidden: the session may only
  // change its password or enrol a second factor first).
  Result<Principal> Authenticate(const http::Request& request);

  Result<void> Logout(const Principal& who, const RequestInfo& info);
  // Errors: auth.password.rate_limited (kRateLimited: more than [auth]
  // password_change_rate_per_hour attempts of this account, or
  // password_change_client_rate_per_hour from this client address), auth.password.wrong_old,
  // auth.password.same and the password policy's codes (field new_password).
  Result<void> ChangePassword(const Principal& who, const std::string& old_password,
                              const std::string& new_password, const RequestInfo& info);

  // The second factor of the caller's own account: BeginTotp makes a new secret (not yet in
  // force); ConfirmTotp puts it in force given a code from the app and returns ten single-use
  // recovery codes (shown once). Errors: auth.totp.enrolled (kConflict), auth.totp.not_begun,
  // auth.otp.invalid, security.cipher.missing.
  Result<TotpEnrolment> BeginTotp(const Principal& who, const RequestInfo& info);
  Result<std::vector<std::string>> ConfirmTotp(const Principal& who, const std::string& code,
                                               const RequestInfo& info);
  // Removes another user's second factor (a lost phone); they enrol again at the next login.
  Result<void> ResetTotp(const Principal& actor, std::int64_t id,
                         const RequestInfo& info);  // security.totp.reset
  // Grants one administrator role to an account (its other roles are removed: admin roles
  // never combine with business roles) or, with no role, revokes it (the account is left
  // without roles). Only the security administrator; never on oneself; the last security
  // administrator keeps the role.
  Result<UserRecord> SetAdminRole(const Principal& actor, std::int64_t id,
                                  const std::optional<std::string>& role,
                                  const RequestInfo& info);  // security.admin_role

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
  // What a session of this user must do before anything else: "", "password_change" or
  // "totp_enrol" (see Principal::pending).
  std::string PendingStep(const UserRecord& user, bool admin) const;
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
  // Known roles; an admin role stands alone and only an actor with security.admin_role
  // (the security administrator, or the CLI) gives it.
  Result<void> ValidateRoles(const Principal& actor, const std::vector<std::string>& roles) const;
  // A wrong password or code: counts the failure, locks the account at the limit, and gives
  // the error to answer (answer, or what failed on the way).
  DomainError CountFailure(const StoredUser& stored, const std::string& logged_name,
                           const std::string& source, const std::string& request_id,
                           const std::string& reason, DomainError answer);
  // The second factor at login: ok, or the error to answer (failures counted).
  Result<std::optional<DomainError>> CheckSecondFactor(const StoredUser& stored,
                                                       const std::string& otp,
                                                       const std::string& logged_name,
                                                       const std::string& source,
                                                       const std::string& request_id);
  // Drops cached sessions of a user (after a change of roles, org, password or status).
  void ForgetUserSessions(std::int64_t user_id, const std::string& keep_session_id = {});
  void ForgetSession(const std::string& session_id);
  std::string OrgName(const std::string& org_code) const;
  std::int64_t IdleMs() const;

  db::Database& db_;
  audit::AuditLog& audit_;
  const time::Clock& clock_;
  app::AuthConfig config_;
  std::shared_ptr<const crypto::FieldCipher> cipher_;

  mutable std::mutex hooks_mutex_;
  ScopeResolver scope_resolver_;
  OrgLookup org_lookup_;

  // Sessions recently confirmed against the database: lets most requests skip the database
  // and limits last_seen_at writes to one a minute per session.
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;
  std::uint64_t revocations_ = 0;  // bumped by every logout/forget; see Authenticate

  std::unique_ptr<app::RateLimiter> rate_limiter_;  // logins per source address per minute
  // Password changes per hour, by "user:<id>" and by client address.
  std::unique_ptr<app::RateLimiter> password_limiter_;

  friend class AuthRoutes;
};

// JSON for a user as docs/api.md describes it; phone is masked unless show_phone.
http::Json UserJson(const UserRecord& user, const std::string& org_name, bool show_phone);
// "13812345678" -> "138****5678".
std::string MaskPhone(const std::string& phone);

}  // namespace jiceng::core::auth
