// `jiceng user add|passwd|lock|list`: accounts managed in the terminal as the system actor.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "core/app/application.hpp"
#include "core/app/cli_commands.hpp"

namespace jiceng::core::app {

namespace {

struct UserArgs {
  std::string username, org_code, display_name, phone, password;
  std::vector<std::string> roles;
  bool unlock = false;
};

const auth::RequestInfo kCliRequest{"cli", "cli"};

// The account named username; user.not_found when there is none.
Result<auth::UserRecord> FindUser(Application& app, const std::string& username) {
  JC_ASSIGN_OR_RETURN(std::optional<auth::UserRecord> found,
                      app.auth().FindUserByUsername(username));
  if (!found) return DomainError::NotFound("user.not_found", "用户不存在：" + username);
  return *std::move(found);
}

// Runs set_password with the given password or a generated one, which is printed last (alone
// on its line, for scripts to take).
int WithPassword(const std::string& given, const std::function<int(const std::string&)>& set) {
  std::string password = given.empty() ? GeneratePassword() : given;
  int code = set(password);
  if (code == 0 && given.empty()) std::cout << "password: " << password << "\n";
  return code;
}

int AddUser(Application& app, const UserArgs& args) {
  return WithPassword(args.password, [&](const std::string& password) {
    auth::NewUser nu{args.username, args.display_name.empty() ? args.username : args.display_name,
                     args.org_code, password,
                     args.roles,    args.phone};
    auto created = app.auth().CreateUser(auth::AuthService::SystemActor(), nu, kCliRequest);
    if (!created.ok()) return PrintFailure(created.error());
    std::cout << "created user " << created->username << " (id " << created->id << ")\n";
    return 0;
  });
}

int SetPassword(Application& app, const UserArgs& args) {
  return WithPassword(args.password, [&](const std::string& password) {
    auto found = FindUser(app, args.username);
    if (!found.ok()) return PrintFailure(found.error());
    auto r = app.auth().ResetPassword(auth::AuthService::SystemActor(), found->id, password,
                                      kCliRequest);
    if (!r.ok()) return PrintFailure(r.error());
    (void)app.auth().Unlock(auth::AuthService::SystemActor(), found->id, kCliRequest);
    std::cout << "password changed for " << args.username << "\n";
    return 0;
  });
}

int LockUser(Application& app, const UserArgs& args) {
  auto found = FindUser(app, args.username);
  if (!found.ok()) return PrintFailure(found.error());
  auth::UserPatch patch;
  patch.disabled = !args.unlock;
  auto r = app.auth().UpdateUser(auth::AuthService::SystemActor(), found->id, patch, kCliRequest);
  if (!r.ok()) return PrintFailure(r.error());
  if (args.unlock)
    (void)app.auth().Unlock(auth::AuthService::SystemActor(), found->id, kCliRequest);
  std::cout << args.username << (args.unlock ? " enabled\n" : " disabled\n");
  return 0;
}

int ListUsers(Application& app) {
  std::string cursor;
  do {
    auto page = app.auth().ListUsers(auth::Scope::All(), "", "", 500, cursor);
    if (!page.ok()) return PrintFailure(page.error());
    for (const auto& u : page->items) {
      std::cout << u.id << "\t" << u.username << "\t" << u.display_name << "\t" << u.org_code
                << "\t" << (u.disabled ? "disabled" : "active") << "\n";
    }
    cursor = page->next_cursor.value_or("");
  } while (!cursor.empty());
  return 0;
}

}  // namespace

std::vector<CliCommand> AddUserCommands(CLI::App& cli, CliGlobals& globals) {
  auto args = std::make_shared<UserArgs>();
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto add_username = [&](CLI::App* command) {
    command->add_option("username", args->username, "Login name")->required();
    AddDatabaseOption(*command, globals, "Database");
  };

  auto* add = user->add_subcommand("add", "Create an account");
  add_username(add);
  add->add_option("--org", args->org_code, "Org code the user belongs to")->required();
  add->add_option("--role", args->roles, "Role code (repeatable)")->required();
  add->add_option("--name", args->display_name, "Display name");
  add->add_option("--phone", args->phone, "Phone");
  add->add_option("--password", args->password, "Password (default: generated and printed)");
  auto* passwd = user->add_subcommand("passwd", "Set a new password (and unlock)");
  add_username(passwd);
  passwd->add_option("--password", args->password, "New password (default: generated and printed)");
  auto* lock = user->add_subcommand("lock", "Disable an account");
  add_username(lock);
  lock->add_flag("--unlock", args->unlock, "Enable the account again and clear a lockout");
  auto* list = user->add_subcommand("list", "List accounts");
  AddDatabaseOption(*list, globals, "Database");

  std::vector<CliCommand> out(4);
  out[0].command = add;
  out[0].run = [args](Application& app) { return AddUser(app, *args); };
  out[1].command = passwd;
  out[1].run = [args](Application& app) { return SetPassword(app, *args); };
  out[2].command = lock;
  out[2].run = [args](Application& app) { return LockUser(app, *args); };
  out[3].command = list;
  out[3].run = [](Application& app) { return ListUsers(app); };
  return out;
}

}  // namespace jiceng::core::app
