// The org module: divisions, grids, departments and locate.
#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "modules/org/api.hpp"
#include "modules/org/divisions.hpp"
#include "modules/org/grid_locator.hpp"
#include "modules/org/grid_use_cases.hpp"
#include "modules/org/org_store.hpp"
#include "modules/org/routes.hpp"
#include "modules/org/seed_demo.hpp"

namespace jiceng::org {

namespace {

// A prefix no org code starts with: the scope of a grid worker who has no grid yet.
constexpr const char* kNothing = "-";

// Grid-worker accounts under org_code visible in scope (at most a few hundred per township).
core::Result<std::vector<GridWorker>> ListGridWorkers(core::auth::AuthService& auth,
                                                      const core::auth::Scope& scope,
                                                      const std::string& org_code) {
  std::vector<GridWorker> out;
  std::string cursor;
  do {
    JC_ASSIGN_OR_RETURN(auto page, auth.ListUsers(scope, "", org_code, 500, cursor));
    for (const auto& u : page.items) {
      bool worker = std::find(u.roles.begin(), u.roles.end(), "grid_worker") != u.roles.end();
      if (worker && !u.disabled) out.push_back({u.id, u.display_name, u.phone});
    }
    cursor = page.next_cursor.value_or("");
  } while (!cursor.empty());
  return out;
}

// Every prefecture and county code of the national table (cities.csv, areas.csv), if present.
std::unordered_set<std::string> ReadNationalCodes(const std::string& data_dir) {
  std::unordered_set<std::string> codes;
  if (data_dir.empty()) return codes;
  for (const char* file : {"/cities.csv", "/areas.csv"}) {
    std::ifstream in(data_dir + file);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) codes.insert(line.substr(0, line.find(',')));
  }
  return codes;
}

class OrgModule final : public core::app::Module, public OrgApi {
 public:
  std::string name() const override { return "org"; }

  core::Result<void> Start(core::app::AppContext& ctx) override {
    ctx_ = &ctx;
    JC_TRY(locator_.Load(ctx.db));
    national_codes_ = ReadNationalCodes(FindDivisionDataDir(""));
    auto& auth = ctx.auth;
    deps_.emplace(GridDeps{ctx.db, ctx.audit, ctx.clock, locator_,
                           [&auth](const std::vector<std::int64_t>& ids) {
                             std::vector<GridWorker> out;
                             for (std::int64_t id : ids) {
                               auto user = auth.GetUser(core::auth::Scope::All(), id);
                               if (user.ok()) out.push_back({id, user->display_name, user->phone});
                             }
                             return out;
                           },
                           [&auth](const core::auth::Scope& scope, const std::string& org_code) {
                             return ListGridWorkers(auth, scope, org_code);
                           }});
    // A grid worker sees the grids assigned to them, not their whole village.
    auth.SetScopeResolver([this](const core::auth::UserRecord& user) -> std::vector<std::string> {
      if (std::find(user.roles.begin(), user.roles.end(), "grid_worker") == user.roles.end())
        return {};
      auto grids = GridsOfWorker(user.id);
      if (!grids.ok() || grids->empty()) return {kNothing};
      return *grids;
    });
    auth.SetOrgLookup([this](const std::string& code) -> std::optional<std::string> {
      auto node = GetNode(core::auth::Scope::All(), code);
      if (!node.ok() || !node->has_value()) return std::nullopt;
      return (*node)->name;
    });
    return {};
  }

  void RegisterRoutes(core::http::Router& router) override { RegisterOrgRoutes(router, *deps_); }

  core::Result<void> SeedDemo(core::app::AppContext& ctx,
                              const core::app::DemoOptions& options) override {
    JC_TRY(SeedDemoCounty(ctx, options));
    return locator_.Load(ctx.db);  // the seed wrote grids directly
  }

  std::optional<std::string> LocateGrid(double lng, double lat) const override {
    return locator_.Locate(lng, lat);
  }

  core::Result<std::optional<OrgNode>> GetNode(const core::auth::Scope& scope,
                                               const std::string& code) const override {
    std::optional<OrgNode> out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(out, OrgStore(s).GetNode(scope, code));
      return {};
    }));
    return out;
  }

  bool IsKnownDivisionCode(std::string_view code) const override {
    if (national_codes_.count(std::string(code))) return true;
    auto node = GetNode(core::auth::Scope::All(), std::string(code));
    return node.ok() && node->has_value();
  }

  core::Result<std::vector<OrgNode>> DepartmentsUnder(
      const std::string& parent_code) const override {
    std::vector<OrgNode> out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto children,
                          OrgStore(s).Children(core::auth::Scope::All(), parent_code, "", 1000));
      for (auto& n : children)
        if (n.level == OrgLevel::kDepartment) out.push_back(std::move(n));
      return {};
    }));
    return out;
  }

  core::Result<std::vector<OrgNode>> Children(const core::auth::Scope& scope,
                                              const std::string& code) const override {
    std::vector<OrgNode> out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(out, OrgStore(s).Children(scope, code, "", 10000));
      return {};
    }));
    return out;
  }

  core::Result<std::map<std::string, std::string>> Names(
      const std::vector<std::string>& codes) const override {
    std::map<std::string, std::string> out;
    if (codes.empty()) return out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto names, OrgStore(s).Names(codes));
      for (auto& [code, name] : names) out.emplace(std::move(code), std::move(name));
      return {};
    }));
    return out;
  }

  core::Result<std::vector<std::string>> GridCodes(const std::string& prefix) const override {
    std::vector<std::string> out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto shapes, OrgStore(s).GridShapes(core::auth::Scope::Of({prefix})));
      for (auto& g : shapes) out.push_back(std::move(g.code));
      return {};
    }));
    return out;
  }

  core::Result<std::vector<std::string>> GridsOfWorker(std::int64_t user_id) const override {
    std::vector<std::string> out;
    JC_TRY(ctx_->db.Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(out, OrgStore(s).GridsOfWorker(user_id));
      return {};
    }));
    return out;
  }

 private:
  core::app::AppContext* ctx_ = nullptr;
  GridLocatorService locator_;
  std::unordered_set<std::string> national_codes_;
  std::optional<GridDeps> deps_;
};

}  // namespace

std::unique_ptr<core::app::Module> MakeOrgModule() { return std::make_unique<OrgModule>(); }

OrgApi* AsOrgApi(core::app::Module* module) { return dynamic_cast<OrgApi*>(module); }

}  // namespace jiceng::org
