// The administrators' second factor: TOTP enrolment, the check at login, recovery codes, and
// the security administrator's reset for a lost phone.
#include "core/auth/auth_internal.hpp"
#include "core/auth/auth_service.hpp"
#include "core/auth/permissions.hpp"
#include "core/auth/totp.hpp"
#include "core/crypto/crypto.hpp"
#include "core/text/qr_svg.hpp"

namespace jiceng::core::auth {

using namespace internal;

namespace {

constexpr int kRecoveryCodes = 10;
// No 0/O, 1/I/L: the codes are read off paper.
constexpr std::string_view kRecoveryAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

DomainError OtpInvalid() {
  DomainError e =
      DomainError::Unauthenticated("auth.otp.invalid", "动态口令错误或已使用，请输入最新口令");
  e.field = "otp";
  return e;
}

// "abcd-efgh-ij" and "ABCDEFGHIJ" are the same recovery code.
std::string NormalizeRecovery(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

struct StoredSecret {
  std::string secret;  // decrypted; "" when none
  std::int64_t last_step = 0;
};

// Reads and decrypts a user's TOTP secret.
Result<StoredSecret> LoadSecret(db::Session& s, const crypto::FieldCipher* cipher,
                                std::int64_t user_id) {
  JC_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query("SELECT totp_secret, totp_last_step FROM core_users WHERE id = $1", {user_id}));
  StoredSecret out;
  if (rows.empty() || rows[0].Text(0).empty()) return out;
  if (!cipher) return DomainError::Internal("security.cipher.missing", "未配置数据密钥");
  JC_ASSIGN_OR_RETURN(out.secret, cipher->Decrypt(rows[0].Text(0)));
  out.last_step = rows[0].Int(1);
  return out;
}

// The user's org node, if they have no second factor in force yet (enrolment may begin or end).
Result<std::string> NotYetEnrolled(db::Session& tx, std::int64_t user_id) {
  JC_ASSIGN_OR_RETURN(
      db::Rows rows,
      tx.Query("SELECT totp_enabled, org_code FROM core_users WHERE id = $1", {user_id}));
  if (rows.empty()) return UserNotFound();
  if (rows[0].Bool(0)) {
    return DomainError::Conflict("auth.totp.enrolled",
                                 "已绑定动态口令；如需更换，请联系安全管理员重置");
  }
  return rows[0].Text(1);
}

}  // namespace

Result<std::optional<DomainError>> AuthService::CheckSecondFactor(const StoredUser& stored,
                                                                  const std::string& otp,
                                                                  const std::string& logged_name,
                                                                  const std::string& source,
                                                                  const std::string& request_id) {
  if (!stored.user.totp_enabled) return std::optional<DomainError>();
  if (otp.empty()) {
    JC_TRY(RecordAttemptAlone(logged_name, &stored, source, request_id, "otp_required"));
    DomainError e = DomainError::Unauthenticated("auth.otp.required",
                                                 "请输入动态口令（手机验证器中的 6 位数字）");
    e.field = "otp";
    return std::optional<DomainError>(e);
  }
  const std::int64_t id = stored.user.id;
  const std::int64_t now = clock_.NowMs();
  bool accepted = false;
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(StoredSecret s, LoadSecret(tx, cipher_.get(), id));
    if (auto step = VerifyTotp(s.secret, otp, now, s.last_step)) {
      JC_TRY(tx.Exec("UPDATE core_users SET totp_last_step = $1 WHERE id = $2", {*step, id}));
      accepted = true;
      return {};
    }
    JC_ASSIGN_OR_RETURN(std::int64_t used,
                        tx.Exec("UPDATE core_recovery_codes SET used_at = $1 WHERE user_id = $2 "
                                "AND code_hash = $3 AND used_at IS NULL",
                                {now, id, crypto::Sha256Hex(NormalizeRecovery(otp))}));
    if (used == 1) {
      accepted = true;
      audit::AuditEntry e = UserAudit(PrincipalFor(stored.user), "auth.recovery_code_used", id,
                                      stored.user.org_code, {request_id, source});
      return audit_.Append(tx, std::move(e));
    }
    return {};
  }));
  if (accepted) return std::optional<DomainError>();
  return std::optional<DomainError>(
      CountFailure(stored, logged_name, source, request_id, "bad_otp", OtpInvalid()));
}

