#include "modules/cases/act_on_case.hpp"

#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/indicators/indicator_hooks.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

namespace {

DomainError BadParam(const std::string& field, const std::string& message) {
  return DomainError::Invalid("cases.action." + field, message, field);
}

// The latest event of an action after any of `reset` (e.g. the pending extension request).
const CaseEvent* LastPending(const std::vector<CaseEvent>& events, const std::string& action,
                             std::initializer_list<const char*> reset) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->action == action) return &*it;
    for (const char* r : reset)
      if (it->action == r) return nullptr;
  }
  return nullptr;
}

class Action {
 public:
  Action(CasesContext& ctx, const core::app::Call& call, core::db::Session& s,
         const CaseActionInput& in)
      : ctx_(ctx),
        call_(call),
        s_(s),
        in_(in),
        store_(s, *ctx.cipher),
        now_(ctx.clock.NowMs()),
        calendar_(ctx.calendar.Get()) {}

  Result<Case> Run(std::int64_t id) {
    auto action = ParseAction(in_.action);
    if (!action)
      return DomainError::NotFound("cases.action.unknown", "未知的案件操作：" + in_.action);
    const ActionRule& rule = RuleOf(*action);
    if (!call_.who.Has(rule.permission)) {
      return DomainError::Forbidden("auth.forbidden",
                                    std::string("您没有“") + ActionLabel(*action) + "”的权限");
    }
    JC_ASSIGN_OR_RETURN(auto found, store_.Get(call_.who.scope, id));
    if (!found) return CaseNotFound();
    Case c = *found;
    if (in_.version != c.version) {
      return DomainError::Conflict("cases.version_conflict", "案件已被他人处理，请刷新后重试",
                                   "version");
    }
    auto current = ParseStatus(c.status);
    if (!current) return DomainError::Internal("cases.status.unknown", "案件状态异常");
    if (rule.note_required && core::text::Utf8Length(in_.note) == 0) {
      return DomainError::Invalid("cases.note.required",
                                  std::string(ActionLabel(*action)) + "需要填写说明", "note");
    }
    if (core::text::Utf8Length(in_.note) > 2000) {
      return DomainError::Invalid("cases.note.too_long", "说明不能超过 2000 个字", "note");
    }
    JC_ASSIGN_OR_RETURN(events_, store_.Events(c.id));
    std::optional<CaseStatus> before_suspend;
    if (*action == CaseAction::kResume) {
      if (auto* e = LastPending(events_, "suspend", {}))
        before_suspend = ParseStatus(e->from_status);
    }
    JC_ASSIGN_OR_RETURN(CaseStatus next, NextStatus(*current, *action, before_suspend));
    std::string from = c.status;
    c.status = StatusName(next);
    c.updated_at = now_;
    Json data = Json::object();
    const Case before = c;
    auto due_before = c.stage_due_at;
    JC_TRY(Apply(*action, c, data));
    JC_TRY(MoveDue(*action, c, data));
    // A new stage (or a moved due time) starts its own overdue and warning watch.
    if (c.stage_due_at != due_before) c.overdue = c.warned = false;
    JC_TRY(store_.SaveWorkflow(c));
    CaseEvent e{0,
                c.id,
                in_.action,
                from,
                c.status,
                call_.who.user_id,
                call_.who.display_name,
                in_.note,
                data.dump(),
                now_};
    JC_TRY(store_.AppendEvent(e));
    JC_TRY(Count(*action, before, c, data));
    JC_TRY(ctx_.audit.Append(
        s_, call_.Audit("cases.case." + in_.action, "case", std::to_string(c.id), c.org_code,
                        {{"from", from}, {"to", c.status}, {"data", data}})));
    return c;
  }

 private:
  bool HasEvent(const char* action) const {
    for (const auto& e : events_)
      if (e.action == action) return true;
    return false;
  }

