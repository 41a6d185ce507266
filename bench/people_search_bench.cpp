// Resident search latency at 1M residents (goal: p99 <= 10 ms) for each query mix within a grid, a
// village, a township and the whole county, beside the raw baseline of a primary-key SELECT in
// the same run. Counters p50_ms / p99_ms are per query over kQueries queries drawn from real rows
// (every query finds its resident).
//
// The database is built once with the demo seed (the demo county 诸暨市 and N synthetic people)
// and kept at $JICENG_BENCH_DIR (default /tmp)/jiceng-people-bench-<N>.db with its key file;
// N = $JICENG_BENCH_RESIDENTS (default 1000000). Building 1M takes a few minutes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/app/application.hpp"
#include "core/crypto/field_cipher.hpp"
#include "core/db/database.hpp"
#include "core/text/pinyin.hpp"
#include "core/text/utf8.hpp"
#include "latency_counters.hpp"
#include "modules/org/api.hpp"
#include "modules/org/divisions.hpp"
#include "modules/people/api.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/residents/search_terms.hpp"

namespace {

using jiceng::bench::ReportLatency;
using jiceng::bench::Stopwatch;

namespace core = jiceng::core;
namespace people = jiceng::people;

constexpr int kQueries = 200;

std::int64_t Residents() {
  const char* n = std::getenv("JICENG_BENCH_RESIDENTS");
  return n ? std::atoll(n) : 1000000;
}

std::string BasePath() {
  const char* dir = std::getenv("JICENG_BENCH_DIR");
  return std::string(dir ? dir : "/tmp") + "/jiceng-people-bench-" + std::to_string(Residents());
}

// Builds the database through the real seed path unless a finished one is cached.
bool EnsureDatabase() {
  std::string base = BasePath();
  if (std::filesystem::exists(base + ".done")) return true;
  for (const char* ext : {".db", ".db-wal", ".db-shm", ".key"}) std::filesystem::remove(base + ext);
  core::app::Config config;
  config.database.url = base + ".db";
  config.security.key_file = base + ".key";
  core::app::ModuleList modules;
  modules.push_back(jiceng::org::MakeOrgModule());
  modules.push_back(people::MakePeopleModule(*jiceng::org::AsOrgApi(modules.back().get())));
  core::app::Application app(std::move(config), std::move(modules));
  auto fail = [](const char* what, const core::DomainError& e) {
    std::cerr << "people bench: " << what << ": " << e.message << " " << e.detail << "\n";
    return false;
  };
  if (auto r = app.Open(); !r.ok()) return fail("open", r.error());
  core::app::DemoOptions demo;
  demo.password = "Bench#2026pass";
  demo.divisions_dir = jiceng::org::FindDivisionDataDir("");
  demo.residents = Residents();
  auto started = std::chrono::steady_clock::now();
  for (const char* name : {"org", "people"}) {
    if (auto r = app.module(name)->SeedDemo(app.context(), demo); !r.ok())
      return fail("seed", r.error());
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cerr << "people bench: built " << base << ".db in " << took.count() << " s\n";
  app.Stop();
  std::ofstream(base + ".done") << took.count() << "\n";
  return true;
}

struct Fixture {
  std::unique_ptr<core::db::Database> db;
  std::unique_ptr<people::Privacy> privacy;
  std::vector<people::Resident> samples;  // residents the queries are drawn from
};

Fixture* Shared() {
  static Fixture* fixture = []() -> Fixture* {
    if (!EnsureDatabase()) return nullptr;
    auto f = new Fixture;
    auto db = core::db::Open(BasePath() + ".db");
    auto cipher = core::crypto::FieldCipher::FromKeyFile(BasePath() + ".key", false,
                                                         core::crypto::FieldSuite::kSm4CtrHmacSm3);
    if (!db.ok() || !cipher.ok()) return nullptr;
    f->db = std::move(db).value();
    f->privacy = std::make_unique<people::Privacy>(*cipher);
    std::int64_t max_id = 0;
    (void)f->db->Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto rows, s.Query("SELECT MAX(id) FROM people_residents"));
      max_id = rows[0].Int(0);
      people::ResidentStore store(s, *f->privacy);
      std::mt19937_64 rng(7);
      while (static_cast<int>(f->samples.size()) < kQueries) {
        auto r = store.Get(core::auth::Scope::All(),
                           std::uniform_int_distribution<std::int64_t>(1, max_id)(rng));
        if (r.ok() && r->has_value() && !(*r)->phone.empty()) f->samples.push_back(**r);
      }
      return {};
    });
    return f;
  }();
  return fixture;
}

