// Due times from a category's deadline rule on the working-day calendar.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/time/work_calendar.hpp"
#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

// The rule of a stage for an urgency, if the category has one.
std::optional<CategoryDeadline> FindDeadline(const Category& c, const std::string& stage,
                                             const std::string& urgency);

// start + the rule: natural minutes, working minutes, or working days (legal convention).
std::int64_t DueAt(const core::time::WorkCalendar& calendar, const CategoryDeadline& rule,
                   std::int64_t start_ms);

// Villages (segment 200–399 of a 12-digit code) verify within the rural deadline, the rest
// (communities) within the urban one (STANDARDS.md: 1 h urban / 2 h rural).
std::string VerificationStage(const std::string& org_code);

}  // namespace jiceng::cases
