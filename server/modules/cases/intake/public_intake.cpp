#include "modules/cases/intake/public_intake.hpp"

#include <set>

#include "core/app/call.hpp"
#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "modules/cases/act_on_case.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/intake/intake.hpp"
#include "modules/cases/photos/upload_token.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

namespace {

DomainError UnknownCode() {
  return DomainError::NotFound("cases.tracking.not_found", "查询码不存在，请核对后重新输入");
}

// Residents read plain words, not the workflow's terms.
std::string PublicStatus(const Case& c) {
  if (c.duplicate_of) return "已与同一问题的其他报告合并处理";
  if (c.status == "reported") return "已收到，等待受理";
  if (c.status == "filed") return "已受理，正在派单";
  if (c.status == "dispatched" || c.status == "accepted" || c.status == "handling")
    return "正在处理";
  if (c.status == "resolved") return "已处理，等待核查";
  if (c.status == "verified") return "已处理，核查通过";
  if (c.status == "closed") return "已办结";
  if (c.status == "rejected") return "不予受理";
  if (c.status == "suspended") return "暂停处理";
  return c.status;
}

// The steps a resident sees; internal notes, supervision and timer events stay inside. Notes
// are shown only where they are the answer to the resident (reject, resolve, answer).
const std::set<std::string> kPublicSteps = {"report",    "file",    "reject",  "dispatch",
                                            "accept",    "start",   "resolve", "rework",
                                            "verify",    "close",   "answer",  "merge",
                                            "follow_up", "suspend", "resume",  "approve_extension",
                                            "escalate"};
const std::set<std::string> kPublicNotes = {"reject", "resolve", "answer"};

std::string StepLabel(const CaseEvent& e) {
  if (e.action == "report") return "提交问题";
  if (e.action == "answer") return "当场答复";
  if (e.action == "dispatch" || e.action == "escalate") return "派给责任部门";
  if (e.action == "approve_extension") return "延长办理时限";
  if (auto a = ParseAction(e.action)) return ActionLabel(*a);
  return e.action;
}

bool CanFollowUp(const Case& c) {
  return !c.followed_up_at && !c.duplicate_of &&
         (c.status == "resolved" || c.status == "verified" || c.status == "closed");
}

Json PublicView(const Case& c, const std::optional<Category>& category,
                const std::vector<CaseEvent>& events) {
  Json timeline = Json::array();
  std::string resolution;
  Json follow_up = nullptr;
  for (const auto& e : events) {
    if (!kPublicSteps.count(e.action)) continue;
    Json step = {
        {"action", e.action}, {"label", StepLabel(e)}, {"at", core::time::FormatIsoUtc(e.at)}};
    Json data = Json::parse(e.data, nullptr, false);
    if ((e.action == "dispatch" || e.action == "escalate") && data.is_object() &&
        data.contains("department_name")) {
      step["department"] = data["department_name"];
    }
    if (kPublicNotes.count(e.action) && !e.note.empty()) step["note"] = e.note;
    if (e.action == "resolve" || e.action == "answer") resolution = e.note;
    if (e.action == "follow_up" && data.is_object()) {
      follow_up = {{"resolved", data.value("resolved", false)},
                   {"satisfaction", data.value("satisfaction", "")}};
    }
    timeline.push_back(std::move(step));
  }
  return {{"tracking_code", c.tracking_code},
          {"category_code", c.category_code},
          {"category_name", category ? category->name : ""},
          {"status", c.status},
          {"status_label", PublicStatus(c)},
          {"created_at", core::time::FormatIsoUtc(c.created_at)},
          {"closed_at", c.closed_at ? Json(core::time::FormatIsoUtc(*c.closed_at)) : Json(nullptr)},
          {"timeline", std::move(timeline)},
          {"resolution_note", resolution},
          {"follow_up", follow_up},
          {"can_follow_up", CanFollowUp(c)}};
}

// The public follow-up serves only cases a resident reported through the resident form: the
// tracking code of any other case (hotline, grid worker, staff API, Open311) was never handed to
// a resident to keep, and answering it here would let whoever learnt it rate the case in the
// caller's place and block the real call-back (回访). Such codes are answered as unknown ones.
bool ServedPublicly(const Case& c) { return c.channel == "resident"; }

bool PlausibleCode(const std::string& code) {
  if (code.size() != 10) return false;
  for (char ch : code)
    if (!((ch >= '2' && ch <= '9') || (ch >= 'A' && ch <= 'Z'))) return false;
  return true;
}

}  // namespace

