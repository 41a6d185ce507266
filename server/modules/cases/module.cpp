// The cases module: the category catalogue, the working-day calendar and (growing) the case
// workflow, hotline and Open311 intake.
#include <spdlog/spdlog.h>

#include <optional>

#include "modules/cases/api.hpp"
#include "modules/cases/catalogue_routes.hpp"
#include "modules/cases/category_store.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

namespace {

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
        spdlog::warn("cases: the chinese-days calendar was not loaded ({}); only weekends are off days",
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
    ctx_.emplace(app.db, app.audit, app.clock);
    JC_TRY(SeedReferenceData(*ctx_));
    return ctx_->calendar.Reload(app.db, ctx_->periods);
  }

  void RegisterRoutes(core::http::Router& router) override {
    router.SetTag("cases");
    RegisterCatalogueRoutes(router, *ctx_);
  }

 private:
  const org::OrgApi& org_;
  std::optional<CasesContext> ctx_;
};

}  // namespace

std::unique_ptr<core::app::Module> MakeCasesModule(const org::OrgApi& org) {
  return std::make_unique<CasesModule>(org);
}

}  // namespace jiceng::cases
