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
