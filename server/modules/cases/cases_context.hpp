// What the cases module's use cases share: core services and the current calendar.
#pragma once
#include <vector>

#include "core/app/module.hpp"
#include "modules/cases/calendar_store.hpp"

namespace jiceng::cases {

struct CasesContext {
  core::db::Database& db;
  core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  CalendarHolder calendar;
  std::vector<core::time::WorkPeriod> periods = core::time::DefaultPeriods();
};

}  // namespace jiceng::cases
