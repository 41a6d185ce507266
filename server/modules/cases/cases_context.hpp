// What the cases module's use cases share: core services, the org api (locating, departments),
// the data key for reporters' phones, and the current calendar.
#pragma once
#include <memory>
#include <vector>

#include "core/app/module.hpp"
#include "core/crypto/field_cipher.hpp"
#include "modules/cases/catalogue/calendar_store.hpp"
#include "modules/cases/indicators/indicators.hpp"
#include "modules/cases/intake/duplicates.hpp"
#include "modules/org/api.hpp"

namespace jiceng::cases {

struct CasesContext {
  core::db::Database& db;
  core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  const org::OrgApi& org;
  std::shared_ptr<core::crypto::FieldCipher> cipher;
  CalendarHolder calendar;
  std::vector<core::time::WorkPeriod> periods = core::time::DefaultPeriods();
  IndicatorOptions indicators;  // [cases] deferred_in_denominator, satisfaction
  std::string photo_dir;        // case photos on disk: PhotoDir(config), photo_store.hpp
  DuplicateRule duplicates;     // [cases] duplicate_distance_m, duplicate_window_hours
};

}  // namespace jiceng::cases
