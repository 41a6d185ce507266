#include "core/http/error_titles.hpp"

#include <string>
#include <unordered_map>

namespace jiceng::core::http {

std::string EnglishTitle(std::string_view code, int status) {
  static const std::unordered_map<std::string, std::string> kTitles = {
      {"auth.required", "Login required"},
      {"auth.forbidden", "Permission denied"},
      {"auth.bad_credentials", "Wrong username or password, or the account is locked or disabled"},
      {"auth.rate_limited", "Too many login attempts"},
      {"auth.session_expired", "Session expired"},
      {"auth.csrf", "Missing or wrong CSRF token"},
      {"auth.password.too_short", "Password too short"},
      {"auth.password.too_weak", "Password needs more character classes"},
      {"http.not_found", "Not found"},
      {"http.method_not_allowed", "Method not allowed"},
      {"http.body_too_large", "Request body too large"},
      {"http.bad_json", "Malformed JSON"},
      {"server.internal", "Internal server error; please quote the request id if it persists"},
      {"org.not_found", "Org node not found"},
      {"org.grid.not_found", "Grid not found"},
      {"org.grid.not_located", "No grid contains this point"},
      {"org.grid.geometry_invalid", "Invalid grid polygon"},
      {"org.grid.self_intersection", "Grid boundary intersects itself"},
      {"org.grid.geometry_too_large", "Grid boundary has too many vertices or rings"},
      {"org.grid.overlap", "Grid overlaps a neighbouring grid"},
      {"org.grid.outside_village", "Grid lies outside its village"},
      {"org.grid.version_conflict", "Grid was changed by someone else"},
      {"db.conflict", "Conflict with existing data"},
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
      {"people.code.required", "A code is required"},
      {"people.code.unknown", "Unknown code"},
      {"people.credit_code.check_digit", "Wrong check character in the unified social credit code"},
      {"people.credit_code.format", "Invalid unified social credit code"},
      {"people.date.format", "Invalid date"},
      {"people.field.too_long", "Field too long"},
      {"people.field.type", "Field has the wrong type"},
      {"people.field.unknown", "Unknown field"},
      {"people.gender.required", "Gender is required"},
      {"people.grid.not_found", "Grid not found or outside your scope"},
      {"people.grid.required", "A grid is required"},
      {"people.house.address.required", "A house address is required"},
      {"people.house.location.invalid", "Invalid house location"},
      {"people.house.not_found", "House not found"},
      {"people.household.duplicate", "Household number already registered"},
      {"people.household.grid_mismatch", "Household and house are in different grids"},
      {"people.household.head_exists", "The household already has a head"},
      {"people.household.member_not_found", "Not a member of this household"},
      {"people.household.not_found", "Household not found"},
      {"people.household.number.required", "A household number is required"},
      {"people.household.other_grid", "Household number belongs to another grid"},
      {"people.household.required", "A household is required"},
      {"people.id_number.address_code", "ID number has an unknown address code"},
      {"people.id_number.birth_date", "ID number has an impossible birth date"},
      {"people.id_number.birth_date_mismatch", "Birth date differs from the ID number"},
      {"people.id_number.check_digit", "Wrong check character in the ID number"},
      {"people.id_number.format", "Invalid ID number format"},
      {"people.id_number.gender_mismatch", "Gender differs from the ID number"},
      {"people.id_number.required", "An ID number is required"},
      {"people.ledger.not_found", "Ledger not found"},
      {"people.name.required", "A name is required"},
      {"people.name.too_long", "Name too long"},
      {"people.org.not_found", "Org node not found or outside your scope"},
      {"people.patrol.note.required", "A patrol note is required"},
      {"people.phone.format", "Invalid phone number"},
      {"people.purpose.invalid", "State the purpose of viewing full data"},
      {"people.resident.duplicate", "ID number already registered"},
      {"people.resident.not_found", "Resident not found"},
      {"people.resident.registered_elsewhere", "ID number registered in another area"},
      {"people.tag.dates", "Tag end date is before its start date"},
      {"people.tag.exists", "The resident already has this tag"},
      {"people.tag.kind", "Unknown tag kind"},
      {"people.tag.not_found", "Tag not found"},
      {"people.unit.duplicate", "Credit code already registered"},
      {"people.unit.not_found", "Unit not found"},
      {"people.version.required", "The record version is required"},
      {"people.version_conflict", "Record was changed by someone else"},
      {"people.visit.note.required", "A visit note is required"},
      {"people.visit.subject.required", "A visit needs a resident or household"},
      {"people.visit.visited_at.future", "Visit time is in the future"},
      {"import.file.columns", "Import file lacks required columns"},
      {"import.file.empty", "Import file has no data rows"},
      {"import.file.too_many_columns", "Import file has too many columns"},
      {"import.file.field_too_large", "A cell of the import file is too large"},
      {"import.file.too_large", "Import file is too large"},
      {"import.rate_limited", "Too many imports; try again later"},
      {"auth.password.rate_limited", "Too many password change attempts; try again later"},
      {"import.file.expired", "Import file expired; upload it again"},
      {"import.mode", "Invalid import mode"},
      {"import.not_found", "Import not found"},
  };
  if (auto it = kTitles.find(std::string(code)); it != kTitles.end()) return it->second;
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Login required";
    case 403:
      return "Permission denied";
    case 404:
      return "Not found";
    case 409:
      return "Conflict";
    case 422:
      return "Invalid input";
    case 429:
      return "Too many requests";
    default:
      return "Server error";
  }
}

}  // namespace jiceng::core::http
