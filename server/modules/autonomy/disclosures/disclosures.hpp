// Use cases of disclosures (党务、村务、财务公开): the village writes a disclosure; a finance
// disclosure's lines must add up to its totals and the village affairs supervisory committee
// signs it off (or refuses with a reason) before it is published.
#pragma once
#include "core/module_names.hpp"
#include "modules/autonomy/autonomy_context.hpp"
#include "modules/autonomy/decisions/decision.hpp"

namespace jiceng::autonomy {

DomainError DisclosureNotFound();

// "YYYY-MM" or "YYYY-Qn" (n 1–4).
bool IsPeriod(std::string_view period);

Result<Disclosure> CreateDisclosure(AutonomyContext& ctx, const Call& call, const Json& body);
// PUT: a draft or refused disclosure rewritten (back to draft); body has its version.
Result<Disclosure> ReviseDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body);
// {verdict: "approve" | "refuse", reason}: the supervisory committee's review of a draft.
Result<Disclosure> ReviewDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body);
Result<Disclosure> PublishDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id);

Result<Json> DisclosureDetail(AutonomyContext& ctx, const core::auth::Scope& scope,
                              std::int64_t id);
// "1234.50" for 123450 fen.
std::string Yuan(std::int64_t fen);
// The disclosure with its lines and totals (when it has them).
Json FullDisclosureJson(const Disclosure& d);

}  // namespace jiceng::autonomy
