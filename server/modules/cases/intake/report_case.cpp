#include "modules/cases/intake/report_case.hpp"

#include <cmath>

#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/intake/hotline.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;

namespace {

Result<void> Validate(const CaseReport& r, const std::string& channel) {
  std::size_t chars = core::text::Utf8Length(r.description);
  if (chars == 0)
    return DomainError::Invalid("cases.description.required", "请描述问题", "description");
  if (chars > 2000)
    return DomainError::Invalid("cases.description.too_long", "问题描述不能超过 2000 个字",
                                "description");
  if (r.urgency != "normal" && r.urgency != "urgent") {
    return DomainError::Invalid("cases.urgency", "紧急程度应为 normal 或 urgent", "urgency");
  }
  if (core::text::Utf8Length(r.address) > 200)
    return DomainError::Invalid("cases.address.too_long", "地址不能超过 200 个字", "address");
  if (r.lng.has_value() != r.lat.has_value()) {
    return DomainError::Invalid("cases.location.invalid", "经度和纬度需同时提供", "lng");
  }
  if (r.lng && (!std::isfinite(*r.lng) || !std::isfinite(*r.lat) || *r.lng < 73 || *r.lng > 136 ||
                *r.lat < 3 || *r.lat > 54)) {
    return DomainError::Invalid("cases.location.invalid", "位置不在中国境内", "lng");
  }
  if (!r.lng && r.org_code.empty()) {
    return DomainError::Invalid("cases.location.required", "请在地图上选点，或选择所在网格", "lng");
  }
  if (!r.request_type.empty() && !IsRequestType(r.request_type)) {
    return DomainError::Invalid("cases.request_type", "诉求类型应为 咨询/求助/投诉/举报/建议 之一",
                                "request_type");
  }
  if (core::text::Utf8Length(r.reporter_name) > 50) {
    return DomainError::Invalid("cases.reporter_name.too_long", "姓名不能超过 50 个字",
                                "reporter_name");
  }
  if (channel == "hotline") {
    if (r.request_type.empty())
      return DomainError::Invalid("cases.request_type", "请选择诉求类型", "request_type");
    if (!r.hotline_class.empty() && !IsHotlineClass(r.hotline_class)) {
      return DomainError::Invalid("cases.hotline_class",
                                  "工单类别应为 紧急/水电气热/一般/复杂 之一", "hotline_class");
    }
    if (!r.answer.empty() && r.request_type != "consult") {
      return DomainError::Invalid("cases.answer.not_consult", "只有咨询类诉求可以当场答复办结",
                                  "answer");
    }
    if (core::text::Utf8Length(r.answer) > 2000) {
      return DomainError::Invalid("cases.answer.too_long", "答复内容不能超过 2000 个字", "answer");
    }
  } else if (!r.hotline_class.empty() || !r.answer.empty()) {
    return DomainError::Invalid("cases.hotline_only", "工单类别和当场答复只用于 12345 热线",
                                "hotline_class");
  }
  return {};
}

// A point goes through the grid index; a node given directly must exist and be a grid (staff)
// or any node from the county down (hotline callers rarely know their grid).
Result<std::string> Locate(CasesContext& ctx, const core::app::Call& call, const CaseReport& report,
                           const std::string& channel) {
  if (report.lng) {
    auto grid = ctx.org.LocateGrid(*report.lng, *report.lat);
    if (!grid) return DomainError::Invalid("cases.location.outside", "该位置不在任何网格内", "lng");
    return *grid;
  }
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(call.who.scope, report.org_code));
  bool grid = node && node->level == org::OrgLevel::kGrid;
  bool area = node && node->level != org::OrgLevel::kDepartment;
  if (!(channel == "hotline" ? area : grid)) {
    return DomainError::Invalid("cases.grid.not_found", "网格不存在或不在您的管辖范围内",
                                "org_code");
  }
  return report.org_code;
}

}  // namespace

Result<Case> ReportCase(CasesContext& ctx, const core::app::Call& call, const CaseReport& report,
                        const std::string& channel) {
  JC_TRY(Validate(report, channel));
  IntakeDraft d;
  Case& c = d.c;
  if (!report.reporter_phone.empty()) {
    auto phone = core::text::NormalizePhone(report.reporter_phone);
    if (!phone.ok())
      return DomainError::Invalid("cases.reporter_phone", "电话号码格式不正确", "reporter_phone");
    c.reporter_phone = *phone;
  }
  JC_ASSIGN_OR_RETURN(c.org_code, Locate(ctx, call, report, channel));
  if (!call.who.scope.Covers(c.org_code)) {
    return DomainError::Invalid("cases.location.out_of_scope", "该位置不在您的管辖范围内", "lng");
  }
  c.channel = channel;
  c.request_type = report.request_type;
  c.category_code = report.category_code;
  c.urgency = report.urgency;
  c.description = report.description;
  c.address = report.address;
  c.lng = report.lng;
  c.lat = report.lat;
  c.reporter_name = report.reporter_name.empty() && channel != "hotline" ? call.who.display_name
                                                                         : report.reporter_name;
  if (channel == "hotline") {
    c.hotline_class =
        report.hotline_class.empty() ? DefaultHotlineClass(report.urgency) : report.hotline_class;
  }
  d.actor_id = call.who.user_id;
  d.actor_name = call.who.display_name;
  d.answer = report.answer;
  d.audit = call.Audit("cases.case.report", "case", "", "", {});
  if (channel == "hotline")
    d.audit_summary = {{"request_type", c.request_type}, {"hotline_class", c.hotline_class}};
  return WriteIntake(ctx, d);
}

}  // namespace jiceng::cases
