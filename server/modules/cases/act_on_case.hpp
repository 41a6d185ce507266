// Every workflow action on a case (file, dispatch, accept, resolve, verify, close, return,
// rework, suspend/resume, extensions, escalate, supervise, follow-up, merge, note): the state
// machine decides, the permission is checked, deadlines move, the timeline and audit record it.
#pragma once
#include <nlohmann/json.hpp>

#include "core/app/call.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

struct CaseActionInput {
  std::string action;
  int version = 0;  // the case version the caller saw
  std::string note;
  nlohmann::json params =
      nlohmann::json::object();  // department_code, days, to, resolved, satisfaction, duplicate_of
};

core::Result<Case> ActOnCase(CasesContext& ctx, const core::app::Call& call, std::int64_t case_id,
                             const CaseActionInput& input);

}  // namespace jiceng::cases
