// Household links (党员联户): a member looks after households of their own grid, at most
// [party] household_links_max (10 by default). The member's visits to them are visit records of
// the people module (collect once), so the grid worker sees them with every other visit.
#include "core/app/call.hpp"
#include "core/audit/audit_log.hpp"
#include "core/http/params.hpp"
#include "modules/party/body.hpp"
#include "modules/party/link_store.hpp"
#include "modules/party/member_store.hpp"
#include "modules/party/party_routes.hpp"
#include "modules/party/permissions.hpp"

namespace jiceng::party {

namespace {

using core::DomainError;
using core::Result;
using core::app::Call;
using core::http::Request;
using core::http::Response;

constexpr std::int64_t kFutureSlackMs = 60LL * 60 * 1000;

DomainError HouseholdNotFound() {
  return DomainError::Invalid("party.household.not_found", "户不存在或不在您的管辖范围内",
                              "household_id");
}

// The member in the caller's scope with the grid they live in (from the resident record).
Result<std::pair<Member, std::string>> MemberWithGrid(PartyContext& ctx, core::db::Session& s,
                                                      const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", MemberNotFound()));
  JC_ASSIGN_OR_RETURN(auto m, MemberStore(s).Get(req.Who().scope, id));
  if (!m) return MemberNotFound();
  JC_ASSIGN_OR_RETURN(auto r, ctx.people.Resident(s, core::auth::Scope::All(), m->resident_id));
  m->name = r ? r->name : "";
  return std::make_pair(*m, r ? r->org_code : std::string());
}

Json LinkJson(const HouseholdLink& l, const std::optional<people::HouseholdBrief>& h) {
  return {{"member_id", l.member_id},
          {"household_id", l.household_id},
          {"org_code", l.org_code},
          {"number", h ? h->number : ""},
          {"head_name", h ? h->head_name : ""},
          {"address", h ? h->address : ""},
          {"linked_at", core::time::FormatIsoUtc(l.created_at)}};
}

Result<Json> Link(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"household_id"}));
  JC_ASSIGN_OR_RETURN(std::int64_t household_id, RequiredId(body, "household_id"));
  const Call call = Call::Of(req);
  Json answer;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto member, MemberWithGrid(ctx, s, req));
    JC_ASSIGN_OR_RETURN(auto hh, ctx.people.Household(s, call.who.scope, household_id));
    if (!hh) return HouseholdNotFound();
    if (hh->org_code != member.second)
      return DomainError::Invalid("party.link.other_grid", "只能联系本人所在网格的住户",
                                  "household_id");
    LinkStore links(s);
    JC_ASSIGN_OR_RETURN(auto existing, links.OfMember(member.first.id));
    for (const auto& l : existing)
      if (l.household_id == hh->id)
        return DomainError::Conflict("party.link.duplicate", "该户已由这名党员联系",
                                     "household_id");
    std::int64_t n = static_cast<std::int64_t>(existing.size());
    if (n >= ctx.household_link_max)
      return DomainError::Invalid(
          "party.link.limit",
          "每名党员联系的住户不超过 " + std::to_string(ctx.household_link_max) + " 户",
          "household_id");
    HouseholdLink l{0, member.first.id, hh->id, hh->org_code, ctx.clock.NowMs()};
    JC_TRY(links.Insert(l));
    JC_TRY(ctx.audit.Append(
        s, call.Audit("party.link.create", "party_member", std::to_string(member.first.id),
                      hh->org_code, {{"household_id", hh->id}})));
    answer = LinkJson(l, hh);
    return {};
  }));
  return answer;
}

Result<Json> Links(PartyContext& ctx, const Request& req) {
  Json items = Json::array();
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto member, MemberWithGrid(ctx, s, req));
    JC_ASSIGN_OR_RETURN(auto links, LinkStore(s).OfMember(member.first.id));
    for (const auto& l : links) {
      JC_ASSIGN_OR_RETURN(auto hh,
                          ctx.people.Household(s, core::auth::Scope::All(), l.household_id));
      items.push_back(LinkJson(l, hh));
    }
    return {};
  }));
  return Json{{"items", items}, {"max", ctx.household_link_max}};
}

