#include "modules/cases/intake/hotline.hpp"

namespace jiceng::cases {

namespace {
constexpr std::int64_t kHour = 3600000;
constexpr std::int64_t kDay = 24 * kHour;
}  // namespace

bool IsHotlineClass(const std::string& cls) {
  return cls == "emergency" || cls == "utility" || cls == "general" || cls == "complex";
}

std::string DefaultHotlineClass(const std::string& urgency) {
  return urgency == "urgent" ? "emergency" : "general";
}

std::int64_t HotlineDispatchDue(const std::string& cls, std::int64_t received_ms) {
  if (cls == "emergency") return received_ms + 1 * kHour;
  if (cls == "utility") return received_ms + 2 * kHour;
  return received_ms + 24 * kHour;
}

std::int64_t HotlineFeedbackDue(const std::string& cls, std::int64_t received_ms) {
  if (cls == "emergency") return received_ms + 2 * kHour;
  if (cls == "utility") return received_ms + 24 * kHour;
  if (cls == "complex") return received_ms + 15 * kDay;
  return received_ms + 7 * kDay;
}

bool IsRequestType(const std::string& type) {
  return type == "consult" || type == "help" || type == "complaint" || type == "report" ||
         type == "suggestion";
}

}  // namespace jiceng::cases
