// Case indicators: the counters kept per unit × category × day, and the rates computed from
// their sums. Definitions (STANDARDS.md; the ones without a published formula are
// configuration, [cases] in the config file):
//   closure rate          = closed / due                      (due: handling deadline in the
//   period) on-time closure rate  = closed on time / due              (deferred_in_denominator =
//   true)
//                         = closed on time without extension / (due − deferred)   (false)
//   rework rate           = reworked / (verified + reworked)  (sent back / verification decisions)
//   extension rate        = extensions approved / dispatched
//   response rate         = accepted (签收) / dispatched
//   resolution rate       = follow-ups answering "resolved" / follow-ups
//   satisfaction rate     = (satisfied + mostly) / follow-ups (satisfaction = satisfied_or_mostly)
//                         = satisfied / follow-ups            (satisfaction = satisfied)
//   average handling time = working minutes dispatch → resolve / resolved
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace jiceng::cases {

struct IndicatorCounts {
  std::int64_t reported = 0, dispatched = 0, accepted = 0, due = 0, deferred = 0, closed = 0,
               closed_on_time = 0, closed_on_time_undeferred = 0, extended = 0, verified = 0,
               reworked = 0, resolved = 0, handling_minutes = 0, followups = 0,
               followup_resolved = 0, satisfied = 0, mostly_satisfied = 0;
};

struct IndicatorOptions {
  bool deferred_in_denominator = true;
  bool satisfaction_counts_mostly = true;
};

// A rate in percent rounded to 2 decimals; nullopt when the denominator is 0.
std::optional<double> Percent(std::int64_t numerator, std::int64_t denominator);

// Counts and rates as the API answers them.
nlohmann::json IndicatorJson(const IndicatorCounts& c, const IndicatorOptions& options);

}  // namespace jiceng::cases
