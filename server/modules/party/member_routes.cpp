// Party members: each a resident record of the people module (never typed again), with status,
// joined date, organization and committee post. Membership is personal data: read under
// party.read only, exported under party.export with an audit row per export, and never public.
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

core::DomainError MemberNotFound() {
  return core::DomainError::NotFound("party.member.not_found", "党员不存在或不在您的管辖范围内");
}

namespace {

using core::DomainError;
using core::Result;
using core::app::Call;
using core::http::Request;
using core::http::Response;

Json MemberJson(const Member& m, const std::string& org_name) {
  return {{"id", m.id},
          {"party_org_id", m.party_org_id},
          {"party_org_name", org_name},
          {"org_code", m.org_code},
          {"resident_id", m.resident_id},
          {"name", m.name},
          {"resident_org_code", m.resident_org_code},
          {"status", MemberStatusName(m.status)},
          {"joined_on", m.joined_on},
          {"committee_post", m.committee_post},
          {"committee_post_name", CommitteePostChinese(m.committee_post)}};
}

// The member's name and grid from the resident record. The membership row is in the caller's
// scope; the resident may live elsewhere (an in-service member), so the lookup ignores scope.
Result<void> FillResident(PartyContext& ctx, core::db::Session& s, Member& m) {
  JC_ASSIGN_OR_RETURN(auto r, ctx.people.Resident(s, core::auth::Scope::All(), m.resident_id));
  if (r) {
    m.name = r->name;
    m.resident_org_code = r->org_code;
  }
  return {};
}

// Names of the party organizations of these members (in scope: a member's organization is).
Result<std::map<std::int64_t, std::string>> OrgNamesOf(core::db::Session& s,
                                                       const core::auth::Scope& scope,
                                                       const std::vector<Member>& members) {
  std::map<std::int64_t, std::string> names;
  for (const auto& m : members) {
    if (names.count(m.party_org_id)) continue;
    JC_ASSIGN_OR_RETURN(auto o, PartyOrgStore(s).Get(scope, m.party_org_id));
    names[m.party_org_id] = o ? o->name : "";
  }
  return names;
}

// Whether m may take its committee post in org: a valid post, a formal member, one secretary,
// at most 7 seats. before: the member as stored (nullopt for a new member).
Result<void> CheckPost(core::db::Session& s, const PartyOrg& org, const Member& m,
                       const std::optional<Member>& before) {
  if (m.committee_post.empty()) return {};
  if (!IsCommitteePost(m.committee_post))
    return DomainError::Invalid("party.member.committee_post.invalid",
                                "委员职务应为 secretary、deputy_secretary、organization、"
                                "propaganda、discipline 或 member",
                                "committee_post");
  if (m.status != MemberStatus::kFormal)
    return DomainError::Invalid("party.member.committee.probationary",
                                "预备党员没有被选举权，不能担任委员", "committee_post");
  JC_ASSIGN_OR_RETURN(auto counts, MemberStore(s).Counts({org.id}));
  MemberCounts c = counts[org.id];
  bool seated = before && !before->committee_post.empty();
  if (!seated) JC_TRY(CheckCommitteeSeat(org.kind, c.committee));
  bool was_secretary = before && before->committee_post == "secretary";
  if (m.committee_post == "secretary" && c.has_secretary && !was_secretary)
    return DomainError::Conflict("party.member.committee.secretary_taken",
                                 "该党组织已有书记，请先调整原书记的职务", "committee_post");
  return {};
}

Result<Json> CreateMember(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(
      body, {"resident_id", "party_org_id", "status", "joined_on", "committee_post"}));
  const Call call = Call::Of(req);
  const auto& scope = call.who.scope;
  Member m;
  JC_ASSIGN_OR_RETURN(m.resident_id, RequiredId(body, "resident_id"));
  JC_ASSIGN_OR_RETURN(m.party_org_id, RequiredId(body, "party_org_id"));
  JC_ASSIGN_OR_RETURN(std::string status, RequiredText(body, "status", 20));
  auto parsed = ParseMemberStatus(status);
  if (!parsed)
    return DomainError::Invalid("party.member.status.invalid",
                                "党员状态应为 formal（正式党员）或 probationary（预备党员）",
                                "status");
  m.status = *parsed;
  JC_ASSIGN_OR_RETURN(m.joined_on, DateField(body, "joined_on", true));
  std::string today = ctx.Today();
  if (m.joined_on > today)
    return DomainError::Invalid("party.member.joined_on.future", "入党日期不能晚于今天",
                                "joined_on");
  JC_ASSIGN_OR_RETURN(auto post, OptionalText(body, "committee_post", 30));
  m.committee_post = post.value_or("");
  m.created_at = m.updated_at = ctx.clock.NowMs();
  Json answer;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto org, PartyOrgStore(s).Get(scope, m.party_org_id));
    if (!org)
      return DomainError::Invalid("party.org.not_found", "党组织不存在或不在您的管辖范围内",
                                  "party_org_id");
    JC_ASSIGN_OR_RETURN(auto resident, ctx.people.Resident(s, scope, m.resident_id));
    if (!resident)
      return DomainError::Invalid("party.resident.not_found", "居民不存在或不在您的管辖范围内",
                                  "resident_id");
    m.org_code = org->org_code;
    m.name = resident->name;
    m.resident_org_code = resident->org_code;
    JC_TRY(CheckPost(s, *org, m, std::nullopt));
    JC_TRY(MemberStore(s).Insert(m));
    JC_TRY(ctx.audit.Append(
        s, call.Audit("party.member.create", "party_member", std::to_string(m.id), m.org_code,
                      {{"party_org_id", m.party_org_id},
                       {"resident_id", m.resident_id},
                       {"status", MemberStatusName(m.status)},
                       {"committee_post", m.committee_post}})));
    answer = MemberJson(m, org->name);
    return {};
  }));
  return answer;
}

