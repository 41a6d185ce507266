// The cases module: the category catalogue, the working-day calendar and (growing) the case
// workflow, hotline and Open311 intake.
#include <spdlog/spdlog.h>

#include <optional>

#include "core/crypto/field_cipher.hpp"
#include "modules/cases/api.hpp"
#include "modules/cases/board/board_routes.hpp"
#include "modules/cases/case_routes.hpp"
#include "modules/cases/catalogue/catalogue_routes.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadline_timer.hpp"
#include "modules/cases/demo/seed_demo_cases.hpp"
#include "modules/cases/indicators/indicator_routes.hpp"
#include "modules/cases/intake/public_routes.hpp"
#include "modules/cases/open311/api_key_cli.hpp"
#include "modules/cases/open311/open311_routes.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/cases/photos/photo_routes.hpp"

namespace jiceng::cases {

namespace {

constexpr const char* kDemoCounty = "330681";  // 诸暨市, the org module's demo county

// First start: the seed catalogue and every year of the official calendar. Both are admins'
// data afterwards, so later starts leave them alone.
core::Result<void> SeedReferenceData(CasesContext& ctx) {
  return ctx.db.Write([&](core::db::Session& s) -> core::Result<void> {
    CategoryStore categories(s);
    JC_ASSIGN_OR_RETURN(auto n, categories.Count());
    if (n == 0) {
      for (const auto& c : SeedCatalogue()) JC_TRY(categories.Insert(c, ctx.clock.NowMs()));
    }
    JC_ASSIGN_OR_RETURN(auto days, CalendarStore(s).Count());
    if (days == 0) {
      std::string dir = core::time::FindChineseDaysDir("");
      auto loaded = LoadChineseDays(s, dir, ctx.clock.NowMs());
      if (!loaded.ok()) {
        // Without the package every weekday counts as a working day: deadlines still work, but
        // holidays are missed until an admin enters them. Say so loudly.
        spdlog::warn(
            "cases: the chinese-days calendar was not loaded ({}); only weekends are off days",
            loaded.error().message);
      } else {
        spdlog::info("cases: loaded {} holidays and make-up workdays from {}", *loaded, dir);
      }
    }
    return {};
  });
}

class CasesModule final : public core::app::Module {
 public:
  explicit CasesModule(const org::OrgApi& org) : org_(org) {}
  std::string name() const override { return "cases"; }

  core::Result<void> Start(core::app::AppContext& app) override {
    JC_TRY(RegisterCasesPermissions());
    // Reporters' phones are encrypted with the same data key as residents' (people module).
    auto suite = core::crypto::ParseFieldSuite(app.config.security.field_suite);
    if (!suite)
      return core::DomainError::Invalid("config.security.field_suite",
                                        "field_suite 应为 sm4 或 aes", "field_suite");
    JC_ASSIGN_OR_RETURN(auto cipher, core::crypto::FieldCipher::FromKeyFile(
                                         core::app::DataKeyFile(app.config), true, *suite));
    auto periods = core::time::ParseWorkPeriods(app.config.cases.work_hours);
    if (!periods) {
      return core::DomainError::Invalid("config.cases.work_hours",
                                        "[cases] work_hours 格式应为 08:30-12:00,13:30-17:30",
                                        "work_hours");
    }
    ctx_.emplace(app.db, app.audit, app.clock, org_, cipher);
    ctx_->periods = *periods;
    ctx_->indicators = {app.config.cases.deferred_in_denominator,
                        app.config.cases.satisfaction != "satisfied"};
    ctx_->photo_dir = PhotoDir(app.config);
    ctx_->duplicates = {app.config.cases.duplicate_distance_m,
                        app.config.cases.duplicate_window_hours};
    JC_TRY(SeedReferenceData(*ctx_));
    return ctx_->calendar.Reload(app.db, ctx_->periods);
  }

  void RegisterRoutes(core::http::Router& router) override {
    router.SetTag("cases");
    RegisterCatalogueRoutes(router, *ctx_);
    RegisterCaseRoutes(router, *ctx_);
    RegisterIndicatorRoutes(router, *ctx_);
    RegisterBoardRoutes(router, *ctx_);
    RegisterOpen311Routes(router, *ctx_);
    RegisterPhotoRoutes(router, *ctx_);
    RegisterPublicCaseRoutes(router, *ctx_);
    router.Post(
        "/api/v1/cases/deadline-sweep",
        core::http::Answering([this](core::http::Request&) -> core::Result<core::http::Json> {
          JC_ASSIGN_OR_RETURN(auto swept, SweepDeadlines(*ctx_, ctx_->clock.NowMs()));
          return core::http::Json{{"overdue", swept.overdue},
                                  {"warned", swept.warned},
                                  {"feedback_overdue", swept.feedback_overdue}};
        }),
        kAdmin, "Runs the deadline timer now (it also runs every minute)");
    // Routes are registered only when serving: CLI commands run no timer.
    timer_ = std::make_unique<DeadlineTimer>(*ctx_, std::chrono::seconds(60));
    timer_->Start();
  }

  void Stop() override {
    if (timer_) timer_->Stop();
  }

  std::vector<core::app::ModuleCommand> AddCommands(CLI::App& cli) override {
    return AddApiKeyCommands(cli, [this]() -> CasesContext& { return *ctx_; });
  }

  core::Result<void> SeedDemo(core::app::AppContext& app,
                              const core::app::DemoOptions& options) override {
    if (options.cases <= 0) return {};
    JC_ASSIGN_OR_RETURN(auto counts,
                        SeedDemoCases(*ctx_, kDemoCounty, options.cases, options.cases >= 20000));
    spdlog::info("cases: {} demo cases ({} still open), {} timeline events", counts.cases,
                 counts.open, counts.events);
    return {};
  }

 private:
  const org::OrgApi& org_;
  std::optional<CasesContext> ctx_;
  std::unique_ptr<DeadlineTimer> timer_;  // stops before the database closes
};

}  // namespace

std::unique_ptr<core::app::Module> MakeCasesModule(const org::OrgApi& org) {
  return std::make_unique<CasesModule>(org);
}

}  // namespace jiceng::cases
