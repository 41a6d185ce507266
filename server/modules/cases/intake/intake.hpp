// The one intake core every channel ends in (staff and grid workers, the 12345 hotline,
// residents, Open311). A channel validates its own arguments and locates the case; the core
// writes it the same way for all: tracking code, first deadline, duplicate suggestion, row,
// report event, indicator counters and audit, in one write transaction.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/audit/audit_log.hpp"
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

// Writes the case; returns it with id, tracking code and due times. 422 cases.category.not_found
// for an unknown or inactive category.
core::Result<Case> WriteIntake(CasesContext& ctx, IntakeDraft& draft);

// The category (active) or 422 cases.category.not_found; for channels that need it first.
core::Result<Category> ActiveCategory(core::db::Session& s, const std::string& code);

}  // namespace jiceng::cases
