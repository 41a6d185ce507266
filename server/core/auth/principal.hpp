// Who is asking: the authenticated user with permissions and data scope.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/auth/scope.hpp"

namespace jiceng::core::auth {

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string org_code;  // the org node the user belongs to
  std::set<std::string> roles;
  std::set<std::string> permissions;
  // Governed data (people, cases, ...): the org nodes whose records this user may see. Empty
  // for the three administrators, who run the system but never read what it governs.
  Scope scope;
  // Accounts, the org structure and the audit trail, where it differs from scope: everything,
  // for the administrators who manage them. Read it through ManagementScope().
  std::optional<Scope> management_scope;
  // Non-empty while the session may do only one thing first: "password_change" (a password set
  // by an administrator) or "totp_enrol" (an administrator without a second factor yet).
  std::string pending;
  std::string session_id;  // hashed token id, for logout
  bool via_cookie = false;

  bool Has(const std::string& permission) const { return permissions.count(permission) > 0; }
  const Scope& ManagementScope() const { return management_scope ? *management_scope : scope; }
};

}  // namespace jiceng::core::auth
