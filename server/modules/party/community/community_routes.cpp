// In-service members report to their community (在职党员双报到): a member whose organization is
// elsewhere registers with the community where they live; the community posts needs (small
// wishes 微心愿, service tasks, activities); members sign up; hours are recorded when a need is
// fulfilled; the home organization prints a summary. No points, no rankings, no check-ins
// (STANDARDS.md, fingertip formalism).
#include <cstdio>

#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/text/markup.hpp"
#include "modules/party/body.hpp"
#include "modules/party/community/community_store.hpp"
#include "modules/party/member_store.hpp"
#include "modules/party/party_org_store.hpp"
#include "modules/party/party_routes.hpp"
#include "modules/party/permissions.hpp"

namespace jiceng::party {

namespace {

using core::DomainError;
using core::Result;
using core::app::Call;
using core::http::Request;
using core::http::Response;

constexpr std::size_t kCommunityCodeLength = 12;

DomainError NeedNotFound() {
  return DomainError::NotFound("party.need.not_found", "需求不存在或不在您的管辖范围内");
}

const char* NeedKindName(const std::string& kind) {
  if (kind == "small_wish") return "微心愿";
  if (kind == "service_task") return "服务任务";
  if (kind == "activity") return "活动";
  return "";
}

std::string NameOf(const std::map<std::string, std::string>& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? std::string() : it->second;
}

Json ReportJson(const CommunityReport& r, const std::string& name,
                const std::string& community_name) {
  return {{"id", r.id},
          {"member_id", r.member_id},
          {"name", name},
          {"community_code", r.org_code},
          {"community_name", community_name},
          {"registered_on", r.registered_on}};
}

Json NeedJson(const Need& n) {
  return {{"id", n.id},
          {"org_code", n.org_code},
          {"kind", n.kind},
          {"kind_name", NeedKindName(n.kind)},
          {"title", n.title},
          {"detail", n.detail},
          {"resident_id", n.resident_id ? Json(*n.resident_id) : Json(nullptr)},
          {"status", n.status},
          {"fulfilled_on", n.fulfilled_on},
          {"signups", n.signups}};
}

// A member in the caller's scope (the home organization's side) and their resident record.
Result<std::pair<Member, people::ResidentBrief>> HomeMember(PartyContext& ctx, core::db::Session& s,
                                                            const core::auth::Scope& scope,
                                                            std::int64_t member_id, bool in_body) {
  JC_ASSIGN_OR_RETURN(auto m, MemberStore(s).Get(scope, member_id));
  auto missing = in_body ? DomainError::Invalid("party.member.not_found",
                                                "党员不存在或不在您的管辖范围内", "member_id")
                         : MemberNotFound();
  if (!m) return missing;
  JC_ASSIGN_OR_RETURN(auto r, ctx.people.Resident(s, core::auth::Scope::All(), m->resident_id));
  if (!r) return missing;
  m->name = r->name;
  m->resident_org_code = r->org_code;
  return std::make_pair(*m, *r);
}

Result<Json> Register(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"member_id"}));
  JC_ASSIGN_OR_RETURN(std::int64_t member_id, RequiredId(body, "member_id"));
  const Call call = Call::Of(req);
  CommunityReport r;
  std::string name;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto home, HomeMember(ctx, s, call.who.scope, member_id, true));
    if (home.second.org_code.size() < kCommunityCodeLength)
      return DomainError::Invalid("party.report.no_community", "该党员的居住地不在社区或村内",
                                  "member_id");
    r.member_id = member_id;
    r.org_code = home.second.org_code.substr(0, kCommunityCodeLength);
    if (home.first.org_code.rfind(r.org_code, 0) == 0)
      return DomainError::Invalid("party.report.same_community",
                                  "党员所在党组织就在居住的社区，无需双报到", "member_id");
    r.registered_on = ctx.Today();
    r.created_at = ctx.clock.NowMs();
    name = home.first.name;
    JC_TRY(CommunityStore(s).InsertReport(r));
    return ctx.audit.Append(s, call.Audit("party.report.create", "party_member",
                                          std::to_string(member_id), r.org_code, Json::object()));
  }));
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names({r.org_code}));
  return ReportJson(r, name, NameOf(names, r.org_code));
}