Result<ResidentReceipt> ReportAsResident(CasesContext& ctx, const ResidentReport& report,
                                         const std::string& request_id, const std::string& source) {
  IntakeReport r = report;
  r.urgency = "normal";
  IntakeOptions o;
  o.channel = "resident";
  o.max_description = 1000;
  o.node_field = "grid_code";
  // Residents read plain words; a grid comes from the QR code of its notice board.
  o.wording.description_required = "请用一句话描述问题";
  o.wording.location_required = "请允许获取位置，或扫描网格公示牌上的二维码";
  o.wording.outside = "该位置不在本平台服务范围内";
  o.wording.node_not_found = "网格不存在，请重新扫描公示牌上的二维码";
  IntakeDraft d;
  d.actor_name = report.reporter_name.empty() ? "居民" : "居民 " + report.reporter_name;
  d.audit.actor = "resident";
  d.audit.request_id = request_id;
  d.audit.source = source;
  ResidentReceipt receipt;
  d.extra = [&](core::db::Session& s, const Case& written) -> Result<void> {
    JC_ASSIGN_OR_RETURN(receipt.upload_token, IssueUploadToken(s, written.id, written.created_at));
    return {};
  };
  JC_ASSIGN_OR_RETURN(receipt.c, Intake(ctx, r, o, d));
  return receipt;
}

Result<Json> TrackCase(CasesContext& ctx, const std::string& tracking_code) {
  if (!PlausibleCode(tracking_code)) return UnknownCode();
  Json out;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    CaseStore store(s, *ctx.cipher);
    JC_ASSIGN_OR_RETURN(auto c, store.ByTrackingCode(tracking_code));
    if (!c || !ServedPublicly(*c)) return UnknownCode();
    JC_ASSIGN_OR_RETURN(auto events, store.Events(c->id));
    JC_ASSIGN_OR_RETURN(auto category, CategoryStore(s).Get(c->category_code));
    out = PublicView(*c, category, events);
    return {};
  }));
  return out;
}

Result<Json> FollowUpAsResident(CasesContext& ctx, const std::string& tracking_code, bool resolved,
                                const std::string& satisfaction, const std::string& request_id,
                                const std::string& source) {
  if (!PlausibleCode(tracking_code)) return UnknownCode();
  std::optional<Case> c;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(c, CaseStore(s, *ctx.cipher).ByTrackingCode(tracking_code));
    return {};
  }));
  if (!c || !ServedPublicly(*c)) return UnknownCode();
  if (!CanFollowUp(*c)) {
    if (c->followed_up_at)
      return DomainError::Conflict("cases.follow_up.done", "您已评价过，感谢您的反馈");
    return DomainError::Conflict("cases.follow_up.too_early", "问题处理完毕后才能评价");
  }
  // The code holder acts as a resident who may do exactly one thing: the follow-up of this case.
  core::auth::Principal resident;
  resident.username = "resident";
  resident.display_name = "居民（凭查询码）";
  resident.permissions = {"cases.follow_up"};
  resident.scope = core::auth::Scope::All();
  core::app::Call call{resident, request_id, source};
  CaseActionInput input;
  input.action = "follow_up";
  input.version = c->version;
  input.params = {{"resolved", resolved}, {"satisfaction", satisfaction}};
  JC_TRY(ActOnCase(ctx, call, c->id, input));
  return TrackCase(ctx, tracking_code);
}

}  // namespace jiceng::cases
