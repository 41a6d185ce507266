// Party organizations (党委 · 党总支 · 党支部 · 联合党支部 · 党小组) bound to org nodes, the rule
// checks of the branch regulations as warnings in every answer, and the township organizer's
// to-do list of terms ending within 90 days.
#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/time/civil.hpp"
#include "modules/party/body.hpp"
#include "modules/party/member_store.hpp"
#include "modules/party/party_org_store.hpp"
#include "modules/party/party_routes.hpp"
#include "modules/party/permissions.hpp"
#include "modules/party/rules.hpp"

namespace jiceng::party {

namespace {

using core::DomainError;
using core::Result;
using core::app::Call;
using core::http::Request;

DomainError OrgNotFound() {
  return DomainError::NotFound("party.org.not_found", "党组织不存在或不在您的管辖范围内");
}

Json OrgJson(const PartyOrg& o, const MemberCounts& c, const std::string& org_name,
             const std::string& today) {
  Json warnings = Json::array();
  for (const auto& check : CheckOrg(o, c, today))
    warnings.push_back({{"code", check.code}, {"message", check.message}});
  return {{"id", o.id},
          {"org_code", o.org_code},
          {"org_name", org_name},
          {"parent_id", o.parent_id ? Json(*o.parent_id) : Json(nullptr)},
          {"kind", OrgKindName(o.kind)},
          {"kind_name", OrgKindChinese(o.kind)},
          {"name", o.name},
          {"units", o.units},
          {"term_started_on", o.term_started_on},
          {"term_ends_on", o.term_ends_on},
          {"counts",
           {{"formal", c.formal},
            {"probationary", c.probationary},
            {"total", c.total()},
            {"committee", c.committee},
            {"has_secretary", c.has_secretary}}},
          {"warnings", warnings}};
}

// Each organization with its counts and checks, and its org node's name (read after the
// transaction: the org module reads on its own connection).
Result<Json> OrgsJson(PartyContext& ctx, const std::vector<PartyOrg>& orgs,
                      std::map<std::int64_t, MemberCounts> counts) {
  std::vector<std::string> codes;
  for (const auto& o : orgs) codes.push_back(o.org_code);
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names(codes));
  std::string today = ctx.Today();
  Json items = Json::array();
  for (const auto& o : orgs) {
    auto n = names.find(o.org_code);
    items.push_back(OrgJson(o, counts[o.id], n == names.end() ? "" : n->second, today));
  }
  return items;
}

// Organizations and their member counts, in one session.
Result<std::map<std::int64_t, MemberCounts>> CountsOf(core::db::Session& s,
                                                      const std::vector<PartyOrg>& orgs) {
  std::vector<std::int64_t> ids;
  for (const auto& o : orgs) ids.push_back(o.id);
  return MemberStore(s).Counts(ids);
}

Result<std::vector<std::string>> UnitsField(const Json& body) {
  std::vector<std::string> units;
  auto it = body.find("units");
  if (it == body.end() || it->is_null()) return units;
  if (!it->is_array())
    return DomainError::Invalid("party.field.type", "字段类型错误，应为单位名称列表", "units");
  for (const auto& u : *it) {
    if (!u.is_string() || u.get<std::string>().empty() || u.get<std::string>().size() > 300)
      return DomainError::Invalid("party.org.units.invalid", "单位名称应为1至100个字", "units");
    units.push_back(u.get<std::string>());
  }
  return units;
}

Result<Json> CreateOrg(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(
      body, {"org_code", "kind", "name", "parent_id", "units", "term_started_on"}));
  const Call call = Call::Of(req);
  const auto& scope = call.who.scope;
  PartyOrg o;
  JC_ASSIGN_OR_RETURN(o.org_code, RequiredText(body, "org_code", 20));
  JC_ASSIGN_OR_RETURN(std::string kind, RequiredText(body, "kind", 20));
  auto parsed = ParseOrgKind(kind);
  if (!parsed)
    return DomainError::Invalid(
        "party.org.kind.invalid",
        "党组织类型应为 committee、general_branch、branch、joint_branch 或 group", "kind");
  o.kind = *parsed;
  JC_ASSIGN_OR_RETURN(o.name, RequiredText(body, "name", 100));
  JC_ASSIGN_OR_RETURN(o.parent_id, OptionalId(body, "parent_id"));
  JC_ASSIGN_OR_RETURN(o.units, UnitsField(body));
  JC_TRY(CheckUnits(o.kind, o.units.size()));
  JC_ASSIGN_OR_RETURN(o.term_started_on, DateField(body, "term_started_on", false));
  if (!o.term_started_on.empty()) {
    if (o.kind == OrgKind::kGroup)
      return DomainError::Invalid("party.org.term.group", "党小组不设任期", "term_started_on");
    o.term_ends_on = TermEnd(o.term_started_on);
  }
  if (o.kind == OrgKind::kGroup && !o.parent_id)
    return DomainError::Invalid("party.org.parent.required", "党小组应隶属于一个党支部",
                                "parent_id");
  // The org node: in the caller's scope and known to the org tree.
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(scope, o.org_code));
  if (!node)
    return DomainError::Invalid("party.org_code.not_found", "组织不存在或不在您的管辖范围内",
                                "org_code");
  o.created_at = o.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    PartyOrgStore store(s);
    if (o.parent_id) {
      JC_ASSIGN_OR_RETURN(auto parent, store.Get(scope, *o.parent_id));
      if (!parent)
        return DomainError::Invalid("party.org.parent.not_found",
                                    "上级党组织不存在或不在您的管辖范围内", "parent_id");
      if (parent->kind == OrgKind::kGroup)
        return DomainError::Invalid("party.org.parent.group", "党小组下不能再设党组织",
                                    "parent_id");
      if (o.kind == OrgKind::kCommittee && parent->kind != OrgKind::kCommittee)
        return DomainError::Invalid("party.org.parent.kind", "党委只能隶属于上级党委", "parent_id");
      if (o.org_code.rfind(parent->org_code, 0) != 0)
        return DomainError::Invalid("party.org.parent.outside",
                                    "党组织所在的组织应在上级党组织所在的组织之内", "parent_id");
    }
    JC_TRY(store.Insert(o));
    return ctx.audit.Append(
        s, call.Audit("party.org.create", "party_org", std::to_string(o.id), o.org_code,
                      {{"kind", OrgKindName(o.kind)}, {"name", o.name}}));
  }));
  JC_ASSIGN_OR_RETURN(Json items, OrgsJson(ctx, {o}, {}));
  return items[0];
}

