#include "modules/autonomy/decisions/decisions.hpp"

#include <set>

#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"

namespace jiceng::autonomy {

namespace {

const std::set<std::string> kMatters = {"assets",  "land",       "project", "budget",
                                        "subsidy", "convention", "other"};

// The stage a meeting follows (提议 → 商议 → 审议 → 决议).
const char* RequiredBefore(Meeting m) {
  switch (m) {
    case Meeting::kJointMeeting:
      return "proposed";
    case Meeting::kPartyMeeting:
      return "joint_meeting";
    case Meeting::kAssembly:
    case Meeting::kRepresentativesAssembly:
      return "party_meeting";
  }
  return "";
}

bool Resolved(const std::string& stage) {
  return stage == "assembly" || stage == "representatives_assembly";
}

std::string StageTitle(const std::string& stage) {
  if (stage == "proposed") return "党组织提议";
  if (auto m = ParseMeeting(stage)) return MeetingTitle(*m);
  if (stage == "resolution_disclosed") return "决议公开";
  if (stage == "result_disclosed") return "实施结果公开";
  return stage;
}

std::string AuthorName(const core::auth::Principal& who) {
  return who.display_name.empty() ? who.username : who.display_name;
}

Result<std::string> VillageCode(AutonomyContext& ctx, const core::auth::Scope& scope,
                                const std::string& code) {
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(scope, code));
  if (!node)
    return DomainError::Invalid("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内",
                                "org_code");
  if (node->level != org::OrgLevel::kVillage)
    return DomainError::Invalid("autonomy.org.not_village", "重大事项决策应属于一个村（社区）",
                                "org_code");
  return node->code;
}

DomainError StoppedError(const Decision& d) {
  return DomainError::Conflict("autonomy.decision.stopped",
                               "该事项已因会议未达法定人数或未获通过而终止，请重新提议");
}

}  // namespace

DomainError DecisionNotFound() {
  return DomainError::NotFound("autonomy.decision.not_found", "决策事项不存在或不在您的管辖范围内");
}

std::vector<std::string> NextStages(const Decision& d) {
  if (d.status != "open") return {};
  if (d.stage == "proposed") return {"joint_meeting"};
  if (d.stage == "joint_meeting") return {"party_meeting"};
  if (d.stage == "party_meeting") return {"assembly", "representatives_assembly"};
  if (Resolved(d.stage)) return {"resolution"};
  if (d.stage == "resolution_disclosed") return {"result"};
  return {};
}

Json DecisionJson(const Decision& d) {
  return {{"id", d.id},
          {"org_code", d.org_code},
          {"title", d.title},
          {"matter", d.matter},
          {"proposal", d.proposal},
          {"stage", d.stage},
          {"stage_title", StageTitle(d.stage)},
          {"status", d.status},
          {"stop_reason", d.stop_reason},
          {"version", d.version},
          {"created_by_name", d.created_by},
          {"created_at", core::time::FormatIsoUtc(d.created_at)},
          {"updated_at", core::time::FormatIsoUtc(d.updated_at)},
          {"next", NextStages(d)}};
}

Json StageJson(const DecisionStage& st) {
  const auto& n = st.numbers;
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"id", st.id},
          {"stage", st.stage},
          {"stage_title", StageTitle(st.stage)},
          {"held_on", st.held_on},
          {"expected", n.expected},
          {"present", n.present},
          {"households_expected", opt(n.households_expected)},
          {"households_present", opt(n.households_present)},
          {"votes_for", n.votes_for},
          {"votes_against", n.votes_against},
          {"abstained", n.abstained},
          {"minutes", st.minutes},
          {"passed", st.passed},
          {"outcome", st.outcome},
          {"recorded_at", core::time::FormatIsoUtc(st.recorded_at)}};
}

Json DisclosureJson(const Disclosure& d) {
  return {{"id", d.id},
          {"org_code", d.org_code},
          {"kind", d.kind},
          {"period", d.period},
          {"title", d.title},
          {"body", d.body},
          {"decision_id", d.decision_id ? Json(*d.decision_id) : Json(nullptr)},
          {"decision_part", d.decision_part},
          {"status", d.status},
          {"published_at",
           d.published_at ? Json(core::time::FormatIsoUtc(*d.published_at)) : Json(nullptr)},
          {"created_by_name", d.created_by},
          {"created_at", core::time::FormatIsoUtc(d.created_at)}};
}

