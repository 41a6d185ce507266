#include "modules/cases/report_case.hpp"

#include <openssl/rand.h>

#include <cmath>
#include <set>

#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/category_store.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/indicator_hooks.hpp"
#include "modules/cases/indicator_store.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;

std::string NewTrackingCode() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  unsigned char bytes[10];
  RAND_bytes(bytes, sizeof bytes);
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % (sizeof kAlphabet - 1)];
  return out;
}

namespace {

Result<void> Validate(const CaseReport& r) {
  std::size_t chars = core::text::Utf8Length(r.description);
  if (chars == 0) return DomainError::Invalid("cases.description.required", "请描述问题", "description");
  if (chars > 2000) return DomainError::Invalid("cases.description.too_long", "问题描述不能超过 2000 个字", "description");
  if (r.urgency != "normal" && r.urgency != "urgent") {
    return DomainError::Invalid("cases.urgency", "紧急程度应为 normal 或 urgent", "urgency");
  }
  if (core::text::Utf8Length(r.address) > 200) return DomainError::Invalid("cases.address.too_long", "地址不能超过 200 个字", "address");
  if (r.lng.has_value() != r.lat.has_value()) {
    return DomainError::Invalid("cases.location.invalid", "经度和纬度需同时提供", "lng");
  }
  if (r.lng && (!std::isfinite(*r.lng) || !std::isfinite(*r.lat) || *r.lng < 73 || *r.lng > 136 || *r.lat < 3 ||
                *r.lat > 54)) {
    return DomainError::Invalid("cases.location.invalid", "位置不在中国境内", "lng");
  }
  if (!r.lng && r.org_code.empty()) {
    return DomainError::Invalid("cases.location.required", "请在地图上选点，或选择所在网格", "lng");
  }
  const std::set<std::string> kRequestTypes = {"", "consult", "help", "complaint", "report", "suggestion"};
  if (!kRequestTypes.count(r.request_type)) {
    return DomainError::Invalid("cases.request_type", "诉求类型应为 咨询/求助/投诉/举报/建议 之一", "request_type");
  }
  if (core::text::Utf8Length(r.reporter_name) > 50) {
    return DomainError::Invalid("cases.reporter_name.too_long", "姓名不能超过 50 个字", "reporter_name");
  }
  return {};
}

}  // namespace

Result<Case> ReportCase(CasesContext& ctx, const core::app::Call& call, const CaseReport& report,
                        const std::string& channel) {
  JC_TRY(Validate(report));
  Case c;
  if (!report.reporter_phone.empty()) {
    auto phone = core::text::NormalizePhone(report.reporter_phone);
    if (!phone.ok()) return DomainError::Invalid("cases.reporter_phone", "电话号码格式不正确", "reporter_phone");
    c.reporter_phone = *phone;
  }
  // Locate: a point goes through the grid index; a grid given directly must exist.
  if (report.lng) {
    auto grid = ctx.org.LocateGrid(*report.lng, *report.lat);
    if (!grid) return DomainError::Invalid("cases.location.outside", "该位置不在任何网格内", "lng");
    c.org_code = *grid;
  } else {
    JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(call.who.scope, report.org_code));
    if (!node || node->level != org::OrgLevel::kGrid) {
      return DomainError::Invalid("cases.grid.not_found", "网格不存在或不在您的管辖范围内", "org_code");
    }
    c.org_code = report.org_code;
  }
  if (!call.who.scope.Covers(c.org_code)) {
    return DomainError::Invalid("cases.location.out_of_scope", "该位置不在您的管辖范围内", "lng");
  }
  c.tracking_code = NewTrackingCode();
  c.channel = channel;
  c.request_type = report.request_type;
  c.category_code = report.category_code;
  c.urgency = report.urgency;
  c.status = "reported";
  c.description = report.description;
  c.address = report.address;
  c.lng = report.lng;
  c.lat = report.lat;
  c.reporter_user_id = call.who.user_id;
  c.reporter_name = report.reporter_name.empty() ? call.who.display_name : report.reporter_name;
  c.created_at = ctx.clock.NowMs();
  auto calendar = ctx.calendar.Get();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto category, CategoryStore(s).Get(report.category_code));
    if (!category || !category->active) {
      return DomainError::Invalid("cases.category.not_found", "案件类别不存在或已停用", "category_code");
    }
    // The first stage is filing and dispatch.
    if (auto rule = FindDeadline(*category, "dispatch", c.urgency)) c.stage_due_at = DueAt(*calendar, *rule, c.created_at);
    CaseStore store(s, *ctx.cipher);
    JC_TRY(store.Insert(c));
    CaseEvent e{0, c.id, "report", "", c.status, call.who.user_id, call.who.display_name, "", "{}", c.created_at};
    nlohmann::json data = {{"channel", channel}};
    e.data = data.dump();
    JC_TRY(store.AppendEvent(e));
    IndicatorStore indicators(s);
    JC_TRY(CountReport(indicators, c));
    return ctx.audit.Append(s, call.Audit("cases.case.report", "case", std::to_string(c.id), c.org_code,
                                          {{"category", c.category_code}, {"channel", channel},
                                           {"urgency", c.urgency}}));
  }));
  return c;
}

}  // namespace jiceng::cases