Result<Json> UpdateMember(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", MemberNotFound()));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknownFields(body, {"status", "committee_post"}));
  JC_ASSIGN_OR_RETURN(auto status, OptionalText(body, "status", 20));
  JC_ASSIGN_OR_RETURN(auto post, OptionalText(body, "committee_post", 30));
  std::optional<MemberStatus> new_status;
  if (status) {
    new_status = ParseMemberStatus(*status);
    if (!new_status)
      return DomainError::Invalid("party.member.status.invalid",
                                  "党员状态应为 formal（正式党员）或 probationary（预备党员）",
                                  "status");
  }
  const Call call = Call::Of(req);
  const auto& scope = call.who.scope;
  Json answer;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto before, MemberStore(s).Get(scope, id));
    if (!before) return MemberNotFound();
    JC_ASSIGN_OR_RETURN(auto org, PartyOrgStore(s).Get(scope, before->party_org_id));
    if (!org) return MemberNotFound();
    Member m = *before;
    if (new_status) m.status = *new_status;
    if (post) m.committee_post = *post;
    m.updated_at = ctx.clock.NowMs();
    JC_TRY(CheckPost(s, *org, m, before));
    JC_TRY(MemberStore(s).Update(m));
    JC_TRY(ctx.audit.Append(
        s, call.Audit(
               "party.member.update", "party_member", std::to_string(m.id), m.org_code,
               {{"status", MemberStatusName(m.status)}, {"committee_post", m.committee_post}})));
    JC_TRY(FillResident(ctx, s, m));
    answer = MemberJson(m, org->name);
    return {};
  }));
  return answer;
}

Result<MemberFilter> FilterOf(const Request& req) {
  MemberFilter f;
  JC_ASSIGN_OR_RETURN(f.party_org_id, core::http::IntQuery(req, "party_org_id"));
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  JC_ASSIGN_OR_RETURN(auto cursor, core::http::IntQuery(req, "cursor"));
  f.after_id = cursor.value_or(0);
  return f;
}

Result<Json> ListMembers(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(MemberFilter filter, FilterOf(req));
  const auto& scope = req.Who().scope;
  Json answer;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto members, MemberStore(s).List(scope, filter));
    std::string next;
    if (static_cast<int>(members.size()) > filter.limit) {
      members.resize(static_cast<std::size_t>(filter.limit));
      next = std::to_string(members.back().id);
    }
    JC_ASSIGN_OR_RETURN(auto names, OrgNamesOf(s, scope, members));
    Json items = Json::array();
    for (auto& m : members) {
      JC_TRY(FillResident(ctx, s, m));
      items.push_back(MemberJson(m, names[m.party_org_id]));
    }
    answer = Json{{"items", items}, {"next_cursor", next.empty() ? Json(nullptr) : Json(next)}};
    return {};
  }));
  return answer;
}

