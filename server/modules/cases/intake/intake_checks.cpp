#include <cmath>

#include "core/module_names.hpp"
#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/intake/intake.hpp"

namespace jiceng::cases {

std::vector<DomainError> CheckIntake(const IntakeReport& r, const IntakeOptions& o) {
  std::vector<DomainError> out;
  std::size_t chars = core::text::Utf8Length(r.description);
  if (chars == 0 && !o.description_optional) {
    out.push_back(DomainError::Invalid("cases.description.required", o.wording.description_required,
                                       "description"));
  }
  if (chars > o.max_description) {
    out.push_back(DomainError::Invalid(
        "cases.description.too_long",
        "问题描述不能超过 " + std::to_string(o.max_description) + " 个字", "description"));
  }
  if (r.urgency != "normal" && r.urgency != "urgent") {
    out.push_back(
        DomainError::Invalid("cases.urgency", "紧急程度应为 normal 或 urgent", "urgency"));
  }
  if (core::text::Utf8Length(r.address) > 200)
    out.push_back(
        DomainError::Invalid("cases.address.too_long", "地址不能超过 200 个字", "address"));
  if (core::text::Utf8Length(r.reporter_name) > 50) {
    out.push_back(DomainError::Invalid("cases.reporter_name.too_long", "姓名不能超过 50 个字",
                                       "reporter_name"));
  }
  if (r.lng.has_value() != r.lat.has_value()) {
    out.push_back(DomainError::Invalid("cases.location.invalid", "经度和纬度需同时提供", "lng"));
  } else if (r.lng && o.point_in_china &&
             (!std::isfinite(*r.lng) || !std::isfinite(*r.lat) || *r.lng < 73 || *r.lng > 136 ||
              *r.lat < 3 || *r.lat > 54)) {
    out.push_back(DomainError::Invalid("cases.location.invalid", "位置不在中国境内", "lng"));
  }
  if (o.point_in_china && !r.lng && !r.lat && r.node_code.empty()) {
    out.push_back(
        DomainError::Invalid("cases.location.required", o.wording.location_required, "lng"));
  }
  if (!r.reporter_phone.empty() && !core::text::NormalizePhone(r.reporter_phone).ok()) {
    out.push_back(
        DomainError::Invalid("cases.reporter_phone", "电话号码格式不正确", "reporter_phone"));
  }
  return out;
}

namespace {

bool Nameable(const std::optional<org::OrgNode>& node, IntakeNodes nodes) {
  if (!node) return false;
  switch (nodes) {
    case IntakeNodes::kGrid:
      return node->level == org::OrgLevel::kGrid;
    case IntakeNodes::kArea:
      return node->level != org::OrgLevel::kDepartment;
    case IntakeNodes::kCountyDown:
      return node->level == org::OrgLevel::kCounty || node->level == org::OrgLevel::kTownship ||
             node->level == org::OrgLevel::kVillage || node->level == org::OrgLevel::kGrid;
  }
  return false;
}

}  // namespace

Result<IntakeLocation> LocateIntake(CasesContext& ctx, const IntakeReport& r,
                                    const IntakeOptions& o) {
  IntakeLocation out;
  if (r.lng) {
    auto grid = ctx.org.LocateGrid(*r.lng, *r.lat);
    if (!grid) return DomainError::Invalid("cases.location.outside", o.wording.outside, "lng");
    out.org_code = *grid;
  } else {
    std::optional<org::OrgNode> node;
    if (!r.node_code.empty()) {
      JC_ASSIGN_OR_RETURN(node, ctx.org.GetNode(o.node_scope, r.node_code));
    }
    if (!Nameable(node, o.nodes)) {
      return DomainError::Invalid("cases.grid.not_found", o.wording.node_not_found, o.node_field);
    }
    out.org_code = node->code;
    out.grid = node->level == org::OrgLevel::kGrid;
  }
  if (o.scope && !o.scope->Covers(out.org_code)) {
    return DomainError::Invalid("cases.location.out_of_scope", "该位置不在您的管辖范围内", "lng");
  }
  if (o.check_location) JC_TRY(o.check_location(out.org_code));
  return out;
}

Result<Case> Intake(CasesContext& ctx, const IntakeReport& r, const IntakeOptions& o,
                    IntakeDraft& d) {
  auto problems = CheckIntake(r, o);
  if (!problems.empty()) return problems.front();
  if (o.check_channel) JC_TRY(o.check_channel());
  Case& c = d.c;
  JC_ASSIGN_OR_RETURN(auto location, LocateIntake(ctx, r, o));
  c.org_code = location.org_code;
  if (o.mark_unlocated && !location.grid) d.event_data["located"] = false;
  if (!r.reporter_phone.empty()) c.reporter_phone = *core::text::NormalizePhone(r.reporter_phone);
  c.channel = o.channel;
  c.category_code = r.category_code;
  c.urgency = r.urgency;
  c.description = r.description;
  c.address = r.address;
  c.public_description = o.channel == "resident" && r.public_description;
  c.lng = r.lng;
  c.lat = r.lat;
  c.reporter_name = r.reporter_name;
  return WriteIntake(ctx, d);
}

}  // namespace jiceng::cases