Result<Decision> ProposeDecision(AutonomyContext& ctx, const Call& call, const Json& body) {
  JC_TRY(RejectUnknown(body, {"org_code", "title", "matter", "proposal"}));
  Decision d;
  JC_ASSIGN_OR_RETURN(std::string org_code, RequiredText(body, "org_code", 20, "村（社区）"));
  JC_ASSIGN_OR_RETURN(d.title, RequiredText(body, "title", 100, "事项名称"));
  JC_ASSIGN_OR_RETURN(d.matter, RequiredText(body, "matter", 20, "事项类别"));
  if (!kMatters.count(d.matter))
    return DomainError::Invalid(
        "autonomy.decision.matter.unknown",
        "事项类别应为 assets、land、project、budget、subsidy、convention 或 other", "matter");
  JC_ASSIGN_OR_RETURN(d.proposal, RequiredText(body, "proposal", 5000, "提议内容"));
  JC_ASSIGN_OR_RETURN(d.org_code, VillageCode(ctx, call.who.scope, org_code));
  d.created_by_id = call.who.user_id;
  d.created_by = AuthorName(call.who);
  d.created_at = d.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(DecisionStore(s).Insert(d));
    return ctx.audit.Append(
        s, call.Audit("autonomy.decision.propose", "decision", std::to_string(d.id), d.org_code,
                      {{"title", d.title}, {"matter", d.matter}}));
  }));
  return d;
}

Result<Decision> RecordMeeting(AutonomyContext& ctx, const Call& call, std::int64_t id,
                               const Json& body) {
  JC_TRY(RejectUnknown(
      body, {"stage", "held_on", "expected", "present", "households_expected", "households_present",
             "votes_for", "votes_against", "abstained", "minutes"}));
  JC_ASSIGN_OR_RETURN(std::string stage_name, RequiredText(body, "stage", 40, "会议阶段"));
  auto meeting = ParseMeeting(stage_name);
  if (!meeting)
    return DomainError::Invalid(
        "autonomy.stage.unknown",
        "会议阶段应为 joint_meeting、party_meeting、assembly 或 representatives_assembly", "stage");
  DecisionStage st;
  st.decision_id = id;
  st.stage = stage_name;
  JC_ASSIGN_OR_RETURN(st.held_on, DateField(body, "held_on", "会议日期"));
  auto& n = st.numbers;
  JC_ASSIGN_OR_RETURN(n.expected, CountField(body, "expected", "应到人数"));
  JC_ASSIGN_OR_RETURN(n.present, CountField(body, "present", "实到人数"));
  JC_ASSIGN_OR_RETURN(n.votes_for, CountField(body, "votes_for", "赞成票数"));
  JC_ASSIGN_OR_RETURN(n.votes_against, CountField(body, "votes_against", "反对票数"));
  JC_ASSIGN_OR_RETURN(n.abstained, CountField(body, "abstained", "弃权票数"));
  JC_ASSIGN_OR_RETURN(n.households_expected, OptionalCount(body, "households_expected"));
  JC_ASSIGN_OR_RETURN(n.households_present, OptionalCount(body, "households_present"));
  JC_ASSIGN_OR_RETURN(st.minutes, TextField(body, "minutes", 20000));
  JC_TRY(CheckNumbers(*meeting, n));
  std::int64_t now = ctx.clock.NowMs();
  if (st.held_on > core::time::LocalDate(now))
    return DomainError::Invalid("autonomy.stage.held_on.future", "会议日期不能晚于今天", "held_on");
  auto verdict = CheckQuorumAndMajority(*meeting, n);
  st.passed = verdict.ok();
  st.outcome = st.passed ? "passed" : verdict.error().code.substr(sizeof("autonomy.decision.") - 1);
  st.recorded_by_id = call.who.user_id;
  st.recorded_at = now;
  Decision d;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DecisionStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(call.who.scope, id));
    if (!found) return DecisionNotFound();
    d = *found;
    if (d.status == "stopped") return StoppedError(d);
    std::string before = RequiredBefore(*meeting);
    if (d.stage != before) {
      return DomainError::Conflict("autonomy.decision.stage_order",
                                   "四议两公开须依次进行：该事项当前为「" + StageTitle(d.stage) +
                                       "」，" + MeetingTitle(*meeting) + "应在「" +
                                       StageTitle(before) + "」之后召开",
                                   "stage");
    }
    JC_ASSIGN_OR_RETURN(auto previous, store.Stages(id));
    if (!previous.empty() && st.held_on < previous.back().held_on)
      return DomainError::Invalid("autonomy.stage.held_on.before_previous",
                                  "会议日期不能早于上一阶段（" + previous.back().held_on + "）",
                                  "held_on");
    JC_TRY(store.InsertStage(st));
    std::string to = st.passed ? stage_name : d.stage;
    std::string status = st.passed ? "open" : "stopped";
    std::string reason = st.passed ? "" : verdict.error().code;
    JC_ASSIGN_OR_RETURN(bool moved, store.Advance(id, d.stage, to, status, reason, now));
    if (!moved)
      return DomainError::Conflict("autonomy.decision.changed", "该事项刚被他人更新，请刷新后重试");
    d.stage = to;
    d.status = status;
    d.stop_reason = reason;
    d.version += 1;
    d.updated_at = now;
    return ctx.audit.Append(
        s, call.Audit("autonomy.decision.meeting", "decision", std::to_string(id), d.org_code,
                      {{"stage", stage_name},
                       {"outcome", st.outcome},
                       {"expected", n.expected},
                       {"present", n.present},
                       {"votes_for", n.votes_for}}));
  }));
  // The meeting is on record and the decision stopped; the caller hears why, with the numbers.
  if (!verdict.ok()) return verdict.error();
  return d;
}

