#include "core/http/error_titles.hpp"

#include <string>
#include <unordered_map>

namespace jiceng::core::http {

std::string EnglishTitle(std::string_view code, int status) {
  static const std::unordered_map<std::string, std::string> kTitles = {
      {"auth.required", "Login required"},
      {"auth.forbidden", "Permission denied"},
      {"auth.bad_credentials", "Wrong username or password"},
      {"auth.locked", "Account locked after repeated failures"},
      {"auth.rate_limited", "Too many login attempts"},
      {"auth.session_expired", "Session expired"},
      {"auth.csrf", "Missing or wrong CSRF token"},
      {"auth.password.too_short", "Password too short"},
      {"auth.password.too_weak", "Password needs more character classes"},
      {"http.not_found", "Not found"},
      {"http.method_not_allowed", "Method not allowed"},
      {"http.body_too_large", "Request body too large"},
      {"http.bad_json", "Malformed JSON"},
      {"http.internal", "Internal error"},
      {"org.not_found", "Org node not found"},
      {"org.grid.not_found", "Grid not found"},
      {"org.grid.not_located", "No grid contains this point"},
      {"org.grid.geometry_invalid", "Invalid grid polygon"},
      {"org.grid.self_intersection", "Grid boundary intersects itself"},
      {"org.grid.overlap", "Grid overlaps a neighbouring grid"},
      {"org.grid.outside_village", "Grid lies outside its village"},
      {"org.grid.version_conflict", "Grid was changed by someone else"},
      {"db.conflict", "Conflict with existing data"},
      {"auth.disabled", "Account disabled"},
      {"auth.password.too_long", "Password too long"},
      {"auth.password.contains_username", "Password must not contain the username"},
      {"auth.password.wrong_old", "Current password is wrong"},
      {"auth.password.same", "New password must differ from the old one"},
      {"auth.role.unknown", "Unknown role"},
      {"user.not_found", "User not found"},
      {"user.username_taken", "Username already taken"},
      {"user.username.invalid", "Invalid username"},
      {"user.roles.empty", "At least one role is required"},
      {"user.roles.separation", "Administrator roles must be held by separate accounts"},
      {"user.phone.invalid", "Invalid phone number"},
      {"user.display_name.invalid", "Invalid display name"},
      {"user.disable_self", "You cannot disable your own account"},
      {"audit.bad_time", "Invalid time"},
      {"http.bad_cursor", "Invalid cursor"},
      {"http.bad_field", "Field has the wrong type"},
      {"http.bad_query", "Invalid query parameter"},
      {"org.boundary.not_found", "No boundary for this org node"},
      {"org.grid.village_not_found", "Village not found or outside your scope"},
      {"org.grid.worker_unknown", "Unknown grid worker account"},
      {"org.grid.name", "Invalid grid name"},
      {"org.grid.kind", "Invalid grid kind"},
      {"org.grid.dedicated_kind", "A dedicated grid needs its kind"},
      {"org.grid.household_capacity", "Invalid household capacity"},
      {"org.grid.population_capacity", "Invalid population capacity"},
      {"org.grid.hotline", "Invalid supervision hotline"},
      {"org.grid.version_required", "The grid version is required"},
      {"org.grid.sequence_full", "No grid codes left in this village"},
      {"org.department.name", "Invalid department name"},
      {"org.department.category", "Invalid department category"},
      {"org.department.parent_not_found", "County or township not found or outside your scope"},
      {"org.department.sequence_full", "No department codes left"},
  };
  if (auto it = kTitles.find(std::string(code)); it != kTitles.end()) return it->second;
  switch (status) {
    case 400: return "Bad request";
    case 401: return "Login required";
    case 403: return "Permission denied";
    case 404: return "Not found";
    case 409: return "Conflict";
    case 422: return "Invalid input";
    case 429: return "Too many requests";
    default: return "Server error";
  }
}

}  // namespace jiceng::core::http
