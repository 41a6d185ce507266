#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "core/auth/principal.hpp"
#include "modules/cases/case.hpp"

namespace jiceng::cases {

// A case for staff: the reporter's phone masked; `overdue` against now; times in UTC ISO 8601.
// Never the tracking code: it is the reporting resident's credential for the public follow-up,
// and a staff member who could read it could rate their own work (security issue 12, finding 6).
nlohmann::json CaseJson(const Case& c, std::int64_t now_ms);
nlohmann::json EventJson(const CaseEvent& e);
// The actions the caller may take now (state and permission), for the UI's buttons.
nlohmann::json AllowedActions(const Case& c, const core::auth::Principal& who);

}  // namespace jiceng::cases
