// Houses, households, units, visits and patrol logs: routes and their use cases.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/db/like.hpp"
#include "core/http/router.hpp"
#include "core/text/utf8.hpp"
#include "modules/people/grid_cursor.hpp"
#include "modules/people/people.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

void RegisterHouseRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterHouseholdRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterUnitRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterVisitRoutes(core::http::Router& router, PeopleContext& ctx);  // visits and patrol logs

// ---- Shared by the four route files and their stores (record_routes.cpp) ----

// A positive integer path parameter; anything else is the given 404.
core::Result<std::int64_t> PathId(const core::http::Request& req, const char* name,
                                  const core::DomainError& not_found);
// The caller's scope narrowed by ?org= (an empty scope when org lies outside it).
core::auth::Scope ListScope(const core::http::Request& req);

// A grid (15 digits) that exists and lies in scope; 422 people.grid.not_found otherwise.
core::Result<void> CheckGrid(PeopleContext& ctx, const core::auth::Scope& scope,
                             const std::string& code, const std::string& field = "org_code");

// JSON body readers: 422 people.field.unknown for a key not in allowed, people.field.type for a
// wrong type, people.field.too_long beyond max_chars. Strings are trimmed; null reads as "".
core::Result<void> RejectUnknownFields(const core::http::Json& body,
                                       std::initializer_list<const char*> allowed);
core::Result<std::optional<std::string>> OptionalText(const core::http::Json& body, const char* key,
                                                      std::size_t max_chars);
core::Result<std::optional<std::optional<std::int64_t>>> OptionalId(const core::http::Json& body,
                                                                    const char* key);
// The required `version` of an edit (422 people.version.required).
core::Result<std::int64_t> RequiredVersion(const core::http::Json& body);

// Field changes of a base record into people_changes (entity: house | household | unit).
core::Result<void> RecordChanges(core::db::Session& s, const char* entity, std::int64_t entity_id,
                                 const std::vector<FieldChange>& changes, const std::string& actor,
                                 std::int64_t now);

// A 409 problem that carries the server's record as `current`.
core::http::Response ConflictWithCurrent(const core::http::Request& req, const core::DomainError& e,
                                         const core::http::Json& current);

// Org names looked up once per code for one answer.
class OrgNames {
 public:
  explicit OrgNames(PeopleContext& ctx) : ctx_(ctx) {}
  const std::string& operator()(const std::string& code);

 private:
  PeopleContext& ctx_;
  std::map<std::string, std::string> names_;
};

// Answers (docs/api-people.md): house_routes.cpp and household_routes.cpp.
core::http::Json HouseJson(const House& h, const std::string& org_name);
core::http::Json HouseholdJson(const Household& h, const std::string& org_name,
                               const std::string& today);

core::http::Json OptionalIdJson(const std::optional<std::int64_t>& v);
core::http::Json PageJson(core::http::Json items, const std::optional<std::string>& next_cursor);

}  // namespace jiceng::people
