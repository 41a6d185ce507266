#include "modules/cases/intake/intake.hpp"

#include <openssl/rand.h>

#include "core/module_names.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/indicators/indicator_hooks.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/intake/duplicates.hpp"
#include "modules/cases/intake/hotline.hpp"

namespace jiceng::cases {

std::string NewTrackingCode() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  unsigned char bytes[10];
  RAND_bytes(bytes, sizeof bytes);
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % (sizeof kAlphabet - 1)];
  return out;
}

Result<Category> ActiveCategory(core::db::Session& s, const std::string& code) {
  JC_ASSIGN_OR_RETURN(auto category, CategoryStore(s).Get(code));
  if (!category || !category->active) {
    return DomainError::Invalid("cases.category.not_found", "案件类别不存在或已停用",
                                "category_code");
  }
  return *category;
}

namespace {

// The first deadline: hotline tickets follow the hotline's dispatch limit and carry a feedback
// deadline for the caller; every other channel the category's filing and dispatch rule.
void SetFirstDeadlines(CasesContext& ctx, const Category& category, Case& c) {
  if (c.channel == "hotline") {
    c.stage_due_at = HotlineDispatchDue(c.hotline_class, c.created_at);
    c.feedback_due_at = HotlineFeedbackDue(c.hotline_class, c.created_at);
    return;
  }
  auto calendar = ctx.calendar.Get();
  if (auto rule = FindDeadline(category, "dispatch", c.urgency))
    c.stage_due_at = DueAt(*calendar, *rule, c.created_at);
}

}  // namespace

Result<Case> WriteIntake(CasesContext& ctx, IntakeDraft& d) {
  Case& c = d.c;
  c.tracking_code = NewTrackingCode();
  c.status = "reported";
  c.created_at = ctx.clock.NowMs();
  c.reporter_user_id = d.actor_id;
  bool answered = !d.answer.empty();
  // Everything that only reads happens before the write transaction, so the single writer is
  // held for the writes alone (docs/performance.md, Open311 intake). A category switched off in
  // between still takes this one report, as it would have a moment earlier.
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto category, ActiveCategory(s, c.category_code));
    SetFirstDeadlines(ctx, category, c);
    if (answered) return {};
    JC_ASSIGN_OR_RETURN(c.likely_duplicate_of, FindLikelyDuplicate(s, c, ctx.duplicates));
    return {};
  }));
  if (answered) {
    // 当场答复: the enquiry is settled during the call; nothing is left to dispatch.
    c.status = "closed";
    c.closed_at = c.created_at;
    c.stage_due_at.reset();
    c.feedback_due_at.reset();
  }
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    CaseStore store(s, *ctx.cipher);
    JC_TRY(store.Insert(c));
    if (d.extra) JC_TRY(d.extra(s, c));
    nlohmann::json data = d.event_data;
    data["channel"] = c.channel;
    if (c.likely_duplicate_of) data["likely_duplicate_of"] = *c.likely_duplicate_of;
    CaseEvent e{0,          c.id,         "report", "",          "reported",
                d.actor_id, d.actor_name, "",       data.dump(), c.created_at};
    JC_TRY(store.AppendEvent(e));
    if (answered) {
      CaseEvent answer{0,          c.id,         "answer", "reported", "closed",
                       d.actor_id, d.actor_name, d.answer, "{}",       c.created_at};
      JC_TRY(store.AppendEvent(answer));
    }
    IndicatorStore indicators(s);
    JC_TRY(CountReport(indicators, c));
    core::audit::AuditEntry entry = d.audit;
    entry.action = "cases.case.report";
    entry.target_type = "case";
    entry.target_id = std::to_string(c.id);
    entry.org_code = c.org_code;
    nlohmann::json summary = d.audit_summary;
    summary["category"] = c.category_code;
    summary["channel"] = c.channel;
    summary["urgency"] = c.urgency;
    if (answered) summary["answered_on_spot"] = true;
    entry.summary = summary.dump();
    return ctx.audit.Append(s, entry);  // last: it holds the chain head until commit
  }));
  return c;
}

}  // namespace jiceng::cases
