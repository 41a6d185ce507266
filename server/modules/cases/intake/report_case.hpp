// Intake: a new case from any channel, located to its grid, with its first deadline, audited.
#pragma once
#include <optional>
#include <string>

#include "core/app/call.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/intake/intake.hpp"

namespace jiceng::cases {

// A staff or hotline report: node_code (the body's org_code) is a grid, or for the hotline an
// area, when there is no point.
struct CaseReport : IntakeReport {
  std::string request_type;   // hotline: consult | help | complaint | report | suggestion
  std::string hotline_class;  // hotline: emergency | utility | general | complex ('' = by urgency)
  std::string answer;         // hotline enquiry (consult) answered during the call
};

// Staff intake (grid workers, centres, the JSON API) and the hotline desk. channel:
// grid_worker | hotline | api. The located node must lie in the caller's scope (422
// cases.location.out_of_scope). Staff locate to a grid; a hotline caller may only know the
// township or village, and the dispatch centre locates the rest.
core::Result<Case> ReportCase(CasesContext& ctx, const core::app::Call& call,
                              const CaseReport& report, const std::string& channel);

}  // namespace jiceng::cases