Result<Json> ListReports(PartyContext& ctx, const Request& req) {
  auto scope = NarrowScope(req.Who().scope, req.Query("org_code"));
  if (!scope)
    return DomainError::NotFound("party.org_code.not_found", "组织不存在或不在您的管辖范围内");
  std::vector<std::pair<CommunityReport, std::string>> rows;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto reports, CommunityStore(s).Reports(*scope, 2000));
    for (const auto& r : reports) {
      // The member's organization is elsewhere: the community reads the member's name only.
      JC_ASSIGN_OR_RETURN(auto m, MemberStore(s).Get(core::auth::Scope::All(), r.member_id));
      std::string name;
      if (m) {
        JC_ASSIGN_OR_RETURN(auto res,
                            ctx.people.Resident(s, core::auth::Scope::All(), m->resident_id));
        if (res) name = res->name;
      }
      rows.emplace_back(r, name);
    }
    return {};
  }));
  std::vector<std::string> codes;
  for (const auto& row : rows) codes.push_back(row.first.org_code);
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names(codes));
  Json items = Json::array();
  for (const auto& [r, name] : rows)
    items.push_back(ReportJson(r, name, NameOf(names, r.org_code)));
  return Json{{"items", items}};
}

Result<Json> PostNeed(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"org_code", "kind", "title", "detail", "resident_id"}));
  const Call call = Call::Of(req);
  Need n;
  JC_ASSIGN_OR_RETURN(n.org_code, RequiredText(body, "org_code", 20));
  JC_ASSIGN_OR_RETURN(n.kind, RequiredText(body, "kind", 20));
  if (!*NeedKindName(n.kind))
    return DomainError::Invalid("party.need.kind.invalid",
                                "需求类型应为 small_wish（微心愿）、service_task（服务任务）或 "
                                "activity（活动）",
                                "kind");
  JC_ASSIGN_OR_RETURN(n.title, RequiredText(body, "title", 100));
  JC_ASSIGN_OR_RETURN(auto detail, OptionalText(body, "detail", 2000));
  n.detail = detail.value_or("");
  JC_ASSIGN_OR_RETURN(n.resident_id, OptionalId(body, "resident_id"));
  if (n.org_code.size() != kCommunityCodeLength)
    return DomainError::Invalid("party.need.org_code.not_community", "需求应由村（社区）发布",
                                "org_code");
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(call.who.scope, n.org_code));
  if (!node)
    return DomainError::Invalid("party.org_code.not_found", "组织不存在或不在您的管辖范围内",
                                "org_code");
  n.created_by_id = call.who.user_id;
  n.created_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    if (n.resident_id) {
      JC_ASSIGN_OR_RETURN(auto r, ctx.people.Resident(s, call.who.scope, *n.resident_id));
      if (!r || r->org_code.rfind(n.org_code, 0) != 0)
        return DomainError::Invalid("party.resident.not_found", "居民不存在或不在该社区",
                                    "resident_id");
    }
    JC_TRY(CommunityStore(s).InsertNeed(n));
    return ctx.audit.Append(s, call.Audit("party.need.create", "party_need", std::to_string(n.id),
                                          n.org_code, {{"kind", n.kind}, {"title", n.title}}));
  }));
  return NeedJson(n);
}

Result<Json> ListNeeds(PartyContext& ctx, const Request& req) {
  auto scope = NarrowScope(req.Who().scope, req.Query("org_code"));
  if (!scope)
    return DomainError::NotFound("party.org_code.not_found", "组织不存在或不在您的管辖范围内");
  std::string status = req.Query("status");
  if (!status.empty() && status != "open" && status != "fulfilled")
    return DomainError::Invalid("http.bad_query", "status 应为 open 或 fulfilled", "status");
  Json items = Json::array();
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto needs, CommunityStore(s).Needs(*scope, status, 500));
    for (const auto& n : needs) items.push_back(NeedJson(n));
    return {};
  }));
  return Json{{"items", items}};
}

