#include "modules/cases/indicators/indicators.hpp"

#include <cmath>

namespace jiceng::cases {

using Json = nlohmann::json;

std::optional<double> Percent(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return std::nullopt;
  return std::round(10000.0 * static_cast<double>(numerator) / static_cast<double>(denominator)) /
         100.0;
}

namespace {

Json Rate(std::optional<double> p) { return p ? Json(*p) : Json(nullptr); }

}  // namespace

Json IndicatorJson(const IndicatorCounts& c, const IndicatorOptions& o) {
  std::int64_t on_time_denominator = o.deferred_in_denominator ? c.due : c.due - c.deferred;
  std::int64_t on_time = o.deferred_in_denominator ? c.closed_on_time : c.closed_on_time_undeferred;
  std::int64_t satisfied = c.satisfied + (o.satisfaction_counts_mostly ? c.mostly_satisfied : 0);
  Json counts = {{"reported", c.reported},
                 {"dispatched", c.dispatched},
                 {"accepted", c.accepted},
                 {"due", c.due},
                 {"deferred", c.deferred},
                 {"closed", c.closed},
                 {"closed_on_time", c.closed_on_time},
                 {"extended", c.extended},
                 {"verified", c.verified},
                 {"reworked", c.reworked},
                 {"resolved", c.resolved},
                 {"followups", c.followups},
                 {"followup_resolved", c.followup_resolved},
                 {"satisfied", c.satisfied},
                 {"mostly_satisfied", c.mostly_satisfied}};
  Json rates = {{"closure_rate", Rate(Percent(c.closed, c.due))},
                {"on_time_closure_rate", Rate(Percent(on_time, on_time_denominator))},
                {"rework_rate", Rate(Percent(c.reworked, c.verified + c.reworked))},
                {"extension_rate", Rate(Percent(c.extended, c.dispatched))},
                {"response_rate", Rate(Percent(c.accepted, c.dispatched))},
                {"resolution_rate", Rate(Percent(c.followup_resolved, c.followups))},
                {"satisfaction_rate", Rate(Percent(satisfied, c.followups))}};
  Json average = c.resolved > 0 ? Json(std::round(10.0 * static_cast<double>(c.handling_minutes) /
                                                  static_cast<double>(c.resolved)) /
                                       10.0)
                                : Json(nullptr);
  return {{"counts", counts},
          {"rates", rates},
          {"average_handling_working_minutes", average},
          {"definitions",
           {{"deferred_in_denominator", o.deferred_in_denominator},
            {"satisfaction", o.satisfaction_counts_mostly ? "satisfied_or_mostly" : "satisfied"}}}};
}

}  // namespace jiceng::cases
