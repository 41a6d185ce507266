// Helpers shared by the auth_*.cpp files; not part of the auth interface.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/auth/auth_service.hpp"
#include "core/db/value.hpp"

namespace jiceng::core::auth::internal {

// Column list matching UserFromRow (password_hash last, read only where needed).
inline constexpr const char* kUserColumns =
    "id, username, display_name, org_code, phone, roles, failed_count, locked_until, disabled, "
    "created_at, last_login_at, password_changed_at, must_change_password, totp_enabled, "
    "password_hash";
inline constexpr std::size_t kPasswordHashColumn = 14;

UserRecord UserFromRow(const db::Row& row);
std::vector<std::string> SplitRoles(const std::string& text);
std::string JoinRoles(const std::vector<std::string>& roles);
std::string AsciiLower(std::string s);
// A user as it appears in audit summaries: no password, phone masked.
http::Json UserAuditJson(const UserRecord& u);
// "2026-11-26 14:10" in Beijing time, for messages shown to people.
std::string BeijingMinute(std::int64_t ms);
// Placeholder for the last parameter added: "$3".
std::string Last(const db::Params& params);
// LIKE pattern matching text literally (escape character '\\').
std::string EscapeLike(const std::string& text);
// An audit record of `actor` acting on user `target_id` (org_code: the target's node).
audit::AuditEntry UserAudit(const Principal& actor, const std::string& action,
                            std::int64_t target_id, const std::string& org_code,
                            const RequestInfo& info);
Result<void> Require(const Principal& actor, const std::string& permission);
DomainError UserNotFound();

}  // namespace jiceng::core::auth::internal
