// Case indicators over N cases (goal, issue 4: <= 10 ms for any org subtree x period x category
// at 1M cases) through the handler of GET /api/v1/case-indicators itself: the route is
// registered on a private Router (RegisterIndicatorRoutes, the function the cases module calls)
// and called with a county staff principal, so scope check, period parsing, the counter sum in
// one read snapshot and the JSON answer all run; only HTTP parsing and the session lookup do not
// (the wrk section of bench/run.sh measures those). Units: the county, and townships, villages and
// grids drawn at random; periods: the last whole calendar month and the year up to the seed day;
// with and without a category filter (categories drawn by how often they are reported).
// Counters p50_ms / p99_ms / max_ms over kQueries answers; `reported` is the mean reported count.
//
// Baseline in the same run: BM_CaseIndicatorsBaselinePkRow, one counter row read by its primary
// key with a bare SQL statement in a read snapshot.
//
// Database: bench/cases_bench_seed.hpp (JICENG_BENCH_CASES, default 1000000; cached in /tmp).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "cases_bench_seed.hpp"
#include "core/http/router.hpp"
#include "latency_counters.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/indicators/indicator_routes.hpp"

namespace {

namespace core = jiceng::core;
namespace cases = jiceng::cases;
using jiceng::bench::CasesBenchDb;
using jiceng::bench::ReportLatency;
using jiceng::bench::SharedCasesDb;
using jiceng::bench::Stopwatch;

constexpr int kQueries = 200;
const char* const kUnits[] = {"county", "township", "village", "grid"};
const std::size_t kUnitLength[] = {6, 9, 12, 15};
const char* const kPeriods[] = {"month", "year"};

// The route, wired as the cases module wires it (minus the HTTP server and the deadline timer).
struct Route {
  CasesBenchDb* db = nullptr;
  std::unique_ptr<cases::CasesContext> ctx;
  core::http::Router router;
  const core::http::RouteSpec* spec = nullptr;
  std::vector<std::string> grids;
  std::vector<std::string> categories;  // one entry per reported case of a sample, for weighting
  std::string month_from, month_to, year_from, year_to;
};

Route* SharedRoute() {
  static Route* route = []() -> Route* {
    CasesBenchDb* f = SharedCasesDb();
    if (!f) return nullptr;
    auto r = new Route;
    r->db = f;
    auto* org = jiceng::org::AsOrgApi(f->app->module("org"));
    r->ctx.reset(
        new cases::CasesContext{f->app->db(), f->app->audit(), f->app->clock(), *org, f->cipher});
    if (!r->ctx->calendar.Reload(f->app->db(), r->ctx->periods).ok()) return nullptr;
    cases::RegisterIndicatorRoutes(r->router, *r->ctx);
    auto match = r->router.Find("GET", "/api/v1/case-indicators");
    if (!match.route) return nullptr;
    r->spec = match.route;
    (void)f->app->db().Read([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(auto rows, s.Query("SELECT code FROM org_grids ORDER BY code"));
      for (std::size_t i = 0; i < rows.size(); ++i) r->grids.push_back(rows[i].Text(0));
      JC_ASSIGN_OR_RETURN(auto cats,
                          s.Query("SELECT category_code FROM cases_cases WHERE id % 97 = 0"));
      for (std::size_t i = 0; i < cats.size(); ++i) r->categories.push_back(cats[i].Text(0));
      return {};
    });
    // Periods relative to the seed day: the whole month before it, and the year up to it.
    std::string today = core::time::LocalDate(f->seeded_at_ms);
    std::string first_of_month = today.substr(0, 8) + "01";
    r->month_to =
        core::time::LocalDate(core::time::LocalMidnightUtcMs(first_of_month) - 12 * 3600 * 1000LL);
    r->month_from = r->month_to.substr(0, 8) + "01";
    r->year_to = today;
    r->year_from = core::time::LocalDate(f->seeded_at_ms - 364 * 24 * 3600 * 1000LL);
    return r;
  }();
  return route;
}

core::auth::Principal CountyStaff() {
  core::auth::Principal p;
  p.user_id = 1;
  p.username = "county";
  p.org_code = jiceng::bench::kBenchCounty;
  p.roles = {"county_staff"};
  p.scope = core::auth::Scope::Of({jiceng::bench::kBenchCounty});
  return p;
}

// Baseline: one counter row by its primary key, bare SQL, in a read snapshot.
void BM_CaseIndicatorsBaselinePkRow(benchmark::State& state) {
  Route* r = SharedRoute();
  if (!r) return state.SkipWithError("no database");
  std::mt19937_64 rng(3);
  std::vector<double> ms;
  for (auto _ : state) {
    for (int q = 0; q < kQueries; ++q) {
      const std::string& grid =
          r->grids[std::uniform_int_distribution<std::size_t>(0, r->grids.size() - 1)(rng)];
      std::string unit = grid.substr(0, 9);
      Stopwatch watch;
      (void)r->db->app->db().Read([&](core::db::Session& s) -> core::Result<void> {
        JC_ASSIGN_OR_RETURN(
            auto rows,
            s.Query("SELECT * FROM cases_indicator_counts WHERE unit = $1 AND category = "
                    "'*' AND day = $2",
                    {unit, r->month_to}));
        benchmark::DoNotOptimize(rows);
        return {};
      });
      ms.push_back(watch.Ms());
    }
  }
  ReportLatency(state, ms);
}
BENCHMARK(BM_CaseIndicatorsBaselinePkRow)->Iterations(1)->Unit(benchmark::kMillisecond);

// range(0): unit level; range(1): 0 month, 1 year; range(2): 0 all categories, 1 one category.
void BM_CaseIndicators(benchmark::State& state) {
  Route* r = SharedRoute();
  if (!r) return state.SkipWithError("no database");
  int level = static_cast<int>(state.range(0));
  bool year = state.range(1) != 0, with_category = state.range(2) != 0;
  state.SetLabel(std::string(kUnits[level]) + "/" + kPeriods[year ? 1 : 0] +
                 (with_category ? "/category" : "/all"));
  std::mt19937_64 rng(17 + level);
  auto who = CountyStaff();
  std::vector<double> ms;
  double reported = 0;
  for (auto _ : state) {
    for (int q = 0; q < kQueries; ++q) {
      const std::string& grid =
          r->grids[std::uniform_int_distribution<std::size_t>(0, r->grids.size() - 1)(rng)];
      core::http::Request req;
      req.method = "GET";
      req.path = req.route = "/api/v1/case-indicators";
      req.query["org"] = grid.substr(0, kUnitLength[level]);
      req.query["from"] = year ? r->year_from : r->month_from;
      req.query["to"] = year ? r->year_to : r->month_to;
      if (with_category) {
        req.query["category"] = r->categories[std::uniform_int_distribution<std::size_t>(
            0, r->categories.size() - 1)(rng)];
      }
      req.principal = who;
      Stopwatch watch;
      core::http::Response res = r->spec->handler(req);
      ms.push_back(watch.Ms());
      if (res.status != 200)
        return state.SkipWithError(("HTTP " + std::to_string(res.status) + " " + res.body).c_str());
      reported += core::http::Json::parse(res.body)["counts"]["reported"].get<double>();
    }
  }
  ReportLatency(state, ms);
  state.counters["reported"] = reported / static_cast<double>(ms.size());
}
BENCHMARK(BM_CaseIndicators)
    ->ArgsProduct({{0, 1, 2, 3}, {0, 1}, {0, 1}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
