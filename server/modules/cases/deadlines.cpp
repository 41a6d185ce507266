#include "modules/cases/deadlines.hpp"

namespace jiceng::cases {

std::optional<CategoryDeadline> FindDeadline(const Category& c, const std::string& stage,
                                             const std::string& urgency) {
  for (const auto& d : c.deadlines)
    if (d.stage == stage && d.urgency == urgency) return d;
  return std::nullopt;
}

std::int64_t DueAt(const core::time::WorkCalendar& calendar, const CategoryDeadline& rule,
                   std::int64_t start_ms) {
  if (rule.unit == "minutes") return start_ms + static_cast<std::int64_t>(rule.amount) * 60000;
  if (rule.unit == "working_days") return calendar.AddWorkingDays(start_ms, rule.amount);
  return calendar.AddWorkingMinutes(start_ms, rule.amount);
}

std::string VerificationStage(const std::string& org_code) {
  if (org_code.size() >= 12) {
    const std::string segment = org_code.substr(9, 3);
    if (segment >= "200" && segment <= "399")
      return "verification_rural";  // 3 digits compare as text
  }
  return "verification_urban";
}

}  // namespace jiceng::cases