Result<Json> SignUp(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", NeedNotFound()));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"member_id"}));
  JC_ASSIGN_OR_RETURN(std::int64_t member_id, RequiredId(body, "member_id"));
  const Call call = Call::Of(req);
  Signup g;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CommunityStore store(s);
    JC_ASSIGN_OR_RETURN(auto need, store.GetNeed(call.who.scope, id));
    if (!need) return NeedNotFound();
    if (need->status != "open")
      return DomainError::Conflict("party.need.closed", "该需求已完成，不能再报名");
    JC_ASSIGN_OR_RETURN(auto report, store.ReportOf(member_id));
    if (!report || report->org_code != need->org_code)
      return DomainError::Invalid("party.signup.not_registered", "该党员尚未向本社区报到，不能报名",
                                  "member_id");
    g.need_id = need->id;
    g.member_id = member_id;
    g.org_code = need->org_code;
    g.created_at = ctx.clock.NowMs();
    JC_TRY(store.InsertSignup(g));
    return ctx.audit.Append(
        s, call.Audit("party.signup.create", "party_need", std::to_string(need->id), need->org_code,
                      {{"member_id", member_id}}));
  }));
  return Json{{"id", g.id}, {"need_id", g.need_id}, {"member_id", g.member_id}};
}

// Closes a need and records each signed-up member's hours: {"hours":[{"member_id":1,"hours":2}]}.
Result<Json> Fulfil(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", NeedNotFound()));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"hours"}));
  std::vector<std::pair<std::int64_t, double>> hours;
  auto it = body.find("hours");
  if (it != body.end() && !it->is_null()) {
    if (!it->is_array())
      return DomainError::Invalid("party.field.type", "字段类型错误，应为列表", "hours");
    for (const auto& h : *it) {
      if (!h.is_object() || !h.contains("member_id") || !h["member_id"].is_number_integer() ||
          !h.contains("hours") || !h["hours"].is_number())
        return DomainError::Invalid("party.need.hours.invalid",
                                    "服务时长应为 {member_id, hours}，时长大于0且不超过24小时",
                                    "hours");
      double value = h["hours"].get<double>();
      if (!(value > 0 && value <= 24))
        return DomainError::Invalid("party.need.hours.invalid",
                                    "服务时长应为 {member_id, hours}，时长大于0且不超过24小时",
                                    "hours");
      hours.emplace_back(h["member_id"].get<std::int64_t>(), value);
    }
  }
  const Call call = Call::Of(req);
  Need fulfilled;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CommunityStore store(s);
    JC_ASSIGN_OR_RETURN(auto need, store.GetNeed(call.who.scope, id));
    if (!need) return NeedNotFound();
    if (need->status != "open") return DomainError::Conflict("party.need.closed", "该需求已完成");
    JC_ASSIGN_OR_RETURN(auto signups, store.SignupsOf(need->id));
    for (const auto& [member_id, value] : hours) {
      const Signup* found = nullptr;
      for (const auto& g : signups)
        if (g.member_id == member_id) found = &g;
      if (!found)
        return DomainError::Invalid("party.need.hours.not_signed_up",
                                    "只能为报名了这项需求的党员记录服务时长", "hours");
      JC_TRY(store.SetHours(found->id, value));
    }
    std::string today = ctx.Today();
    JC_TRY(store.MarkFulfilled(need->id, today));
    fulfilled = *need;
    fulfilled.status = "fulfilled";
    fulfilled.fulfilled_on = today;
    return ctx.audit.Append(
        s, call.Audit("party.need.fulfil", "party_need", std::to_string(need->id), need->org_code,
                      {{"members", hours.size()}}));
  }));
  return NeedJson(fulfilled);
}

std::string HoursText(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", h);
  return buf;
}

