// The one intake core every channel goes through (staff and grid workers, the 12345 hotline,
// residents, Open311): validate → locate → first deadline → insert → timeline → audit →
// indicators. A channel maps its own arguments to an IntakeReport and says what differs in
// IntakeOptions; the core checks, locates and writes the case the same way for all: tracking
// code, first deadline, duplicate suggestion, row, report event, indicator counters and audit, in
// one write transaction.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_log.hpp"
#include "core/auth/scope.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

// 10 characters from an alphabet without 0/O, 1/I/L: read out over the phone without doubt.
// A resident's tracking code and the Open311 token.
std::string NewTrackingCode();

struct IntakeDraft {
  // Filled by the channel: channel, category_code, urgency, description, address, lng/lat,
  // org_code (located), reporter fields, request_type and hotline_class (hotline).
  Case c;
  std::optional<std::int64_t> actor_id;  // the reporting user, if any
  std::string actor_name;
  nlohmann::json event_data = nlohmann::json::object();  // extra facts for the report event
  // actor, actor_id, request_id and source of the audit row; the core fills the rest.
  core::audit::AuditEntry audit;
  nlohmann::json audit_summary = nlohmann::json::object();
  // Hotline enquiries answered on the spot (咨询): the ticket is closed at once with the answer.
  std::string answer;
  // The channel's own columns (Open311 attributes, encrypted contact details), same transaction.
  std::function<core::Result<void>(core::db::Session&, const Case&)> extra;
};

// A report as every channel gives it.
struct IntakeReport {
  std::string category_code;
  std::string description;
  std::string urgency = "normal";
  std::string address;
  std::optional<double> lng;
  std::optional<double> lat;
  std::string node_code;  // without a point: the node the reporter names (a grid, an area)
  std::string reporter_name;
  std::string reporter_phone;  // as typed; stored normalized
  // Resident form only: the reporter lets the public Open311 list show the text (default no).
  bool public_description = false;
};

// The words of the messages that differ by audience: staff read the workflow's terms, residents
// plain words.
struct IntakeWording {
  std::string description_required = "请描述问题";
  std::string location_required = "请在地图上选点，或选择所在网格";
  std::string outside = "该位置不在任何网格内";
  std::string node_not_found = "网格不存在或不在您的管辖范围内";
};

// Which node a report without a point may name.
enum class IntakeNodes {
  kGrid,        // staff and residents: their grid
  kArea,        // hotline: any node but a department (callers rarely know their grid)
  kCountyDown,  // Open311: county, township, village or grid (a jurisdiction)
};

// What differs between channels.
struct IntakeOptions {
  std::string channel;  // grid_worker | api | hotline | resident | open311
  std::size_t max_description = 2000;
  bool description_optional = false;
  // true: a point must lie in China (73–136° E, 3–54° N), and a report needs a point or a node.
  // false: the channel checked its coordinates itself, and a report may come without a location
  // (then the node, if any, decides; an address alone is located by hand).
  bool point_in_china = true;
  IntakeNodes nodes = IntakeNodes::kGrid;
  std::string node_field = "org_code";
  core::auth::Scope node_scope = core::auth::Scope::All();  // where a named node is looked up
  // The located case must lie within (422 cases.location.out_of_scope); nullopt: anywhere.
  std::optional<core::auth::Scope> scope;
  IntakeWording wording;
  // The channel's own checks (request type, hotline fields), after the common ones.
  std::function<core::Result<void>()> check_channel;
  // A further condition on the located node (an Open311 jurisdiction).
  std::function<core::Result<void>(const std::string& org_code)> check_location;
  // Record located: false in the report event when the case sits on a node above a grid.
  bool mark_unlocated = false;
};

// Every problem of the report's common fields, in a fixed order (empty: all good). 422
// cases.description.required / .too_long, cases.urgency, cases.address.too_long,
// cases.reporter_name.too_long, cases.location.invalid / .required, cases.reporter_phone.
std::vector<core::DomainError> CheckIntake(const IntakeReport& report,
                                           const IntakeOptions& options);

// The org code a report is located to: a point through the grid index (422
// cases.location.outside), else the named node (422 cases.grid.not_found, field
// options.node_field); then options.scope (422 cases.location.out_of_scope) and
// options.check_location. `grid` tells whether that node is a grid.
struct IntakeLocation {
  std::string org_code;
  bool grid = true;
};
core::Result<IntakeLocation> LocateIntake(CasesContext& ctx, const IntakeReport& report,
                                          const IntakeOptions& options);

// validate (CheckIntake's first problem, then options.check_channel) → locate → WriteIntake.
// draft brings the actor, audit fields and the channel's own columns; its case gets the report's
// fields, the channel and the located org code.
core::Result<Case> Intake(CasesContext& ctx, const IntakeReport& report,
                          const IntakeOptions& options, IntakeDraft& draft);

// Writes the case; returns it with id, tracking code and due times. 422 cases.category.not_found
// for an unknown or inactive category.
core::Result<Case> WriteIntake(CasesContext& ctx, IntakeDraft& draft);

// The category (active) or 422 cases.category.not_found; for channels that need it first.
core::Result<Category> ActiveCategory(core::db::Session& s, const std::string& code);

}  // namespace jiceng::cases
