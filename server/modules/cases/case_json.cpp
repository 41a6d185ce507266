#include "modules/cases/case_json.hpp"

#include "core/text/mask.hpp"
#include "core/time/clock.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

using Json = nlohmann::json;

namespace {

Json Time(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  return core::time::FormatIsoUtc(*ms);
}

}  // namespace

Json CaseJson(const Case& c, std::int64_t now_ms) {
  auto status = ParseStatus(c.status);
  bool overdue = status && IsOpen(*status) && *status != CaseStatus::kSuspended && c.stage_due_at &&
                 *c.stage_due_at < now_ms;
  return {
      {"id", c.id},
      {"channel", c.channel},
      {"request_type", c.request_type},
      {"category_code", c.category_code},
      {"urgency", c.urgency},
      {"status", c.status},
      {"status_label", status ? StatusLabel(*status) : ""},
      {"description", c.description},
      {"address", c.address},
      {"lng", c.lng ? Json(*c.lng) : Json(nullptr)},
      {"lat", c.lat ? Json(*c.lat) : Json(nullptr)},
      {"org_code", c.org_code},
      {"department_code", c.department_code},
      {"reporter_user_id", c.reporter_user_id ? Json(*c.reporter_user_id) : Json(nullptr)},
      {"reporter_name", c.reporter_name},
      {"reporter_phone", core::text::MaskPhone(c.reporter_phone)},
      {"first_receiver_id", c.first_receiver_id ? Json(*c.first_receiver_id) : Json(nullptr)},
      {"stage_due_at", Time(c.stage_due_at)},
      {"handling_due_at", Time(c.handling_due_at)},
      {"overdue", overdue},
      {"supervised", c.supervised},
      {"duplicate_of", c.duplicate_of ? Json(*c.duplicate_of) : Json(nullptr)},
      {"likely_duplicate_of", c.likely_duplicate_of ? Json(*c.likely_duplicate_of) : Json(nullptr)},
      {"hotline_class", c.hotline_class},
      {"feedback_due_at", Time(c.feedback_due_at)},
      {"followed_up_at", Time(c.followed_up_at)},
      {"escalated", c.escalated},
      {"public_description", c.public_description},
      {"version", c.version},
      {"created_at", core::time::FormatIsoUtc(c.created_at)},
      {"updated_at", core::time::FormatIsoUtc(c.updated_at)},
      {"closed_at", Time(c.closed_at)}};
}

Json EventJson(const CaseEvent& e) {
  return {{"id", e.id},
          {"action", e.action},
          {"action_label",
           [&] {
             if (auto a = ParseAction(e.action)) return std::string(ActionLabel(*a));
             // Events that are not user actions: intake and the deadline timer.
             if (e.action == "report") return std::string("上报");
             if (e.action == "answer") return std::string("当场答复");
             if (e.action == "overdue") return std::string("超期");
             if (e.action == "due_soon") return std::string("即将到期");
             if (e.action == "feedback_overdue") return std::string("回访超时");
             return std::string();
           }()},
          {"from_status", e.from_status},
          {"to_status", e.to_status},
          {"actor_name", e.actor_name},
          {"note", e.note},
          {"data", Json::parse(e.data, nullptr, false)},
          {"at", core::time::FormatIsoUtc(e.at)}};
}

Json AllowedActions(const Case& c, const core::auth::Principal& who) {
  Json out = Json::array();
  auto status = ParseStatus(c.status);
  if (!status) return out;
  for (CaseAction a : ActionsFrom(*status)) {
    if (a == CaseAction::kFollowUp && c.followed_up_at) continue;  // asked once
    if (a == CaseAction::kMerge && c.duplicate_of) continue;
    const ActionRule& rule = RuleOf(a);
    if (who.Has(rule.permission))
      out.push_back({{"action", ActionName(a)},
                     {"label", ActionLabel(a)},
                     {"note_required", rule.note_required}});
  }
  return out;
}

}  // namespace jiceng::cases
