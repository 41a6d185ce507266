// Intake: a new case from any channel, located to its grid, with its first deadline, audited.
#pragma once
#include <optional>
#include <string>

#include "core/app/call.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

struct CaseReport {
  std::string category_code;
  std::string description;
  std::string urgency = "normal";
  std::string request_type;  // hotline only
  std::string address;
  std::optional<double> lng;
  std::optional<double> lat;
  std::string org_code;  // a grid, when there is no point
  std::string reporter_name;
  std::string reporter_phone;
};

// 10 characters from an alphabet without 0/O, 1/I/L: read out over the phone without doubt.
// A resident's tracking code and the Open311 token.
std::string NewTrackingCode();

// Staff intake (grid workers, centres, the JSON API). channel: grid_worker | hotline | api.
// The located grid must lie in the caller's scope (422 cases.location.out_of_scope).
core::Result<Case> ReportCase(CasesContext& ctx, const core::app::Call& call, const CaseReport& report,
                              const std::string& channel);

}  // namespace jiceng::cases