Result<Json> GetMember(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", MemberNotFound()));
  const auto& scope = req.Who().scope;
  Json answer;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto m, MemberStore(s).Get(scope, id));
    if (!m) return MemberNotFound();
    JC_ASSIGN_OR_RETURN(auto names, OrgNamesOf(s, scope, {*m}));
    JC_TRY(FillResident(ctx, s, *m));
    answer = MemberJson(*m, names[m->party_org_id]);
    return {};
  }));
  return answer;
}

// A CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it.
std::string CsvCell(const std::string& text) {
  std::string v = text;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The member roll in scope (?party_org_id=) as CSV, with one audit row per export.
Result<Response> ExportMembers(PartyContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(auto party_org_id, core::http::IntQuery(req, "party_org_id"));
  const Call call = Call::Of(req);
  const auto& scope = call.who.scope;
  std::string csv = "\xEF\xBB\xBF姓名,党组织,组织代码,党员状态,入党日期,委员职务\r\n";
  std::int64_t count = 0;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    if (party_org_id) {
      JC_ASSIGN_OR_RETURN(auto org, PartyOrgStore(s).Get(scope, *party_org_id));
      if (!org)
        return DomainError::NotFound("party.org.not_found", "党组织不存在或不在您的管辖范围内");
    }
    MemberFilter filter;
    filter.party_org_id = party_org_id;
    filter.limit = 5000;
    while (true) {
      JC_ASSIGN_OR_RETURN(auto members, MemberStore(s).List(scope, filter));
      bool more = members.size() > 5000;
      if (more) members.resize(5000);
      JC_ASSIGN_OR_RETURN(auto names, OrgNamesOf(s, scope, members));
      for (auto& m : members) {
        JC_TRY(FillResident(ctx, s, m));
        csv += CsvCell(m.name) + "," + CsvCell(names[m.party_org_id]) + "," + CsvCell(m.org_code) +
               "," + (m.status == MemberStatus::kFormal ? "正式党员" : "预备党员") + "," +
               m.joined_on + "," + CommitteePostChinese(m.committee_post) + "\r\n";
        ++count;
      }
      if (!more || members.empty()) break;
      filter.after_id = members.back().id;
    }
    return {};
  }));
  // The audit row is committed before the file leaves the server.
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    return ctx.audit.Append(
        s, call.Audit("party.member.export", "party_member", "", call.who.org_code,
                      {{"party_org_id", party_org_id ? Json(*party_org_id) : Json(nullptr)},
                       {"rows", count}}));
  }));
  Response res = Response::Text(std::move(csv), "text/csv; charset=utf-8");
  res.headers.emplace_back("Content-Disposition",
                           core::http::AttachmentDisposition("党员名册.csv", "party-members.csv"));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace

void RegisterMemberRoutes(core::http::Router& router, PartyContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/party/members",
              Answering([&ctx](Request& req) { return CreateMember(ctx, req); }, 201), kWrite,
              "Registers a resident as a party member of a party organization in scope");
  router.Get("/api/v1/party/members",
             Answering([&ctx](Request& req) { return ListMembers(ctx, req); }), kRead,
             "Party members in scope (?party_org_id=&limit=&cursor=)");
  router.Get("/api/v1/party/members/{id}",
             Answering([&ctx](Request& req) { return GetMember(ctx, req); }), kRead,
             "One party member");
  router.Patch("/api/v1/party/members/{id}",
               Answering([&ctx](Request& req) { return UpdateMember(ctx, req); }), kWrite,
               "Changes a member's status or committee post (rule checks)");
  router.Get(
      "/api/v1/party/members/export",
      [&ctx](Request& req) { return core::http::Answer(req, ExportMembers(ctx, req)); }, kExport,
      "The member roll in scope as CSV (?party_org_id=), audited");
}

}  // namespace jiceng::party
