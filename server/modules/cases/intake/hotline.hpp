// The 12345 hotline's own limits [std: Beijing DB11/T 2021-2022, STANDARDS.md]: a ticket's class
// sets how soon it must be dispatched and how soon the caller must hear back (feedback, 回访).
// The hotline answers around the clock, so these are natural hours and days, not working time.
#pragma once
#include <cstdint>
#include <string>

namespace jiceng::cases {

// emergency: threats to life or property; utility: water, power, gas, heating and extreme
// weather; general: everything else; complex: needs several departments or a long fix.
bool IsHotlineClass(const std::string& cls);
// The operator's default when none is chosen: urgent tickets are emergencies.
std::string DefaultHotlineClass(const std::string& urgency);

// Dispatch within 1 h (emergency), 2 h (utility), 24 h (general, complex).
std::int64_t HotlineDispatchDue(const std::string& cls, std::int64_t received_ms);
// Feedback within 2 h (emergency), 24 h (utility), 7 days (general), 15 days (complex).
std::int64_t HotlineFeedbackDue(const std::string& cls, std::int64_t received_ms);

// Request types of the hotline: 咨询 求助 投诉 举报 建议.
bool IsRequestType(const std::string& type);

}  // namespace jiceng::cases
