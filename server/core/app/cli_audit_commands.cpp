// jiceng audit verify | anchor: check the audit log with its key, and anchor its newest link
// outside the database (docs/audit.md).
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "core/app/cli_commands.hpp"
#include "core/audit/audit_log.hpp"
#include "core/time/clock.hpp"

namespace jiceng::core::app {

namespace {

struct AuditArgs {
  std::string key_file;
  std::string anchor_file;
};

CliCommand NewAuditCommand(CLI::App& audit, CliGlobals& globals, const char* name,
                           const char* description, const std::shared_ptr<AuditArgs>& args) {
  CliCommand c;
  c.command = audit.add_subcommand(name, description);
  AddDatabaseOption(*c.command, globals, "Database");
  AddConfigOption(*c.command, globals);
  c.command->add_option("--key-file", args->key_file,
                        "Audit key file (default: [audit] key_file, or beside the data key)");
  c.command->add_option("--anchors", args->anchor_file,
                        "Anchor file (default: [audit] anchor_file, or beside the audit key)");
  c.needs_database = true;
  return c;
}

// Opens the database alone (no migrations) and the existing audit key; runs use.
int WithAudit(const Config& config, const AuditArgs& args,
              const std::function<int(db::Database&, const audit::AuditKey&,
                                      const std::string& anchors)>& use) {
  Config c = config;
  if (!args.key_file.empty()) c.audit.key_file = args.key_file;
  if (!args.anchor_file.empty()) c.audit.anchor_file = args.anchor_file;
  auto key = audit::AuditKey::FromFile(AuditKeyFile(c), /*create=*/false);
  if (!key.ok()) return PrintFailure(key.error());
  auto opened = db::Open(c.database.url);
  if (!opened.ok()) return PrintFailure(opened.error());
  int code = use(**opened, **key, AuditAnchorFile(c));
  (*opened)->Close();
  return code;
}

// Prints the report; answers the exit code (0 intact, 2 broken).
int PrintReport(const audit::VerifyReport& r) {
  if (r.ok) {
    std::cout << "审计链完整 ok: " << r.checked << " rows, " << r.links << " links, " << r.unsealed
              << " unsealed, " << r.anchors << " anchors verified\n";
    return 0;
  }
  std::cout << "审计链被破坏 FAILED at seq " << r.first_bad_seq.value_or(0);
  if (r.first_bad_link) std::cout << " (link " << *r.first_bad_link << ")";
  std::cout << ": " << r.reason << " (" << r.checked << " rows checked)\n";
  return 2;
}

}  // namespace

std::vector<CliCommand> AddAuditCommands(CLI::App& cli, CliGlobals& globals) {
  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  std::vector<CliCommand> out;

  auto verify_args = std::make_shared<AuditArgs>();
  CliCommand verify =
      NewAuditCommand(*audit, globals, "verify",
                      "Check the audit log with its key and against the anchors", verify_args);
  verify.run_alone = [verify_args](const Config& config) {
    return WithAudit(config, *verify_args,
                     [](db::Database& db, const audit::AuditKey& key, const std::string& anchors) {
                       audit::VerifyOptions options;
                       options.anchor_file = anchors;
                       auto report = audit::AuditLog::Verify(db, key, options);
                       if (!report.ok()) return PrintFailure(report.error());
                       return PrintReport(*report);
                     });
  };
  out.push_back(std::move(verify));

  auto anchor_args = std::make_shared<AuditArgs>();
  CliCommand anchor = NewAuditCommand(
      *audit, globals, "anchor",
      "Seal the rows written so far, verify, and append the newest link to the anchor file",
      anchor_args);
  anchor.run_alone = [anchor_args](const Config& config) {
    return WithAudit(config, *anchor_args,
                     [](db::Database& db, const audit::AuditKey& key, const std::string& anchors) {
                       time::SystemClock clock;
                       // A running server's appenders may hold the seal lock for an instant.
                       auto tip = audit::AuditLog::Seal(db, key, clock);
                       for (int i = 0; i < 50 && !tip.ok() && tip.error().code == "audit.seal_busy";
                            ++i) {
                         std::this_thread::sleep_for(std::chrono::milliseconds(100));
                         tip = audit::AuditLog::Seal(db, key, clock);
                       }
                       if (!tip.ok()) return PrintFailure(tip.error());
                       audit::VerifyOptions options;
                       options.anchor_file = anchors;
                       auto report = audit::AuditLog::Verify(db, key, options);
                       if (!report.ok()) return PrintFailure(report.error());
                       if (!report->ok) {
                         std::cerr << "未写入锚定：审计链未通过校验\n";
                         return PrintReport(*report);
                       }
                       auto line = audit::AppendAnchor(anchors, *tip, clock.NowMs());
                       if (!line.ok()) return PrintFailure(line.error());
                       std::cerr << "anchored in " << anchors
                                 << " (also keep this line outside this machine):\n";
                       std::cout << *line << "\n";
                       return 0;
                     });
  };
  out.push_back(std::move(anchor));
  return out;
}

}  // namespace jiceng::core::app
