#include "modules/cases/open311/api_key_cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "core/auth/auth_service.hpp"
#include "modules/cases/open311/api_key_store.hpp"

namespace jiceng::cases {

namespace {

struct ApiKeyArgs {
  std::string name;
  std::string org;
};

int Fail(const core::DomainError& e) {
  std::cerr << "错误 (" << e.code << "): " << e.message << "\n";
  return 1;
}

int RunAdd(CasesContext& ctx, const ApiKeyArgs& args) {
  auto issued = IssueApiKey(ctx, args.name, args.org, core::auth::AuthService::SystemActor());
  if (!issued.ok()) return Fail(issued.error());
  std::cout << "created api key " << issued->key.name << " (jurisdiction "
            << (issued->key.org_code.empty() ? "all" : issued->key.org_code) << ")\n"
            << "the key is shown only now; give it to the client over a safe channel:\n"
            << issued->secret << std::endl;
  return 0;
}

int RunList(CasesContext& ctx) {
  auto keys = ListApiKeys(ctx);
  if (!keys.ok()) return Fail(keys.error());
  for (const auto& k : *keys) {
    std::cout << k.name << "\t" << (k.org_code.empty() ? "all" : k.org_code) << "\tcreated "
              << core::time::FormatShanghai(k.created_at) << "\t"
              << (k.revoked_at ? "revoked " + core::time::FormatShanghai(*k.revoked_at)
                               : std::string("active"))
              << "\n";
  }
  std::cout << keys->size() << " api key(s)" << std::endl;
  return 0;
}

int RunRevoke(CasesContext& ctx, const ApiKeyArgs& args) {
  auto key = RevokeApiKey(ctx, args.name, core::auth::AuthService::SystemActor());
  if (!key.ok()) return Fail(key.error());
  std::cout << "revoked api key " << key->name << std::endl;
  return 0;
}

}  // namespace

std::vector<core::app::ModuleCommand> AddApiKeyCommands(CLI::App& cli,
                                                        std::function<CasesContext&()> ctx) {
  auto args = std::make_shared<ApiKeyArgs>();
  auto* apikey = cli.add_subcommand("apikey", "Open311 API keys (needed to POST service requests)");
  apikey->require_subcommand(1);

  auto* add = apikey->add_subcommand("add", "Issue a key; prints it once, on the last line");
  add->add_option("name", args->name,
                  "Client name ([A-Za-z0-9._-], shown in the audit log as open311:NAME)")
      ->required();
  add->add_option("--org", args->org,
                  "Jurisdiction: reports only inside this org code (default: everywhere)");
  auto* list = apikey->add_subcommand("list", "List keys (never the keys themselves)");
  auto* revoke = apikey->add_subcommand("revoke", "Revoke a key: it answers 403 from now on");
  revoke->add_option("name", args->name, "Client name")->required();

  std::vector<core::app::ModuleCommand> out(3);
  out[0].command = add;
  out[0].run = [args, ctx](core::app::AppContext&) { return RunAdd(ctx(), *args); };
  out[1].command = list;
  out[1].run = [ctx](core::app::AppContext&) { return RunList(ctx()); };
  out[2].command = revoke;
  out[2].run = [args, ctx](core::app::AppContext&) { return RunRevoke(ctx(), *args); };
  return out;
}

}  // namespace jiceng::cases
