// Committee membership of a village and the rule that supervisors and their close relatives may
// not sit on the villagers' committee [law], checked against base data's household relations.
#include "modules/autonomy/committees/committee_routes.hpp"

#include <algorithm>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/committees/committee_store.hpp"
#include "modules/autonomy/permissions.hpp"
#include "modules/people/api.hpp"

namespace jiceng::autonomy {

namespace {

DomainError NotFoundVillage() {
  return DomainError::NotFound("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内");
}

Result<org::OrgNode> VillageParam(AutonomyContext& ctx, const Request& req) {
  std::string code = req.Param("code");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return NotFoundVillage();
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(req.Who().scope, code));
  if (!node || node->level != org::OrgLevel::kVillage) return NotFoundVillage();
  return *node;
}

Json MemberJson(const CommitteeMember& m) {
  return {{"id", m.id},
          {"org_code", m.org_code},
          {"committee", m.committee},
          {"resident_id", m.resident_id},
          {"name", m.name},
          {"post", m.post},
          {"started_on", m.started_on},
          {"ended_on", m.ended_on ? Json(*m.ended_on) : Json(nullptr)}};
}

const char* CommitteeTitle(const std::string& c) {
  return c == "supervisory" ? "村务监督委员会" : "村民委员会";
}

Result<Json> Members(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto village, VillageParam(ctx, req));
  std::vector<CommitteeMember> members;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(members, CommitteeStore(s).Current(req.Who().scope, village.code));
    return {};
  }));
  Json villagers = Json::array(), supervisory = Json::array();
  for (const auto& m : members)
    (m.committee == "supervisory" ? supervisory : villagers).push_back(MemberJson(m));
  return Json{{"org_code", village.code},
              {"name", village.name},
              {"villagers", villagers},
              {"supervisory", supervisory}};
}

Result<Json> AddMember(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(auto village, VillageParam(ctx, req));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknown(body, {"committee", "resident_id", "post", "started_on"}));
  CommitteeMember m;
  m.org_code = village.code;
  JC_ASSIGN_OR_RETURN(m.committee, RequiredText(body, "committee", 20, "委员会"));
  if (m.committee != "villagers" && m.committee != "supervisory")
    return DomainError::Invalid(
        "autonomy.committee.unknown",
        "委员会应为 villagers（村民委员会）或 supervisory（村务监督委员会）", "committee");
  auto rid = body.find("resident_id");
  if (rid == body.end() || !rid->is_number_integer() || rid->get<std::int64_t>() < 1)
    return DomainError::Invalid("autonomy.committee.resident.required", "请选择居民",
                                "resident_id");
  m.resident_id = rid->get<std::int64_t>();
  JC_ASSIGN_OR_RETURN(m.post, TextField(body, "post", 40));
  std::string today = core::time::LocalDate(ctx.clock.NowMs());
  if (body.contains("started_on")) {
    JC_ASSIGN_OR_RETURN(m.started_on, DateField(body, "started_on", "任职日期"));
  } else {
    m.started_on = today;
  }
  m.created_at = ctx.clock.NowMs();
  const auto& who = req.Who();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto resident, people::FindResidentBrief(s, who.scope, m.resident_id));
    if (!resident)
      return DomainError::Invalid("autonomy.committee.resident.not_found",
                                  "居民不存在或不在您的管辖范围内", "resident_id");
    if (resident->org_code.rfind(village.code, 0) != 0)
      return DomainError::Invalid("autonomy.committee.resident.not_in_village",
                                  resident->name + " 不是本村（社区）居民", "resident_id");
    m.name = resident->name;
    CommitteeStore store(s);
    JC_ASSIGN_OR_RETURN(auto current, store.Current(core::auth::Scope::All(), village.code));
    std::vector<std::int64_t> other_ids;
    for (const auto& x : current) {
      if (x.resident_id == m.resident_id && x.committee == m.committee)
        return DomainError::Conflict("autonomy.committee.already_member",
                                     m.name + " 已是" + CommitteeTitle(m.committee) + "成员",
                                     "resident_id");
      if (x.committee != m.committee) {
        if (x.resident_id == m.resident_id)
          return DomainError::Conflict("autonomy.committee.dual_membership",
                                       m.name + " 是" + CommitteeTitle(x.committee) +
                                           "成员，村务监督委员会成员不得兼任村民委员会成员",
                                       "resident_id");
        other_ids.push_back(x.resident_id);
      }
    }
    // [law] Members of the supervisory committee and their close relatives may not sit on the
    // villagers' committee: whichever is added second is refused.
    JC_ASSIGN_OR_RETURN(auto relatives, people::CloseRelativesAmong(s, m.resident_id, other_ids));
    if (!relatives.empty()) {
      std::string names;
      for (const auto& x : current)
        if (x.committee != m.committee &&
            std::find(relatives.begin(), relatives.end(), x.resident_id) != relatives.end())
          names += (names.empty() ? "" : "、") + x.name;
      return DomainError::Conflict(
          "autonomy.committee.relative_conflict",
          m.name + " 与" +
              CommitteeTitle(m.committee == "villagers" ? "supervisory" : "villagers") + "成员 " +
              names + " 同户且为近亲属，村务监督委员会成员及其近亲属不得担任村民委员会成员",
          "resident_id");
    }
    JC_TRY(store.Insert(m));
    return ctx.audit.Append(
        s, Call::Of(req).Audit("autonomy.committee.add", "committee_member", std::to_string(m.id),
                               m.org_code,
                               {{"committee", m.committee}, {"resident_id", m.resident_id}}));
  }));
  return MemberJson(m);
}

Result<Json> EndMember(AutonomyContext& ctx, Request& req) {
  auto not_found = DomainError::NotFound("autonomy.committee.member.not_found",
                                         "委员会成员不存在或不在您的管辖范围内");
  JC_ASSIGN_OR_RETURN(auto id, core::http::PathId(req, "id", not_found));
  std::string today = core::time::LocalDate(ctx.clock.NowMs());
  CommitteeMember m;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CommitteeStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(req.Who().scope, id));
    if (!found || found->ended_on) return not_found;
    m = *found;
    JC_ASSIGN_OR_RETURN(bool ended, store.End(id, today));
    if (!ended) return not_found;
    m.ended_on = today;
    return ctx.audit.Append(
        s, Call::Of(req).Audit("autonomy.committee.end", "committee_member", std::to_string(id),
                               m.org_code, {{"committee", m.committee}}));
  }));
  return MemberJson(m);
}

}  // namespace

void RegisterCommitteeRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Get("/api/v1/villages/{code}/committees",
             Answering([&ctx](Request& req) { return Members(ctx, req); }), kRead,
             "Current members of a village's villagers' committee and supervisory committee");
  router.Post("/api/v1/villages/{code}/committees",
              Answering([&ctx](Request& req) { return AddMember(ctx, req); }, 201), kCommitteeWrite,
              "Adds a resident of the village to a committee; supervisors and their close "
              "relatives (same household) may not sit on the villagers' committee (409)");
  router.Delete("/api/v1/committee-members/{id}",
                Answering([&ctx](Request& req) { return EndMember(ctx, req); }), kCommitteeWrite,
                "Ends a committee membership today");
}

}  // namespace jiceng::autonomy