const char* const kScopes[] = {"grid", "village", "township", "county"};
const char* const kMixes[] = {"surname_1char",   "name_2char", "name_3char",  "pinyin_full",
                              "pinyin_initials", "id_tail4",   "phone_tail4", "address"};

std::string ScopeCode(const people::Resident& r, int scope) {
  static const std::size_t lengths[] = {15, 12, 9, 6};
  return r.org_code.substr(0, lengths[scope]);
}

std::string QueryOf(const people::Resident& r, int mix) {
  auto chars = jiceng::core::text::SplitUtf8(r.name);
  auto address = jiceng::core::text::SplitUtf8(r.current_address);
  auto join = [](const std::vector<std::string>& v, std::size_t from, std::size_t n) {
    std::string s;
    for (std::size_t i = from; i < from + n && i < v.size(); ++i) s += v[i];
    return s;
  };
  switch (mix) {
    case 0:
      return chars[0];
    case 1:
      return join(chars, 0, 2);
    case 2:
      return join(chars, 0, 3);
    case 3:
      return jiceng::core::text::PinyinOfName(r.name).full.at(0);
    case 4:
      return jiceng::core::text::PinyinOfName(r.name).initials.at(0);
    case 5:
      return r.id_number.substr(r.id_number.size() - 4);
    case 6:
      return r.phone.substr(r.phone.size() - 4);
    default:
      return join(address, address.size() >= 6 ? address.size() - 6 : 0,
                  6);  // 枫源村12号 / 3单元502室
  }
}

// Raw baseline: the same columns by primary key, no scope, no decryption.
void BM_PeopleSearchBaselinePkSelect(benchmark::State& state) {
  Fixture* f = Shared();
  if (!f) return state.SkipWithError("no database");
  std::vector<double> ms;
  for (auto _ : state) {
    for (const auto& r : f->samples) {
      Stopwatch watch;
      (void)f->db->Read([&](core::db::Session& s) -> core::Result<void> {
        JC_ASSIGN_OR_RETURN(auto rows,
                            s.Query(std::string("SELECT ") + people::ResidentStore::Columns() +
                                        " FROM people_residents r WHERE r.id = $1",
                                    {r.id}));
        benchmark::DoNotOptimize(rows);
        return {};
      });
      ms.push_back(watch.Ms());
    }
  }
  ReportLatency(state, ms, 1);
}
BENCHMARK(BM_PeopleSearchBaselinePkSelect)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PeopleSearch(benchmark::State& state) {
  Fixture* f = Shared();
  if (!f) return state.SkipWithError("no database");
  int scope = static_cast<int>(state.range(0)), mix = static_cast<int>(state.range(1));
  state.SetLabel(std::string(kScopes[scope]) + "/" + kMixes[mix]);
  std::vector<double> ms;
  double rows = 0;
  int missed = 0;
  for (auto _ : state) {
    for (const auto& r : f->samples) {
      people::ResidentFilter filter;
      filter.q = QueryOf(r, mix);
      auto scope_of = core::auth::Scope::Of({ScopeCode(r, scope)});
      Stopwatch watch;
      bool found = false;
      (void)f->db->Read([&](core::db::Session& s) -> core::Result<void> {
        people::ResidentStore store(s, *f->privacy);
        JC_ASSIGN_OR_RETURN(auto page, store.Search(scope_of, filter, ""));
        rows += static_cast<double>(page.items.size());
        found = !page.items.empty();
        return {};
      });
      ms.push_back(watch.Ms());
      missed += !found;
    }
  }
  ReportLatency(state, ms, rows);
  state.counters["empty"] = missed;
}
BENCHMARK(BM_PeopleSearch)
    ->ArgsProduct({{0, 1, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
