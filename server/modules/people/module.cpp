// The people module: residents, households, houses, units, tags, visits, imports and ledgers.
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/crypto/field_cipher.hpp"
#include "modules/people/api.hpp"
#include "modules/people/demo/seed_demo_people.hpp"
#include "modules/people/imports/import_cli.hpp"
#include "modules/people/imports/import_routes.hpp"
#include "modules/people/ledgers/ledger_routes.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/record_routes.hpp"
#include "modules/people/residents/resident_routes.hpp"

namespace jiceng::people {

namespace {

// Division codes asked for by ID validation, remembered (an import asks for the same few
// thousand codes a million times).
class DivisionCodeCache {
 public:
  explicit DivisionCodeCache(const org::OrgApi& org) : org_(org) {}
  bool Exists(std::string_view code) {
    std::string key(code);
    {
      std::shared_lock lock(mutex_);
      if (auto it = known_.find(key); it != known_.end()) return it->second;
    }
    bool exists = org_.IsKnownDivisionCode(code);
    std::unique_lock lock(mutex_);
    known_[key] = exists;
    return exists;
  }

 private:
  const org::OrgApi& org_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, bool> known_;
};

class PeopleModule final : public core::app::Module {
 public:
  explicit PeopleModule(const org::OrgApi& org) : org_(org), divisions_(org) {}
  std::string name() const override { return "people"; }

  core::Result<void> Start(core::app::AppContext& app) override {
    JC_TRY(RegisterPeoplePermissions());
    ctx_.emplace(
        PeopleContext{app.db, app.audit, app.clock, app.config, Privacy(app.cipher),
                      [this](std::string_view code) { return divisions_.Exists(code); },
                      [this](const std::string& code) -> std::optional<std::string> {
                        auto node = org_.GetNode(core::auth::Scope::All(), code);
                        if (!node.ok() || !node->has_value()) return std::nullopt;
                        return (*node)->name;
                      },
                      [this](double lng, double lat) { return org_.LocateGrid(lng, lat); },
                      [this](const std::string& prefix) { return org_.GridCodes(prefix); }});
    return {};
  }

  void RegisterRoutes(core::http::Router& router) override {
    router.SetTag("people");
    RegisterResidentRoutes(router, *ctx_);
    RegisterHouseRoutes(router, *ctx_);
    RegisterHouseholdRoutes(router, *ctx_);
    RegisterUnitRoutes(router, *ctx_);
    RegisterVisitRoutes(router, *ctx_);
    imports_ = RegisterImportRoutes(router, *ctx_);
    RegisterLedgerRoutes(router, *ctx_);
  }

  void Stop() override {
    if (imports_) imports_->Stop();
  }

  std::vector<core::app::ModuleCommand> AddCommands(CLI::App& cli) override {
    return AddImportCommands(cli, [this]() -> PeopleContext& { return *ctx_; });
  }

  core::Result<void> SeedDemo(core::app::AppContext& app,
                              const core::app::DemoOptions& options) override {
    return SeedDemoPeople(*ctx_, options);
  }

 private:
  const org::OrgApi& org_;
  DivisionCodeCache divisions_;
  std::optional<PeopleContext> ctx_;
  std::shared_ptr<ImportQueue> imports_;  // its thread must end before the database closes
};

}  // namespace

std::unique_ptr<core::app::Module> MakePeopleModule(const org::OrgApi& org) {
  return std::make_unique<PeopleModule>(org);
}

}  // namespace jiceng::people
