// Use cases of major decisions by 四议两公开: propose, record each meeting in order (stopping
// the decision when a meeting misses its quorum or vote), and disclose the resolution and the
// result of carrying it out.
#pragma once
#include "core/module_names.hpp"
#include "modules/autonomy/autonomy_context.hpp"
#include "modules/autonomy/decisions/decision.hpp"

namespace jiceng::autonomy {

DomainError DecisionNotFound();

// POST /api/v1/decisions {org_code, title, matter, proposal}
Result<Decision> ProposeDecision(AutonomyContext& ctx, const Call& call, const Json& body);

// POST /api/v1/decisions/{id}/stages. A meeting that misses its quorum or vote is recorded and
// stops the decision; the answer is then its 422 (autonomy.decision.quorum_not_met / rejected).
Result<Decision> RecordMeeting(AutonomyContext& ctx, const Call& call, std::int64_t id,
                               const Json& body);

// POST /api/v1/decisions/{id}/disclosures {kind: resolution | result, body}
Result<Disclosure> DiscloseDecision(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body);

// The decision with its meetings, disclosures and the stages that may come next.
Result<Json> DecisionDetail(AutonomyContext& ctx, const core::auth::Scope& scope, std::int64_t id);

Json DecisionJson(const Decision& d);
Json DisclosureJson(const Disclosure& d);
Json StageJson(const DecisionStage& st);

// The stages that may be recorded next on a decision at `stage` ("" when none: stopped or done).
std::vector<std::string> NextStages(const Decision& d);

}  // namespace jiceng::autonomy