Result<TotpEnrolment> AuthService::BeginTotp(const Principal& who, const RequestInfo& info) {
  if (!cipher_) return DomainError::Internal("security.cipher.missing", "未配置数据密钥");
  const std::string secret = NewTotpSecret();
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(std::string org_code, NotYetEnrolled(tx, who.user_id));
    JC_TRY(tx.Exec("UPDATE core_users SET totp_secret = $1, totp_last_step = 0 WHERE id = $2",
                   {db::Blob{cipher_->Encrypt(secret)}, who.user_id}));
    return audit_.Append(tx, UserAudit(who, "auth.totp.begin", who.user_id, org_code, info));
  }));
  TotpEnrolment out;
  out.secret_base32 = TotpBase32(secret);
  out.uri = TotpUri("Jiceng", who.username, secret);
  out.qr_svg = text::QrSvg(out.uri);
  return out;
}

Result<std::vector<std::string>> AuthService::ConfirmTotp(const Principal& who,
                                                          const std::string& code,
                                                          const RequestInfo& info) {
  const std::int64_t now = clock_.NowMs();
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    std::string c = crypto::RandomChars(10, kRecoveryAlphabet);
    codes.push_back(c.substr(0, 5) + "-" + c.substr(5));
  }
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(std::string org_code, NotYetEnrolled(tx, who.user_id));
    JC_ASSIGN_OR_RETURN(StoredSecret s, LoadSecret(tx, cipher_.get(), who.user_id));
    if (s.secret.empty()) {
      return DomainError::Invalid("auth.totp.not_begun", "请先获取二维码再输入口令");
    }
    auto step = VerifyTotp(s.secret, code, now, s.last_step);
    if (!step) return OtpInvalid();
    JC_TRY(tx.Exec("UPDATE core_users SET totp_enabled = 1, totp_last_step = $1 WHERE id = $2",
                   {*step, who.user_id}));
    JC_TRY(tx.Exec("DELETE FROM core_recovery_codes WHERE user_id = $1", {who.user_id}));
    for (const auto& c : codes) {
      JC_TRY(tx.Exec("INSERT INTO core_recovery_codes (user_id, code_hash) VALUES ($1, $2)",
                     {who.user_id, crypto::Sha256Hex(NormalizeRecovery(c))}));
    }
    return audit_.Append(tx, UserAudit(who, "auth.totp.enrol", who.user_id, org_code, info));
  }));
  ForgetUserSessions(who.user_id);  // the session's pending step has ended
  return codes;
}

Result<void> AuthService::ResetTotp(const Principal& actor, std::int64_t id,
                                    const RequestInfo& info) {
  JC_TRY(Require(actor, "security.totp.reset"));
  if (id == actor.user_id) {
    return DomainError::Forbidden("security.self", "不能对本人账号执行此操作");
  }
  JC_TRY(db_.Write([&](db::Session& tx) -> Result<void> {
    JC_ASSIGN_OR_RETURN(UserRecord target, LoadScopedForUpdate(tx, actor.ManagementScope(), id));
    JC_TRY(
        tx.Exec("UPDATE core_users SET totp_enabled = 0, totp_secret = NULL, totp_last_step = 0 "
                "WHERE id = $1",
                {id}));
    JC_TRY(tx.Exec("DELETE FROM core_recovery_codes WHERE user_id = $1", {id}));
    JC_TRY(tx.Exec("DELETE FROM core_sessions WHERE user_id = $1", {id}));
    audit::AuditEntry e = UserAudit(actor, "user.totp_reset", id, target.org_code, info);
    e.summary = http::Json{{"username", target.username}}.dump();
    return audit_.Append(tx, std::move(e));
  }));
  ForgetUserSessions(id);
  return {};
}

}  // namespace jiceng::core::auth
