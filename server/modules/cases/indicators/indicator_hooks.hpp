// What intake and each workflow action add to the indicator counters, in the same transaction
// as the change itself.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "core/db/database.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

class IndicatorSink;

core::Result<void> CountReport(IndicatorSink& sink, const Case& c);

struct ActionFacts {
  CaseAction action;
  const Case& before;
  const Case& after;
  bool deferred_before = false;  // an extension had been approved before this action
  bool deferred_after = false;
  const nlohmann::json& data;                    // the timeline data of the action
  std::optional<std::int64_t> handling_minutes;  // resolve: working minutes since dispatch
  std::int64_t now_ms = 0;
};

core::Result<void> CountAction(IndicatorSink& sink, const ActionFacts& f);

}  // namespace jiceng::cases
