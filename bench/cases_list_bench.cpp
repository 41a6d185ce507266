// Case list latency over N cases (goal, issue 4: p99 <= 5 ms in a township at 1M cases), first
// page and a later cursor page, with the list's common filters, through CaseStore::List with a
// township staff member's scope (Scope::Of({township})) — the data layer that enforces scope —
// in one read snapshot per page, as GET /api/v1/cases runs it. Counters p50_ms / p99_ms / max_ms
// are per page over kQueries pages (townships drawn at random among the county's 23); `rows` is
// the mean page size. Grid, village and county scopes run the same mixes for comparison.
//
// Baseline in the same run: BM_CasesListBaselineIdPage, a page of the same columns read with a
// bare SQL statement by primary-key range (no scope, no filter) — the floor of reading a page.
//
// Database: bench/cases_bench_seed.hpp (JICENG_BENCH_CASES, default 1000000; cached in /tmp).
// JICENG_BENCH_LIST_QUERIES (default 200) sets the pages per benchmark.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "cases_bench_seed.hpp"
#include "latency_counters.hpp"
#include "modules/cases/case_store.hpp"

namespace {

namespace core = jiceng::core;
namespace cases = jiceng::cases;
using jiceng::bench::CasesBenchDb;
using jiceng::bench::ReportLatency;
using jiceng::bench::SharedCasesDb;
using jiceng::bench::Stopwatch;

int Queries() {
  const char* n = std::getenv("JICENG_BENCH_LIST_QUERIES");
  return n ? std::max(1, std::atoi(n)) : 200;
}

constexpr int kLaterPage = 5;  // "a later page": the 5th, reached by following next_cursor

const char* const kScopes[] = {"township", "grid", "village", "county"};
const std::size_t kScopeLength[] = {9, 15, 12, 6};
const char* const kMixes[] = {"all",         "status=handling", "status=closed",
                              "status=open", "category=E0102",  "category=C0203",
                              "overdue"};

cases::CaseFilter FilterOf(int mix) {
  cases::CaseFilter f;
  switch (mix) {
    case 1:
      f.status = "handling";
      break;
    case 2:
      f.status = "closed";
      break;
    case 3:
      f.status = "open";
      break;
    case 4:
      f.category = "E0102";
      break;  // the most reported category (暴露垃圾, ~11 %)
    case 5:
      f.category = "C0203";
      break;  // a rarely reported one (~0.7 %)
    case 6:
      f.overdue_only = true;
      break;
    default:
      break;
  }
  return f;
}

// The grids of the seeded county, from which the scopes of every level are cut.
const std::vector<std::string>& Grids(CasesBenchDb& f) {
  static const std::vector<std::string> grids = [&] {
    std::vector<std::string> out;
    (void)f.app->db().Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto rows, s.Query("SELECT code FROM org_grids ORDER BY code"));
      for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].Text(0));
      return {};
    });
    return out;
  }();
  return grids;
}

// kQueries scope codes of one level: townships, villages and grids drawn uniformly among the
// distinct codes of that level (not weighted by size).
std::vector<std::string> ScopeSample(CasesBenchDb& f, int scope, int n) {
  std::set<std::string> distinct;
  for (const auto& g : Grids(f)) distinct.insert(g.substr(0, kScopeLength[scope]));
  std::vector<std::string> codes(distinct.begin(), distinct.end());
  std::mt19937_64 rng(11 + scope);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(codes[std::uniform_int_distribution<std::size_t>(0, codes.size() - 1)(rng)]);
  return out;
}

core::Result<cases::CasePage> Page(CasesBenchDb& f, const core::auth::Scope& scope,
                                   const cases::CaseFilter& filter, const std::string& cursor) {
  cases::CasePage page;
  JC_TRY(f.app->db().Read([&](core::db::Session& s) -> core::Result<void> {
    cases::CaseStore store(s, *f.cipher);
    JC_ASSIGN_OR_RETURN(page, store.List(scope, filter, cursor, f.seeded_at_ms));
    return {};
  }));
  return page;
}