  Result<void> Count(CaseAction action, const Case& before, const Case& after, const Json& data) {
    bool deferred_before = HasEvent("approve_extension");
    std::optional<std::int64_t> minutes;
    if (action == CaseAction::kResolve) {
      for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
        if (it->action == "dispatch") {
          minutes = calendar_->WorkingMinutesBetween(it->at, now_);
          break;
        }
      }
    }
    ActionFacts facts{action,
                      before,
                      after,
                      deferred_before,
                      deferred_before || action == CaseAction::kApproveExtension,
                      data,
                      minutes,
                      now_};
    IndicatorStore sink(s_);
    return CountAction(sink, facts);
  }

  Result<Category> CategoryOf(const Case& c) {
    JC_ASSIGN_OR_RETURN(auto category, CategoryStore(s_).Get(c.category_code));
    if (!category) return DomainError::Internal("cases.category.missing", "案件类别缺失");
    return *category;
  }

  // The action's deadline effects (deadlines.hpp), after Apply checked its parameters.
  Result<void> MoveDue(CaseAction action, Case& c, const Json& data) {
    JC_ASSIGN_OR_RETURN(Category category, CategoryOf(c));
    DeadlineStep step{action, now_, data.value("days", 0), std::nullopt};
    if (action == CaseAction::kResume) {
      if (const CaseEvent* since = LastPending(events_, "suspend", {}))
        step.suspended_at = since->at;
    }
    DeadlineState next = MoveDeadlines({c.stage_due_at, c.handling_due_at}, step,
                                       {*calendar_, category, c.urgency, c.org_code});
    c.stage_due_at = next.stage_due_at;
    c.handling_due_at = next.handling_due_at;
    return {};
  }

  Result<void> Apply(CaseAction action, Case& c, Json& data) {
    switch (action) {
      case CaseAction::kFile:
        // 首接负责: whoever files the case stays responsible for it to the end.
        if (!c.first_receiver_id) c.first_receiver_id = call_.who.user_id;
        return {};
      case CaseAction::kReject:
        c.closed_at = now_;
        return {};
      case CaseAction::kDispatch: {
        std::string dept = in_.params.value("department_code", "");
        JC_ASSIGN_OR_RETURN(auto node, ctx_.org.GetNode(core::auth::Scope::All(), dept));
        if (dept.empty() || !node || node->level != org::OrgLevel::kDepartment) {
          return BadParam("department_code", "请选择承办部门");
        }
        c.department_code = dept;
        data["department_code"] = dept;
        data["department_name"] = node->name;
        return {};
      }
      case CaseAction::kReturn:
        data["department_code"] = c.department_code;
        c.department_code.clear();
        return {};
      case CaseAction::kClose:
        c.closed_at = now_;
        return {};
      case CaseAction::kResume: {
        const CaseEvent* since = LastPending(events_, "suspend", {});
        data["paused_working_minutes"] =
            since ? calendar_->WorkingMinutesBetween(since->at, now_) : 0;
        return {};
      }
      case CaseAction::kRequestExtension: {
        if (!in_.params.contains("days") || !in_.params["days"].is_number_integer() ||
            in_.params["days"] < 1 || in_.params["days"] > 60) {
          return BadParam("days", "延期天数应为 1–60 个工作日");
        }
        if (LastPending(events_, "request_extension", {"approve_extension", "deny_extension"})) {
          return DomainError::Conflict("cases.extension.pending", "已有待审批的延期申请");
        }
        data["days"] = in_.params["days"];
        return {};
      }
      case CaseAction::kApproveExtension:
      case CaseAction::kDenyExtension: {
        const CaseEvent* request =
            LastPending(events_, "request_extension", {"approve_extension", "deny_extension"});
        if (!request) return DomainError::Conflict("cases.extension.none", "没有待审批的延期申请");
        // A denied request moves nothing: MoveDeadlines extends only on approval.
        data["days"] = Json::parse(request->data).value("days", 0);
        return {};
      }
      case CaseAction::kEscalate: {
        // 吹哨报到: the township summons a department (its own or the county's) that must
        // report and handle the case; it lands in that department's queue as a new dispatch.
        std::string dept = in_.params.value("department_code", "");
        JC_ASSIGN_OR_RETURN(auto node, ctx_.org.GetNode(core::auth::Scope::All(), dept));
        if (dept.empty() || !node || node->level != org::OrgLevel::kDepartment) {
          return BadParam("department_code", "请选择被召集（吹哨）的部门");
        }
        if (dept == c.department_code && c.status == "dispatched") {
          return BadParam("department_code", "案件已在该部门待签收");
        }
        data["from_department_code"] = c.department_code;
        data["department_code"] = dept;
        data["department_name"] = node->name;
        c.department_code = dept;
        c.escalated = true;
        c.status = "dispatched";
        return {};
      }
      case CaseAction::kSupervise:
        c.supervised = true;
        return {};
      case CaseAction::kFollowUp: {
        const auto& p = in_.params;
        if (!p.contains("resolved") || !p["resolved"].is_boolean())
          return BadParam("resolved", "请选择问题是否解决");
        std::string satisfaction = p.value("satisfaction", "");
        if (satisfaction != "satisfied" && satisfaction != "mostly" && satisfaction != "not") {
          return BadParam("satisfaction",
                          "满意度应为 satisfied（满意）、mostly（基本满意）或 not（不满意）");
        }
        if (c.followed_up_at) return DomainError::Conflict("cases.follow_up.done", "该案件已回访");
        data["resolved"] = p["resolved"];
        data["satisfaction"] = satisfaction;
        c.followed_up_at = now_;
        return {};
      }
      case CaseAction::kMerge: {
        if (!in_.params.contains("duplicate_of") ||
            !in_.params["duplicate_of"].is_number_integer()) {
          return BadParam("duplicate_of", "请指定要合并到的案件");
        }
        std::int64_t target = in_.params["duplicate_of"];
        JC_ASSIGN_OR_RETURN(auto other, store_.Get(call_.who.scope, target));
        if (target == c.id || !other || other->duplicate_of)
          return BadParam("duplicate_of", "要合并到的案件无效");
        c.duplicate_of = target;
        c.closed_at = now_;
        data["duplicate_of"] = target;
        return {};
      }
      case CaseAction::kAccept:
      case CaseAction::kStart:
      case CaseAction::kResolve:
      case CaseAction::kVerify:
      case CaseAction::kRework:
      case CaseAction::kSuspend:
      case CaseAction::kNote:
        return {};
    }
    return {};
  }

  CasesContext& ctx_;
  const core::app::Call& call_;
  core::db::Session& s_;
  const CaseActionInput& in_;
  CaseStore store_;
  std::int64_t now_;
  std::shared_ptr<const core::time::WorkCalendar> calendar_;
  std::vector<CaseEvent> events_;
};

}  // namespace

Result<Case> ActOnCase(CasesContext& ctx, const core::app::Call& call, std::int64_t case_id,
                       const CaseActionInput& input) {
  Case out;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(out, Action(ctx, call, s, input).Run(case_id));
    return {};
  }));
  return out;
}

}  // namespace jiceng::cases
