// The party module: party organizations bound to org nodes, members linked to resident records,
// household links and community reports (issue 13).
#include <optional>

#include "modules/party/api.hpp"
#include "modules/party/demo/seed_demo_party.hpp"
#include "modules/party/party_routes.hpp"
#include "modules/party/permissions.hpp"

namespace jiceng::party {

namespace {

class PartyModule final : public core::app::Module {
 public:
  explicit PartyModule(const org::OrgApi& org) : org_(org) {}
  std::string name() const override { return "party"; }

  core::Result<void> Start(core::app::AppContext& app) override {
    JC_TRY(RegisterPartyPermissions());
    ctx_.emplace(PartyContext{app.db, app.audit, app.clock, org_,
                              people::PartyPeopleApi(app.cipher),
                              app.config.party.household_links_max});
    return {};
  }

  void RegisterRoutes(core::http::Router& router) override {
    router.SetTag("party");
    RegisterOrgRoutes(router, *ctx_);
    RegisterMemberRoutes(router, *ctx_);
    RegisterLinkRoutes(router, *ctx_);
    RegisterCommunityRoutes(router, *ctx_);
  }

  core::Result<void> SeedDemo(core::app::AppContext& app,
                              const core::app::DemoOptions& options) override {
    return SeedDemoParty(*ctx_, options);
  }

 private:
  const org::OrgApi& org_;
  std::optional<PartyContext> ctx_;
};

}  // namespace

std::unique_ptr<core::app::Module> MakePartyModule(const org::OrgApi& org) {
  return std::make_unique<PartyModule>(org);
}

}  // namespace jiceng::party