Result<Json> ListOrgs(PartyContext& ctx, const Request& req) {
  std::string org_code = req.Query("org_code");
  auto scope = NarrowScope(req.Who().scope, org_code);
  if (!scope)
    return DomainError::NotFound("party.org_code.not_found", "组织不存在或不在您的管辖范围内");
  std::vector<PartyOrg> orgs;
  std::map<std::int64_t, MemberCounts> counts;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(orgs, PartyOrgStore(s).List(*scope, 2000));
    JC_ASSIGN_OR_RETURN(counts, CountsOf(s, orgs));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(Json items, OrgsJson(ctx, orgs, counts));
  return Json{{"items", items}};
}

Result<Json> GetOrg(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", OrgNotFound()));
  std::vector<PartyOrg> orgs;
  std::map<std::int64_t, MemberCounts> counts;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto o, PartyOrgStore(s).Get(req.Who().scope, id));
    if (!o) return OrgNotFound();
    orgs.push_back(*o);
    JC_ASSIGN_OR_RETURN(counts, CountsOf(s, orgs));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(Json items, OrgsJson(ctx, orgs, counts));
  return items[0];
}

// Terms that end within 90 days (or have ended) in the caller's scope, soonest first.
Result<Json> Todo(PartyContext& ctx, const Request& req) {
  std::string today = ctx.Today();
  std::string until = core::time::FormatDate(*core::time::ParseDate(today) + kTermWarningDays);
  std::vector<PartyOrg> orgs;
  std::map<std::int64_t, MemberCounts> counts;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(orgs, PartyOrgStore(s).TermsEndingBy(req.Who().scope, until));
    JC_ASSIGN_OR_RETURN(counts, CountsOf(s, orgs));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(Json described, OrgsJson(ctx, orgs, counts));
  Json items = Json::array();
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    std::int64_t left = DaysUntil(orgs[i].term_ends_on, today);
    items.push_back({{"kind", left < 0 ? "term_ended" : "term_ending"},
                     {"code", left < 0 ? "party.org.term.ended" : "party.org.term.ending"},
                     {"days_left", left},
                     {"term_ends_on", orgs[i].term_ends_on},
                     {"party_org", described[i]}});
  }
  return Json{{"today", today}, {"window_days", kTermWarningDays}, {"items", items}};
}

}  // namespace

void RegisterOrgRoutes(core::http::Router& router, PartyContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/party/orgs",
              Answering([&ctx](Request& req) { return CreateOrg(ctx, req); }, 201), kOrgWrite,
              "Sets up a party organization bound to an org node (rule checks as warnings)");
  router.Get("/api/v1/party/orgs", Answering([&ctx](Request& req) { return ListOrgs(ctx, req); }),
             kRead,
             "Party organizations in scope (?org_code=), with member counts and rule warnings");
  router.Get("/api/v1/party/orgs/{id}",
             Answering([&ctx](Request& req) { return GetOrg(ctx, req); }), kRead,
             "One party organization with member counts and rule warnings");
  router.Get("/api/v1/party/todo", Answering([&ctx](Request& req) { return Todo(ctx, req); }),
             kOrgWrite, "Committee terms in scope ending within 90 days or ended (换届提醒)");
}

}  // namespace jiceng::party
