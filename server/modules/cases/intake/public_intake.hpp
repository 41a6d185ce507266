// The resident channel: anyone may report a problem without an account (the QR code on the
// notice board), get a tracking code, follow the case with it and answer the follow-up. The
// code is the only credential, so answers keyed by it carry no personal data.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/intake/intake.hpp"

namespace jiceng::cases {

// A resident's report: node_code (the body's grid_code) comes from the QR code of a grid's
// notice board; the urgency is always normal.
using ResidentReport = IntakeReport;

struct ResidentReceipt {
  Case c;
  std::string upload_token;  // for up to 4 photos in the next hour
};

// Source: the client address, for the audit row.
core::Result<ResidentReceipt> ReportAsResident(CasesContext& ctx, const ResidentReport& report,
                                               const std::string& request_id,
                                               const std::string& source);

// What the tracking page shows: status in plain words, public steps, the handler's resolution
// note, and the follow-up. 404 cases.tracking.not_found for an unknown code and for the code of a
// case that did not come through the resident form (same answer: existence does not leak).
core::Result<nlohmann::json> TrackCase(CasesContext& ctx, const std::string& tracking_code);

// The resident's follow-up (回访) by tracking code; once, after the case was handled; resident-form
// cases only (other channels are followed up by staff, 404 as an unknown code here).
core::Result<nlohmann::json> FollowUpAsResident(CasesContext& ctx, const std::string& tracking_code,
                                                bool resolved, const std::string& satisfaction,
                                                const std::string& request_id,
                                                const std::string& source);

}  // namespace jiceng::cases
