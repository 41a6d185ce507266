#include "modules/people/imports/import_cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "core/auth/auth_service.hpp"
#include "modules/people/imports/import_job.hpp"

namespace jiceng::people {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct ImportArgs {
  std::string file;
  std::string mode = "dry_run";
  std::string org;
};

// One line redrawn in place: [#####.....]  45%  checking 12000/27000 rows  8500 rows/s.
class ProgressBar {
 public:
  explicit ProgressBar(bool tty) : tty_(tty), start_(SteadyClock::now()), last_(start_) {}

  void Show(const ImportStatus& s, bool final) {
    auto now = SteadyClock::now();
    if (!final && now - last_ < std::chrono::milliseconds(tty_ ? 100 : 1000)) return;
    last_ = now;
    double seconds = std::max(1e-3, std::chrono::duration<double>(now - start_).count());
    bool writing = s.phase == "writing";
    std::int64_t done = writing ? s.inserted_rows : s.processed_rows;
    std::int64_t of = writing ? s.valid_rows : s.total_rows;
    int filled = static_cast<int>(s.progress * 30 + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(30, '.');
    char line[200];
    std::snprintf(line, sizeof line, "[%s] %3d%%  %s %lld/%lld rows  %.0f rows/s", bar.c_str(),
                  static_cast<int>(s.progress * 100 + 0.5),
                  final     ? s.status.c_str()
                  : writing ? "writing"
                            : "checking",
                  static_cast<long long>(done), static_cast<long long>(of),
                  static_cast<double>(s.processed_rows + s.inserted_rows) / seconds);
    std::cerr << (tty_ ? "\r" : "") << line << (tty_ && !final ? "\x1b[K" : "\n") << std::flush;
  }

 private:
  bool tty_;
  SteadyClock::time_point start_;
  SteadyClock::time_point last_;
};

int RunImportCommand(PeopleContext& ctx, const ImportArgs& args) {
  auto mode = ParseImportMode(args.mode);
  if (!mode) {
    std::cerr << "错误 (import.mode): --mode 应为 dry_run、all_or_nothing 或 valid_only\n";
    return 1;
  }
  ImportCaller caller{core::auth::AuthService::SystemActor(), "cli", "cli"};
  if (!args.org.empty()) caller.who.scope = core::auth::Scope::Of({args.org});
  caller.who.org_code = args.org;
  ImportStatus start;
  start.filename = args.file.substr(
      args.file.find_last_of('/') == std::string::npos ? 0 : args.file.find_last_of('/') + 1);
  start.user_id = caller.who.user_id;
  start.created_at = ctx.clock.NowMs();
  ProgressBar bar(isatty(STDERR_FILENO) != 0);
  ImportStatus done = RunImport(ctx, caller, args.file, *mode, start, {},
                                [&](const ImportStatus& s) { bar.Show(s, false); });
  bar.Show(done, true);

  for (const auto& e : done.errors) {
    std::cout << "第 " << e.row << " 行";
    if (!e.column.empty()) std::cout << " [" << e.column << "]";
    std::cout << " " << e.code << ": " << e.message << "\n";
  }
  if (done.error_count > static_cast<std::int64_t>(done.errors.size())) {
    std::cout << "… 另有 " << done.error_count - static_cast<std::int64_t>(done.errors.size())
              << " 个问题未列出\n";
  }
  if (done.status == "failed") {
    std::cerr << "导入失败：" << done.failure << "\n";
    return 1;
  }
  std::cout << "rows " << done.total_rows << ", valid " << done.valid_rows << ", bad "
            << done.error_rows << ", inserted " << done.inserted_rows << " ("
            << ImportModeName(*mode) << ")\n";
  // 2: the file has bad rows (a dry run to fix, a refused all_or_nothing, left-out rows).
  return done.error_rows > 0 ? 2 : 0;
}

}  // namespace

std::vector<core::app::ModuleCommand> AddImportCommands(CLI::App& cli,
                                                        std::function<PeopleContext&()> ctx) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = cli.add_subcommand("import", "Import base data from xlsx/csv files");
  import->require_subcommand(1);
  auto* residents = import->add_subcommand(
      "residents", "Import residents (template: GET /api/v1/imports/residents/template.xlsx)");
  residents->add_option("file", args->file, "xlsx or csv file with the template's Chinese headers")
      ->required()
      ->check(CLI::ExistingFile);
  residents->add_option("--mode", args->mode, "dry_run (default) | all_or_nothing | valid_only")
      ->check(CLI::IsMember({"dry_run", "all_or_nothing", "valid_only"}));
  residents->add_option("--org", args->org, "Only grids under this org code prefix (default: all)");
  core::app::ModuleCommand command;
  command.command = residents;
  command.run = [args, ctx](core::app::AppContext&) { return RunImportCommand(ctx(), *args); };
  return {command};
}

}  // namespace jiceng::people