Result<Disclosure> DiscloseDecision(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body) {
  JC_TRY(RejectUnknown(body, {"kind", "body"}));
  JC_ASSIGN_OR_RETURN(std::string kind, RequiredText(body, "kind", 20, "公开类别"));
  if (kind != "resolution" && kind != "result")
    return DomainError::Invalid("autonomy.disclosure.part.unknown",
                                "公开类别应为 resolution（决议公开）或 result（实施结果公开）",
                                "kind");
  Disclosure out;
  JC_ASSIGN_OR_RETURN(out.body, RequiredText(body, "body", 20000, "公开内容"));
  std::int64_t now = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DecisionStore store(s);
    JC_ASSIGN_OR_RETURN(auto d, store.Get(call.who.scope, id));
    if (!d) return DecisionNotFound();
    if (d->status == "stopped") return StoppedError(*d);
    bool ready = kind == "resolution" ? Resolved(d->stage) : d->stage == "resolution_disclosed";
    if (!ready) {
      return DomainError::Conflict(
          "autonomy.decision.stage_order",
          kind == "resolution"
              ? "决议公开应在村民会议或村民代表会议通过之后；该事项当前为「" +
                    StageTitle(d->stage) + "」"
              : "实施结果公开应在决议公开之后；该事项当前为「" + StageTitle(d->stage) + "」",
          "kind");
    }
    out.org_code = d->org_code;
    out.kind = "village";
    out.title = (kind == "resolution" ? "【决议公开】" : "【实施结果公开】") + d->title;
    out.decision_id = d->id;
    out.decision_part = kind;
    // Major matters are disclosed at once.
    out.status = "published";
    out.published_at = now;
    out.created_by_id = call.who.user_id;
    out.created_by = AuthorName(call.who);
    out.created_at = now;
    JC_TRY(store.InsertDisclosure(out));
    std::string to = kind == "resolution" ? "resolution_disclosed" : "result_disclosed";
    JC_ASSIGN_OR_RETURN(
        bool moved, store.Advance(id, d->stage, to, kind == "result" ? "done" : "open", "", now));
    if (!moved)
      return DomainError::Conflict("autonomy.decision.changed", "该事项刚被他人更新，请刷新后重试");
    return ctx.audit.Append(
        s, call.Audit("autonomy.decision.disclose", "decision", std::to_string(id), d->org_code,
                      {{"part", kind}, {"disclosure_id", out.id}}));
  }));
  return out;
}

Result<Json> DecisionDetail(AutonomyContext& ctx, const core::auth::Scope& scope, std::int64_t id) {
  std::optional<Decision> d;
  std::vector<DecisionStage> stages;
  std::vector<Disclosure> disclosures;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    DecisionStore store(s);
    JC_ASSIGN_OR_RETURN(d, store.Get(scope, id));
    if (!d) return DecisionNotFound();
    JC_ASSIGN_OR_RETURN(stages, store.Stages(id));
    JC_ASSIGN_OR_RETURN(disclosures, store.DisclosuresOf(id));
    return {};
  }));
  Json out = DecisionJson(*d);
  Json st = Json::array();
  for (const auto& x : stages) st.push_back(StageJson(x));
  Json ds = Json::array();
  for (const auto& x : disclosures) ds.push_back(DisclosureJson(x));
  out["stages"] = st;
  out["disclosures"] = ds;
  return out;
}

}  // namespace jiceng::autonomy
