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

#include "core/app/call.hpp"
#include "core/db/database.hpp"
#include "core/db/like.hpp"
#include "core/http/router.hpp"
#include "core/text/utf8.hpp"
#include "modules/people/change_store.hpp"
#include "modules/people/grid_cursor.hpp"
#include "modules/people/people.hpp"
#include "modules/people/people_context.hpp"
#include "modules/people/permissions.hpp"

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
  using Answer = core::Result<core::http::Json>;
  using ListStep = std::function<Answer(core::http::Request&)>;
  using CreateStep = std::function<Answer(core::http::Request&, const core::http::Json&)>;
  using GetStep = std::function<Answer(core::http::Request&, Id)>;
  using UpdateStep = std::function<Answer(core::http::Request&, Id, const core::http::Json&)>;

  explicit RecordRoutes(std::string path, core::DomainError not_found = {})
      : path(std::move(path)), not_found(std::move(not_found)) {}

  std::string path;  // "/api/v1/houses"
  core::DomainError not_found;
  std::string read_permission = kRead;
  std::string write_permission = kWrite;
  ListStep list;
  std::string list_summary;
  CreateStep create;
  std::string create_summary;
  GetStep get;
  std::string get_summary;
  UpdateStep update;
  std::string update_summary;
  GetStep current;
};
void RegisterRecordRoutes(core::http::Router& router, const RecordRoutes& spec);

// Steps whose use case gives the record itself, answered as to_json(record):
//   create(ctx, call, body), read(ctx, scope, id), update(ctx, call, id, body).
template <typename Create, typename ToJson>
RecordRoutes::CreateStep CreateAnswering(PeopleContext& ctx, Create create, ToJson to_json) {
  return [&ctx, create, to_json](core::http::Request& req,
                                 const core::http::Json& body) -> RecordRoutes::Answer {
    JC_ASSIGN_OR_RETURN(auto record, create(ctx, core::app::Call::Of(req), body));
    return to_json(record);
  };
}
template <typename Read, typename ToJson>
RecordRoutes::GetStep ReadAnswering(PeopleContext& ctx, Read read, ToJson to_json) {
  return
      [&ctx, read, to_json](core::http::Request& req, RecordRoutes::Id id) -> RecordRoutes::Answer {
        JC_ASSIGN_OR_RETURN(auto record, read(ctx, req.Who().scope, id));
        return to_json(record);
      };
}
template <typename Update, typename ToJson>
RecordRoutes::UpdateStep UpdateAnswering(PeopleContext& ctx, Update update, ToJson to_json) {
  return [&ctx, update, to_json](core::http::Request& req, RecordRoutes::Id id,
                                 const core::http::Json& body) -> RecordRoutes::Answer {
    JC_ASSIGN_OR_RETURN(auto record, update(ctx, core::app::Call::Of(req), id, body));
    return to_json(record);
  };
}

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

// The caller's scope narrowed by ?org= (an empty scope when org lies outside it).
core::auth::Scope ListScope(const core::http::Request& req);

// A grid (15 digits) that exists and lies in scope; 422 people.grid.not_found otherwise.
core::Result<void> CheckGrid(PeopleContext& ctx, const core::auth::Scope& scope,
                             const std::string& code, const std::string& field = "org_code");

// JSON body readers: 422 people.field.unknown for a key not in allowed (nor "version" when
// with_version: an edit), people.field.type for a wrong type, people.field.too_long beyond
// max_chars. Strings are trimmed; null reads as "".
core::Result<void> RejectUnknownFields(const core::http::Json& body,
                                       std::initializer_list<const char*> allowed,
                                       bool with_version = false);
core::Result<std::optional<std::string>> OptionalText(const core::http::Json& body, const char* key,
                                                      std::size_t max_chars);
// A text field of a record: its key in the body, where it goes, and its most characters.
struct TextField {
  const char* key;
  std::string* target;
  std::size_t max_chars;
};
// Reads each of fields that the body has into its target (OptionalText).
core::Result<void> ApplyTextFields(const core::http::Json& body,
                                   std::initializer_list<TextField> fields);
core::Result<std::optional<std::optional<std::int64_t>>> OptionalId(const core::http::Json& body,
                                                                    const char* key);
// The required `version` of an edit (422 people.version.required).
core::Result<std::int64_t> RequiredVersion(const core::http::Json& body);
// The grid an edit moves a record to (its org_code, if given), checked as CheckGrid does before
// the edit's transaction (an org lookup).
core::Result<void> CheckNewGrid(PeopleContext& ctx, const core::auth::Scope& scope,
                                const core::http::Json& body);
// The names of the changed fields, for an audit summary.
core::http::Json ChangedFields(const std::vector<FieldChange>& changes);

// An edit with version, in one write transaction: the record as get(session) reads it in the
// caller's scope (not_found when absent), version compared with it (people.version_conflict),
// then change(session, before, after) with after a copy of before applies the body, checks,
// saves and audits. Answers the record as saved.
template <typename T, typename Get, typename Change>
core::Result<T> EditWithVersion(PeopleContext& ctx, std::int64_t version,
                                const core::DomainError& not_found, Get get, Change change) {
  T after;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> core::Result<void> {
    JC_ASSIGN_OR_RETURN(std::optional<T> before, get(s));
    if (!before) return not_found;
    if (before->version != version) return VersionConflict();
    after = *before;
    return change(s, *before, after);
  }));
  return after;
}

// A 409 problem that carries the server's record as `current`.
core::http::Response ConflictWithCurrent(const core::http::Request& req, const core::DomainError& e,
                                         const core::http::Json& current);

// The list step of a record kept per grid: filter_of(req) reads the query, open(session) the
// store whose List(scope, filter, cursor) reads a page in the caller's scope narrowed by ?org=,
// and item_json(item, org_name) answers each item.
template <typename Page, typename FilterOf, typename Open, typename ItemJson>
RecordRoutes::ListStep GridList(PeopleContext& ctx, FilterOf filter_of, Open open,
                                ItemJson item_json) {
  return [&ctx, filter_of, open, item_json](core::http::Request& req) -> RecordRoutes::Answer {
    JC_ASSIGN_OR_RETURN(auto filter, filter_of(req));
    OrgNames names(ctx);
    return ReadPage<Page>(
        ctx,
        [&](core::db::Session& s) {
          return open(s).List(ListScope(req), filter, req.Query("cursor"));
        },
        [&](const auto& item) { return item_json(item, names(item.org_code)); });
  };
}

// Answers (docs/api-people.md): house_routes.cpp and household_routes.cpp.
core::http::Json HouseJson(const House& h, const std::string& org_name);
core::http::Json HouseholdJson(const Household& h, const std::string& org_name,
                               const std::string& today);

core::http::Json OptionalIdJson(const std::optional<std::int64_t>& v);

}  // namespace jiceng::people