Result<Response> Unlink(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(
      std::int64_t household_id,
      core::http::PathId(req, "household_id",
                         DomainError::NotFound("party.link.not_found", "该党员没有联系这一户")));
  const Call call = Call::Of(req);
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto member, MemberWithGrid(ctx, s, req));
    JC_ASSIGN_OR_RETURN(std::int64_t removed, LinkStore(s).Remove(member.first.id, household_id));
    if (removed == 0) return DomainError::NotFound("party.link.not_found", "该党员没有联系这一户");
    return ctx.audit.Append(
        s, call.Audit("party.link.remove", "party_member", std::to_string(member.first.id),
                      member.first.org_code, {{"household_id", household_id}}));
  }));
  return Response::NoContent();
}

// A member's visit to a linked household: a people visit record, written once.
Result<Json> Visit(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"household_id", "note", "visited_at"}));
  JC_ASSIGN_OR_RETURN(std::int64_t household_id, RequiredId(body, "household_id"));
  JC_ASSIGN_OR_RETURN(std::string note, RequiredText(body, "note", 2000));
  std::int64_t now = ctx.clock.NowMs();
  people::PartyVisitInput in;
  in.household_id = household_id;
  in.visited_at = now;
  in.created_at = now;
  if (auto it = body.find("visited_at"); it != body.end() && !it->is_null()) {
    std::optional<std::int64_t> at;
    if (it->is_string()) at = core::audit::ParseTimeParam(it->get<std::string>());
    if (!at)
      return DomainError::Invalid("party.visit.visited_at.format",
                                  "走访时间格式应为 ISO 8601，如 2026-11-26T09:30:00+08:00",
                                  "visited_at");
    if (*at > now + kFutureSlackMs)
      return DomainError::Invalid("party.visit.visited_at.future", "走访时间不能晚于现在",
                                  "visited_at");
    in.visited_at = *at;
  }
  const Call call = Call::Of(req);
  in.created_by_id = call.who.user_id;
  in.created_by = call.who.display_name.empty() ? call.who.username : call.who.display_name;
  Json answer;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto member, MemberWithGrid(ctx, s, req));
    JC_ASSIGN_OR_RETURN(auto links, LinkStore(s).OfMember(member.first.id));
    bool linked = false;
    for (const auto& l : links) linked = linked || l.household_id == household_id;
    if (!linked)
      return DomainError::Invalid("party.visit.not_linked", "这一户不在该党员的联户名单中",
                                  "household_id");
    in.note = "党员联户走访（" + member.first.name + "）：" + note;
    // The household is linked, so it lies in the member's grid; the member's organization is
    // in the caller's scope, the grid may not be (an in-service member's home).
    JC_ASSIGN_OR_RETURN(std::int64_t visit_id,
                        ctx.people.RecordHouseholdVisit(s, core::auth::Scope::All(), in));
    JC_TRY(
        ctx.audit.Append(s, call.Audit("party.link.visit", "party_member",
                                       std::to_string(member.first.id), member.first.org_code,
                                       {{"household_id", household_id}, {"visit_id", visit_id}})));
    answer = Json{{"visit_id", visit_id},
                  {"member_id", member.first.id},
                  {"household_id", household_id},
                  {"visited_at", core::time::FormatIsoUtc(in.visited_at)},
                  {"note", in.note}};
    return {};
  }));
  return answer;
}

}  // namespace

void RegisterLinkRoutes(core::http::Router& router, PartyContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/party/members/{id}/households",
              Answering([&ctx](Request& req) { return Link(ctx, req); }, 201), kWrite,
              "Links a household of the member's grid to the member (党员联户)");
  router.Get("/api/v1/party/members/{id}/households",
             Answering([&ctx](Request& req) { return Links(ctx, req); }), kRead,
             "The households a member is linked to");
  router.Delete(
      "/api/v1/party/members/{id}/households/{household_id}",
      [&ctx](Request& req) { return core::http::Answer(req, Unlink(ctx, req)); }, kWrite,
      "Ends a household link");
  router.Post("/api/v1/party/members/{id}/visits",
              Answering([&ctx](Request& req) { return Visit(ctx, req); }, 201), kWrite,
              "Records a member's visit to a linked household as a people visit record");
}

}  // namespace jiceng::party
