// HTTP binding of the party module: parse → authorize (route permission, then data scope in the
// stores) → use case → JSON. Documented in docs/api-party.md.
#pragma once
#include "core/http/router.hpp"
#include "modules/party/party_context.hpp"

namespace jiceng::party {

// 404 party.member.not_found (also for a member outside the caller's scope).
core::DomainError MemberNotFound();

void RegisterOrgRoutes(core::http::Router& router, PartyContext& ctx);
void RegisterMemberRoutes(core::http::Router& router, PartyContext& ctx);
void RegisterLinkRoutes(core::http::Router& router, PartyContext& ctx);
void RegisterCommunityRoutes(core::http::Router& router, PartyContext& ctx);

}  // namespace jiceng::party
