// The autonomy module: how a village or community decides (四议两公开) and shows its work.
#include <spdlog/spdlog.h>

#include <optional>

#include "core/time/chinese_days.hpp"
#include "core/time/civil.hpp"
#include "modules/autonomy/api.hpp"
#include "modules/autonomy/autonomy_context.hpp"
#include "modules/autonomy/board/board_routes.hpp"
#include "modules/autonomy/committees/committee_routes.hpp"
#include "modules/autonomy/committees/two_committees_routes.hpp"
#include "modules/autonomy/conventions/convention_routes.hpp"
#include "modules/autonomy/decisions/decision_routes.hpp"
#include "modules/autonomy/deliberation/topic_routes.hpp"
#include "modules/autonomy/demo/seed_demo_autonomy.hpp"
#include "modules/autonomy/demo/seed_demo_two_committees.hpp"
#include "modules/autonomy/disclosures/disclosure_routes.hpp"
#include "modules/autonomy/disclosures/schedule_routes.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kDemoVillage = "330681109290";  // 枫源村, the org module's demo village
constexpr const char* kDemoTownship = "330681109";    // 枫桥镇

// The official calendar from the chinese-days package (the years it ships up to next year).
// Admins' edits of single days live in the cases module's calendar and are not seen here.
core::time::WorkCalendar LoadCalendar(const core::time::Clock& clock) {
  std::string dir = core::time::FindChineseDaysDir("");
  int this_year = core::time::CivilFromDays(core::time::FloorDiv(clock.NowMs(), 86400000)).y;
  std::vector<core::time::CalendarDay> days;
  int loaded = 0;
  for (int year = 2004; year <= this_year + 1; ++year) {
    auto y = core::time::ReadChineseDaysYear(dir, year);
    if (!y.ok()) continue;
    ++loaded;
    days.insert(days.end(), y->begin(), y->end());
  }
  if (loaded == 0)
    spdlog::warn("autonomy: the chinese-days calendar was not found; only weekends are off days");
  return core::time::CalendarFromDays(days);
}

class AutonomyModule final : public core::app::Module {
 public:
  explicit AutonomyModule(const org::OrgApi& org) : org_(org) {}
  std::string name() const override { return "autonomy"; }

  core::Result<void> Start(core::app::AppContext& app) override {
    JC_TRY(RegisterAutonomyPermissions());
    ctx_.emplace(AutonomyContext{
        app.db, app.audit, app.clock, org_, LoadCalendar(app.clock),
        !app.config.server.tls_certificate.empty() || app.config.auth.secure_cookie});
    return {};
  }

  // With the synthetic data of `jiceng demo` (--cases > 0; API tests seed the county without it).
  core::Result<void> SeedDemo(core::app::AppContext& app,
                              const core::app::DemoOptions& options) override {
    if (options.cases <= 0) return {};
    JC_ASSIGN_OR_RETURN(auto counts, SeedDemoAutonomy(*ctx_, kDemoVillage));
    spdlog::info("autonomy: {} demo decisions ({} stopped), {} disclosures ({} overdue)",
                 counts.decisions, counts.stopped, counts.disclosures, counts.overdue);
    JC_ASSIGN_OR_RETURN(int committees, SeedDemoTwoCommittees(*ctx_, kDemoTownship));
    spdlog::info("autonomy: {} demo villagers' committees", committees);
    return {};
  }

  void RegisterRoutes(core::http::Router& router) override {
    router.SetTag("autonomy");
    RegisterDecisionRoutes(router, *ctx_);
    RegisterDisclosureRoutes(router, *ctx_);
    RegisterScheduleRoutes(router, *ctx_);
    RegisterBoardRoutes(router, *ctx_);
    RegisterConventionRoutes(router, *ctx_);
    RegisterCommitteeRoutes(router, *ctx_);
    RegisterTwoCommitteesRoutes(router, *ctx_);
    RegisterTopicRoutes(router, *ctx_);
  }

 private:
  const org::OrgApi& org_;
  std::optional<AutonomyContext> ctx_;
};

}  // namespace

std::unique_ptr<core::app::Module> MakeAutonomyModule(const org::OrgApi& org) {
  return std::make_unique<AutonomyModule>(org);
}

}  // namespace jiceng::autonomy
