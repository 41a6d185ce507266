// Resident import throughput (goal: >= 100k rows/s): N generated valid rows (default 1M; set
// $JICENG_BENCH_IMPORT_ROWS) as a CSV file, read, validated, encrypted, indexed (blind indexes
// and search terms), placed in their grid's households and houses and written to a fresh SQLite
// database through the real import (RunImport, all_or_nothing), beside the raw SQLite insert rate
// of the same rows' columns (plain INSERTs in transactions of the same size, no validation,
// encryption or terms) in the same run. Counters: rows_per_s, and for the import the seconds of
// its check pass (read + validate + duplicate lookups) and write pass (read again + seal + SQL).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/app/application.hpp"
#include "core/auth/auth_service.hpp"
#include "core/crypto/field_cipher.hpp"
#include "core/db/database.hpp"
#include "core/tabular/table_reader.hpp"
#include "core/text/id_number.hpp"
#include "modules/org/api.hpp"
#include "modules/org/divisions.hpp"
#include "modules/people/api.hpp"
#include "modules/people/imports/import_job.hpp"

namespace {

namespace core = jiceng::core;
namespace people = jiceng::people;
namespace fs = std::filesystem;

std::int64_t Rows() {
  const char* n = std::getenv("JICENG_BENCH_IMPORT_ROWS");
  return n ? std::atoll(n) : 1000000;
}

fs::path Dir() {
  const char* dir = std::getenv("JICENG_BENCH_DIR");
  return fs::path(dir ? dir : "/tmp") / ("jiceng-import-bench-" + std::to_string(::getpid()));
}

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",
                                 "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",
                                 "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
                                 "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜"};
const char* const kGiven[] = {"伟",   "芳",   "娜",   "敏",   "静",  "丽",   "强",   "磊",
                              "军",   "洋",   "勇",   "艳",   "杰",  "娟",   "涛",   "明",
                              "超",   "秀英", "霞",   "平",   "刚",  "桂英", "建华", "国强",
                              "志明", "海燕", "晓东", "红梅", "文",  "华",   "鑫",   "宇",
                              "浩然", "子涵", "欣怡", "梓轩", "一诺"};

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
  return out + "\n";
}

// Row i: a unique valid 诸暨市 ID number (birth day and sequence from i), a phone, a grid of the
// demo county, and a household of three in a house of that grid.
std::vector<std::string> RowOf(std::int64_t i, const std::vector<std::string>& grids) {
  int day = static_cast<int>(i % 28000);  // 1940-01-01 .. 2023: 12 months of 28 days a year
  int seq = static_cast<int>(i / 28000);
  int y = 1940 + day / 336, m = 1 + (day % 336) / 28, d = 1 + day % 28;
  char first17[18];
  std::snprintf(first17, sizeof first17, "330681%04d%02d%02d%03d", y, m, d, seq % 1000);
  std::string id = std::string(first17) + core::text::IdCheckChar(first17);
  char phone[12];
  std::snprintf(phone, sizeof phone, "138%08lld", static_cast<long long>(i));
  std::int64_t household = i / 3;
  const std::string& grid = grids[static_cast<std::size_t>(household) % grids.size()];
  std::string name = std::string(kSurnames[i % 42]) + kGiven[(i / 42) % 37];
  std::string house =
      std::to_string(household % 60 + 1) + "幢" + std::to_string(household / 60 % 30 + 1) + "室";
  return {name,
          id,
          phone,
          grid,
          "浙江省诸暨市" + std::to_string(household % 97) + "号",
          "H" + std::to_string(household),
          i % 3 == 0 ? "户主" : "子",
          house};
}

struct Setup {
  std::unique_ptr<core::app::Application> app;
  std::unique_ptr<people::PeopleContext> ctx;
  std::vector<std::string> grids;
  std::string csv;
};