// Baseline: the same columns, a page of 51 rows by primary-key range, no scope and no filter.
void BM_CasesListBaselineIdPage(benchmark::State& state) {
  CasesBenchDb* f = SharedCasesDb();
  if (!f) return state.SkipWithError("no database");
  std::mt19937_64 rng(5);
  std::vector<double> ms;
  double rows = 0;
  for (auto _ : state) {
    for (int q = 0; q < Queries(); ++q) {
      std::int64_t before = std::uniform_int_distribution<std::int64_t>(100, f->cases)(rng);
      Stopwatch watch;
      (void)f->app->db().Read([&](core::db::Session& s) -> core::Result<void> {
        JC_ASSIGN_OR_RETURN(
            auto r,
            s.Query(
                "SELECT id, tracking_code, channel, request_type, category_code, urgency, status, "
                "description, address, lng, lat, org_code, department_code, reporter_user_id, "
                "reporter_name, reporter_phone_enc, first_receiver_id, stage_due_at, "
                "handling_due_at, "
                "supervised, duplicate_of, version, created_at, updated_at, closed_at, overdue, "
                "warned "
                "FROM cases_cases WHERE id < $1 ORDER BY id DESC LIMIT 51",
                {before}));
        rows += static_cast<double>(r.size());
        benchmark::DoNotOptimize(r);
        return {};
      });
      ms.push_back(watch.Ms());
    }
  }
  ReportLatency(state, ms, rows);
}
BENCHMARK(BM_CasesListBaselineIdPage)->Iterations(1)->Unit(benchmark::kMillisecond);

// range(0): scope level (0 township, 1 grid, 2 village, 3 county); range(1): filter mix;
// range(2): 0 = first page, 1 = the kLaterPage-th page (or the last one, if there are fewer).
void BM_CasesList(benchmark::State& state) {
  CasesBenchDb* f = SharedCasesDb();
  if (!f) return state.SkipWithError("no database");
  int scope_level = static_cast<int>(state.range(0)), mix = static_cast<int>(state.range(1));
  bool later = state.range(2) != 0;
  state.SetLabel(std::string(kScopes[scope_level]) + "/" + kMixes[mix] +
                 (later ? "/page5" : "/page1"));
  cases::CaseFilter filter = FilterOf(mix);
  auto codes = ScopeSample(*f, scope_level, Queries());
  // Cursors of the later page, found by paging (not timed).
  std::vector<std::string> cursors(codes.size());
  double pages_reached = 0;
  if (later) {
    for (std::size_t q = 0; q < codes.size(); ++q) {
      auto scope = core::auth::Scope::Of({codes[q]});
      std::string cursor;
      int page_no = 1;
      for (; page_no < kLaterPage; ++page_no) {
        auto page = Page(*f, scope, filter, cursor);
        if (!page.ok()) return state.SkipWithError(page.error().message.c_str());
        if (!page->next_cursor) break;
        cursor = *page->next_cursor;
      }
      cursors[q] = cursor;
      pages_reached += page_no;
    }
  }
  std::vector<double> ms;
  double rows = 0;
  for (auto _ : state) {
    for (std::size_t q = 0; q < codes.size(); ++q) {
      auto scope = core::auth::Scope::Of({codes[q]});
      Stopwatch watch;
      auto page = Page(*f, scope, filter, cursors[q]);
      ms.push_back(watch.Ms());
      if (!page.ok()) return state.SkipWithError(page.error().message.c_str());
      rows += static_cast<double>(page->items.size());
      for (const auto& c : page->items) {
        if (!scope.Covers(c.org_code) && !scope.Covers(c.department_code))
          return state.SkipWithError("out of scope");
      }
    }
  }
  ReportLatency(state, ms, rows);
  if (later) state.counters["page"] = pages_reached / static_cast<double>(codes.size());
}
BENCHMARK(BM_CasesList)
    ->ArgsProduct({{0, 1, 2, 3}, {0, 1, 2, 3, 4, 5, 6}, {0, 1}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
