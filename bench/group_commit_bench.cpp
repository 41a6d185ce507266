// Durable write throughput of the SQLite writer: many request threads each writing one row,
// grouped into shared transactions (max_batch 256) against one transaction per request
// (max_batch 1), in the same run. Both commit with synchronous=NORMAL in WAL mode.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace {

namespace db = jiceng::core::db;

std::unique_ptr<db::Database> OpenFresh(int max_batch) {
  static std::atomic<int> counter{0};
  std::string path =
      (std::filesystem::temp_directory_path() /
       ("jiceng-bench-gc-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".db"))
          .string();
  std::filesystem::remove(path);
  db::OpenOptions options;
  options.max_batch = max_batch;
  auto opened = db::Open(path, options);
  if (!opened.ok()) return nullptr;
  auto database = std::move(opened).value();
  (void)database->Write([](db::Session& s) {
    return s.ExecScript(
        "CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, thread INTEGER, body "
        "TEXT)");
  });
  return database;
}

// Shared by the threads of one benchmark run; thread 0 opens and closes it.
std::unique_ptr<db::Database> g_db;

void WriteRows(benchmark::State& state, int max_batch) {
  if (state.thread_index() == 0) g_db = OpenFresh(max_batch);
  const std::string body(200, 'x');
  for (auto _ : state) {
    auto r = g_db->Write([&](db::Session& s) -> jiceng::core::Result<void> {
      auto n = s.Exec("INSERT INTO bench_rows (thread, body) VALUES ($1, $2)",
                      {std::int64_t{state.thread_index()}, body});
      if (!n.ok()) return n.error();
      return {};
    });
    if (!r.ok()) state.SkipWithError("write failed");
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    auto stats = g_db->stats();
    state.counters["requests_per_txn"] =
        stats.write_batches ? static_cast<double>(stats.write_requests) / stats.write_batches : 0;
  }
}

void BM_GroupCommit(benchmark::State& state) { WriteRows(state, 256); }
void BM_TransactionPerRequest(benchmark::State& state) { WriteRows(state, 1); }

BENCHMARK(BM_GroupCommit)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();
BENCHMARK(BM_TransactionPerRequest)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();

}  // namespace