// A fresh database with the demo county (its grids), and the CSV of N rows.
std::unique_ptr<Setup> Prepare(const std::string& name) {
  auto s = std::make_unique<Setup>();
  fs::create_directories(Dir());
  core::app::Config config;
  config.database.url = (Dir() / (name + ".db")).string();
  config.security.key_file = (Dir() / (name + ".key")).string();
  core::app::ModuleList modules;
  modules.push_back(jiceng::org::MakeOrgModule());
  const jiceng::org::OrgApi& org = *jiceng::org::AsOrgApi(modules.back().get());
  modules.push_back(people::MakePeopleModule(org));
  s->app = std::make_unique<core::app::Application>(config, std::move(modules));
  if (auto r = s->app->Open(); !r.ok()) {
    std::cerr << "import bench: open: " << r.error().message << "\n";
    return nullptr;
  }
  core::app::DemoOptions demo;
  demo.password = "Bench#2026pass";
  demo.divisions_dir = jiceng::org::FindDivisionDataDir("");
  if (auto r = s->app->module("org")->SeedDemo(s->app->context(), demo); !r.ok()) {
    std::cerr << "import bench: seed: " << r.error().message << "\n";
    return nullptr;
  }
  auto cipher = core::crypto::FieldCipher::FromKeyFile(config.security.key_file, true,
                                                       core::crypto::FieldSuite::kSm4CtrHmacSm3);
  if (!cipher.ok()) return nullptr;
  auto& app = s->app->context();
  s->ctx.reset(new people::PeopleContext{
      app.db,
      app.audit,
      app.clock,
      s->app->config(),
      people::Privacy(*cipher),
      [&org](std::string_view code) { return org.IsKnownDivisionCode(code); },
      [&org](const std::string& code) -> std::optional<std::string> {
        auto node = org.GetNode(core::auth::Scope::All(), code);
        if (!node.ok() || !node->has_value()) return std::nullopt;
        return (*node)->name;
      },
      {},
      {}});
  auto rows = app.db.Query("SELECT code FROM org_nodes WHERE level = 'grid' ORDER BY code");
  if (!rows.ok() || rows->empty()) return nullptr;
  for (std::size_t i = 0; i < rows->size(); ++i) s->grids.push_back((*rows)[i].Text(0));
  s->csv = (Dir() / "residents.csv").string();
  if (!fs::exists(s->csv)) {
    std::ofstream out(s->csv);
    out << CsvRow(
        {"姓名", "证件号码", "联系电话", "网格编码", "现住地址", "户号", "与户主关系", "房屋地址"});
    for (std::int64_t i = 0; i < Rows(); ++i) out << CsvRow(RowOf(i, s->grids));
  }
  return s;
}

// The real import, all_or_nothing (check pass, then one transaction).
void BM_ResidentImport(benchmark::State& state) {
  auto setup = Prepare("import");
  if (!setup) return state.SkipWithError("setup failed");
  people::ImportCaller caller{core::auth::AuthService::SystemActor(), "bench", "bench"};
  for (auto _ : state) {
    using Clock = std::chrono::steady_clock;
    auto started = Clock::now();
    double check_s = 0;
    people::ImportOptions options;
    options.batch_rows = static_cast<std::size_t>(state.range(0));
    people::ImportStatus done = people::RunImport(
        *setup->ctx, caller, setup->csv, people::ImportMode::kAllOrNothing, {}, options,
        [&](const people::ImportStatus& s) {
          if (s.phase == "writing" && check_s == 0)
            check_s = std::chrono::duration<double>(Clock::now() - started).count();
        });
    double total = std::chrono::duration<double>(Clock::now() - started).count();
    state.SetIterationTime(total);
    if (done.status != "done" || done.inserted_rows != Rows()) {
      std::cerr << "import bench: " << done.status << " " << done.failure << " inserted "
                << done.inserted_rows << " errors " << done.error_count
                << (done.errors.empty() ? "" : " first: " + done.errors[0].message) << "\n";
      state.SkipWithError("import did not insert every row");
    }
    state.counters["rows_per_s"] = static_cast<double>(done.inserted_rows) / total;
    state.counters["check_s"] = check_s;
    state.counters["write_s"] = total - check_s;
  }
  setup->app->Stop();
}

// Baseline: the same rows' columns as plain INSERTs into a table of the same shape (no
// validation, encryption, blind indexes, terms, households), same transaction size.
void BM_RawSqliteInsert(benchmark::State& state) {
  auto setup = Prepare("raw");
  if (!setup) return state.SkipWithError("setup failed");
  auto& db = setup->app->context().db;
  (void)db.Write([](core::db::Session& s) {
    return s.ExecScript(
        "CREATE TABLE raw_residents (id INTEGER PRIMARY KEY, org_code TEXT NOT NULL, name TEXT NOT "
        "NULL, "
        "id_number TEXT, phone TEXT, current_address TEXT NOT NULL DEFAULT '', household TEXT, "
        "relation TEXT, "
        "house TEXT, created_at BIGINT NOT NULL)");
  });
  for (auto _ : state) {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::vector<std::string>> batch;
    core::Result<void> status;
    auto flush = [&] {
      if (batch.empty() || !status.ok()) return;
      status = db.WriteExclusive([&](core::db::Session& s) -> core::Result<void> {
        for (const auto& r : batch) {
          JC_TRY(
              s.Exec("INSERT INTO raw_residents (name, id_number, phone, org_code, "
                     "current_address, household, "
                     "relation, house, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], std::int64_t{0}}));
        }
        return {};
      });
      batch.clear();
    };
    bool header = true;
    auto read =
        core::tabular::ReadTable(setup->csv, [&](std::size_t, const core::tabular::Row& row) {
          if (header) return !(header = false);
          batch.push_back(row);
          if (batch.size() >= static_cast<std::size_t>(state.range(0))) flush();
          return true;
        });
    flush();
    double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    state.SetIterationTime(total);
    if (!read.ok() || !status.ok()) state.SkipWithError("raw insert failed");
    state.counters["rows_per_s"] = static_cast<double>(Rows()) / total;
  }
  setup->app->Stop();
}

BENCHMARK(BM_RawSqliteInsert)->Arg(8192)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_ResidentImport)->Arg(8192)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// Removes the bench's files when the process ends.
struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(Dir(), ec);
  }
} cleanup;

}  // namespace
