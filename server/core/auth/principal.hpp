// Who is asking: the authenticated user with permissions and data scope.
#pragma once
#include <cstdint>
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
  Scope scope;
  std::string session_id;  // hashed token id, for logout
  bool via_cookie = false;

  bool Has(const std::string& permission) const { return permissions.count(permission) > 0; }
};

}  // namespace jiceng::core::auth