// What a member did in the community where they live, for their home organization: JSON, or a
// printable page with ?format=html.
Result<Response> Summary(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", MemberNotFound()));
  std::string format = req.Query("format", "json");
  if (format != "json" && format != "html")
    return DomainError::Invalid("http.bad_query", "format 应为 json 或 html", "format");
  Member member;
  std::string org_name;
  std::optional<CommunityReport> report;
  std::vector<Service> services;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto home, HomeMember(ctx, s, req.Who().scope, id, false));
    member = home.first;
    JC_ASSIGN_OR_RETURN(auto org, PartyOrgStore(s).Get(req.Who().scope, member.party_org_id));
    org_name = org ? org->name : "";
    CommunityStore store(s);
    JC_ASSIGN_OR_RETURN(report, store.ReportOf(member.id));
    JC_ASSIGN_OR_RETURN(services, store.ServicesOf(member.id));
    return {};
  }));
  std::string community = report ? report->org_code : "";
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names({community}));
  std::string community_name = NameOf(names, community);
  double total = 0;
  Json items = Json::array();
  for (const auto& v : services) {
    total += v.hours;
    items.push_back({{"need_id", v.need_id},
                     {"kind", v.kind},
                     {"kind_name", NeedKindName(v.kind)},
                     {"title", v.title},
                     {"fulfilled_on", v.fulfilled_on},
                     {"hours", v.hours}});
  }
  if (format == "json") {
    Json j = {{"member_id", member.id},
              {"name", member.name},
              {"party_org_name", org_name},
              {"community_code", community},
              {"community_name", community_name},
              {"registered_on", report ? report->registered_on : ""},
              {"services", items},
              {"total_hours", total}};
    return Response::Ok(j);
  }
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta "
      "charset=\"utf-8\"><title>在职党员到社区服务情况"
      "</title><style>body{font-family:sans-serif;margin:2em;font-size:16px}table{border-collapse:"
      "collapse;width:100%}td,th{border:1px solid #333;padding:4px 8px;text-align:left}"
      "@media "
      "print{body{margin:1cm}}</style></head><body><h1>在职党员到社区服务情况</h1><p>党员：" +
      core::text::EscapeMarkup(member.name) + "　所在党组织：" +
      core::text::EscapeMarkup(org_name) + "</p><p>报到社区：" +
      core::text::EscapeMarkup(community_name.empty() ? "未报到" : community_name) +
      "　报到日期：" + core::text::EscapeMarkup(report ? report->registered_on : "") +
      "</p><table><thead><tr><th>完成日期</th><th>类型</th><th>内容</th><th>服务时长（小时）</th>"
      "</tr></thead><tbody>";
  for (const auto& v : services) {
    html += "<tr><td>" + core::text::EscapeMarkup(v.fulfilled_on) + "</td><td>" +
            NeedKindName(v.kind) + "</td><td>" + core::text::EscapeMarkup(v.title) + "</td><td>" +
            HoursText(v.hours) + "</td></tr>";
  }
  html += "</tbody></table><p>合计服务时长：" + HoursText(total) + " 小时</p></body></html>";
  Response res = Response::Text(std::move(html), "text/html; charset=utf-8");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace

void RegisterCommunityRoutes(core::http::Router& router, PartyContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/party/community-reports",
              Answering([&ctx](Request& req) { return Register(ctx, req); }, 201), kWrite,
              "Registers an in-service member with the community where they live (双报到)");
  router.Get("/api/v1/party/community-reports",
             Answering([&ctx](Request& req) { return ListReports(ctx, req); }), kRead,
             "Members who reported to the communities in scope (?org_code=)");
  router.Post("/api/v1/party/needs",
              Answering([&ctx](Request& req) { return PostNeed(ctx, req); }, 201), kWrite,
              "Posts a community need: small wish, service task or activity");
  router.Get("/api/v1/party/needs", Answering([&ctx](Request& req) { return ListNeeds(ctx, req); }),
             kRead, "Community needs in scope (?org_code=&status=open|fulfilled)");
  router.Post("/api/v1/party/needs/{id}/signups",
              Answering([&ctx](Request& req) { return SignUp(ctx, req); }, 201), kWrite,
              "Signs a member who reported to the community up for a need");
  router.Post("/api/v1/party/needs/{id}/fulfil",
              Answering([&ctx](Request& req) { return Fulfil(ctx, req); }), kWrite,
              "Closes a need and records the hours of the members who served");
  router.Get(
      "/api/v1/party/members/{id}/community-summary",
      [&ctx](Request& req) { return core::http::Answer(req, Summary(ctx, req)); }, kRead,
      "A member's service in their home community (?format=html: printable page)");
}

}  // namespace jiceng::party
