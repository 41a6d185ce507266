// Builds the module list and runs the CLI; nothing else.
#include "core/app/cli.hpp"
#include "modules/autonomy/api.hpp"
#include "modules/cases/api.hpp"
#include "modules/org/api.hpp"
#include "modules/org/divisions.hpp"
#include "modules/party/api.hpp"
#include "modules/people/api.hpp"

int main(int argc, char** argv) {
  using namespace jiceng;
  core::app::CliHooks hooks;
  hooks.make_modules = [] {
    core::app::ModuleList modules;
    modules.push_back(org::MakeOrgModule());
    const org::OrgApi& org = *org::AsOrgApi(modules.back().get());
    modules.push_back(people::MakePeopleModule(org));
    modules.push_back(cases::MakeCasesModule(org));
    modules.push_back(party::MakePartyModule(org));
    modules.push_back(autonomy::MakeAutonomyModule(org));
    return modules;
  };
  hooks.load_divisions = org::LoadDivisionsCommand;
  return core::app::RunCli(argc, argv, hooks);
}
