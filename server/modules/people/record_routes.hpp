// Houses, households, units, visits and patrol logs: routes and their use cases.
#pragma once
#include <cstdint>
#include <functional>
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
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"
#include "modules/people/people.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

void RegisterHouseRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterHouseholdRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterUnitRoutes(core::http::Router& router, PeopleContext& ctx);
void RegisterVisitRoutes(core::http::Router& router, PeopleContext& ctx);  // visits and patrol logs

// {"items": [...], "next_cursor": "..." | null}
core::http::Json PageJson(core::http::Json items, const std::optional<std::string>& next_cursor);

// The standard routes of a base record, each step a function returning its answer's JSON:
//   GET   <path>        list        (read_permission)
//   POST  <path>        create, 201 (write_permission)
//   GET   <path>/{id}   get         (read_permission)
//   PATCH <path>/{id}   update      (write_permission); a 409 people.version_conflict carries
//                       the record as it is now (current, or get when current is unset)
// A step left unset is not registered. A bad {id} is not_found; a bad body is 400.
struct RecordRoutes {
  using Id = std::int64_t;
  std::string path;  // "/api/v1/houses"
  core::DomainError not_found;
  std::string read_permission;
  std::string write_permission;
  std::function<core::Result<core::http::Json>(core::http::Request&)> list;
  std::string list_summary;
  std::function<core::Result<core::http::Json>(core::http::Request&, const core::http::Json&)>
      create;
  std::string create_summary;
  std::function<core::Result<core::http::Json>(core::http::Request&, Id)> get;
  std::string get_summary;
  std::function<core::Result<core::http::Json>(core::http::Request&, Id, const core::http::Json&)>
      update;
  std::string update_summary;
  std::function<core::Result<core::http::Json>(core::http::Request&, Id)> current;
};
void RegisterRecordRoutes(core::http::Router& router, const RecordRoutes& spec);

// A page of a list read in one snapshot: read(session) fills the page's items, item_json turns
// each into its answer.
template <typename Page, typename Read, typename ItemJson>
core::Result<core::http::Json> ReadPage(PeopleContext& ctx, Read read, ItemJson item_json) {
  Page page;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> core::Result<void> {
    JC_ASSIGN_OR_RETURN(page, read(s));
    return {};
  }));
  core::http::Json items = core::http::Json::array();
  for (const auto& item : page.items) items.push_back(item_json(item));
  return PageJson(std::move(items), page.next_cursor);
}

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

}  // namespace jiceng::people
