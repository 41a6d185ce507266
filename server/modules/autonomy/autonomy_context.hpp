// What the autonomy module's use cases share: core services, the org api and the calendar.
#pragma once
#include "core/app/module.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/org/api.hpp"

namespace jiceng::autonomy {

struct AutonomyContext {
  core::db::Database& db;
  core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  const org::OrgApi& org;
  // The official working-day calendar (chinese-days), for the disclosure schedule.
  core::time::WorkCalendar calendar;
  // Links printed on paper (the notice's QR code) name the public page with this scheme: https
  // when the server speaks TLS or sits behind a TLS proxy (secure cookies), else http.
  bool public_https = false;
};

}  // namespace jiceng::autonomy
