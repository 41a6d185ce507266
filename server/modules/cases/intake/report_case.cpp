#include "modules/cases/intake/report_case.hpp"

#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/intake/hotline.hpp"

namespace jiceng::cases {

namespace {

// What only staff and the hotline desk send: the request type, and the hotline's ticket class
// and on-the-spot answer.
Result<void> CheckDeskFields(const CaseReport& r, const std::string& channel) {
  if (!r.request_type.empty() && !IsRequestType(r.request_type)) {
    return DomainError::Invalid("cases.request_type", "诉求类型应为 咨询/求助/投诉/举报/建议 之一",
                                "request_type");
  }
  if (channel != "hotline") {
    if (!r.hotline_class.empty() || !r.answer.empty()) {
      return DomainError::Invalid("cases.hotline_only", "工单类别和当场答复只用于 12345 热线",
                                  "hotline_class");
    }
    return {};
  }
  if (r.request_type.empty())
    return DomainError::Invalid("cases.request_type", "请选择诉求类型", "request_type");
  if (!r.hotline_class.empty() && !IsHotlineClass(r.hotline_class)) {
    return DomainError::Invalid("cases.hotline_class", "工单类别应为 紧急/水电气热/一般/复杂 之一",
                                "hotline_class");
  }
  if (!r.answer.empty() && r.request_type != "consult") {
    return DomainError::Invalid("cases.answer.not_consult", "只有咨询类诉求可以当场答复办结",
                                "answer");
  }
  if (core::text::Utf8Length(r.answer) > 2000) {
    return DomainError::Invalid("cases.answer.too_long", "答复内容不能超过 2000 个字", "answer");
  }
  return {};
}

}  // namespace

Result<Case> ReportCase(CasesContext& ctx, const core::app::Call& call, const CaseReport& report,
                        const std::string& channel) {
  bool hotline = channel == "hotline";
  IntakeReport r = report;
  // Staff report in their own name unless they type another; a hotline caller may stay unnamed.
  if (r.reporter_name.empty() && !hotline) r.reporter_name = call.who.display_name;
  IntakeOptions o;
  o.channel = channel;
  // A hotline caller rarely knows their grid: the township or village will do, and the dispatch
  // centre locates the rest. Staff pick their grid, within their own scope.
  o.nodes = hotline ? IntakeNodes::kArea : IntakeNodes::kGrid;
  o.node_scope = call.who.scope;
  o.scope = call.who.scope;
  o.check_channel = [&] { return CheckDeskFields(report, channel); };
  IntakeDraft d;
  d.c.request_type = report.request_type;
  if (hotline) {
    d.c.hotline_class =
        report.hotline_class.empty() ? DefaultHotlineClass(report.urgency) : report.hotline_class;
  }
  d.actor_id = call.who.user_id;
  d.actor_name = call.who.display_name;
  d.answer = report.answer;
  d.audit = call.Audit("cases.case.report", "case", "", "", {});
  if (hotline)
    d.audit_summary = {{"request_type", d.c.request_type}, {"hotline_class", d.c.hotline_class}};
  return Intake(ctx, r, o, d);
}

}  // namespace jiceng::cases
