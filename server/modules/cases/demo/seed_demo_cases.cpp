#include "modules/cases/demo/seed_demo_cases.hpp"

#include <iostream>

#include "core/module_names.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/demo/demo_case_generator.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

namespace {

constexpr int kBatch = 2000;

}  // namespace

Result<DemoCasesCounts> SeedDemoCases(CasesContext& ctx, const std::string& county, std::int64_t n,
                                      bool progress, std::uint64_t seed) {
  DemoCasesCounts counts;
  if (n <= 0) return counts;
  JC_ASSIGN_OR_RETURN(auto world, LoadDemoCaseWorld(ctx.org, ctx.db, county, ctx.calendar.Get()));
  DemoCaseOptions options;
  options.count = n;
  options.now_ms = ctx.clock.NowMs();
  options.seed = seed;
  DemoCaseGenerator generator(std::move(world), options);
  IndicatorBuffer buffer;
  for (std::int64_t done = 0; done < n;) {
    std::int64_t batch_end = std::min(n, done + kBatch);
    JC_TRY(ctx.db.WriteExclusive([&](core::db::Session& s) -> Result<void> {
      CaseStore store(s, *ctx.cipher);
      for (std::int64_t i = done; i < batch_end; ++i) {
        JC_ASSIGN_OR_RETURN(DemoCase drawn, generator.Next(buffer));
        Case& c = drawn.c;
        JC_TRY(store.Insert(c));
        if (drawn.events.size() > 1 || c.overdue || c.warned) JC_TRY(store.SaveWorkflow(c));
        for (auto& e : drawn.events) {
          e.case_id = c.id;
          JC_TRY(store.AppendEvent(e));
        }
        counts.events += static_cast<std::int64_t>(drawn.events.size());
        if (IsOpen(*ParseStatus(c.status))) ++counts.open;
        ++counts.cases;
      }
      // Counters are summed per batch: memory stays bounded, the upserts add up.
      return buffer.Flush(s);
    }));
    done = batch_end;
    if (progress) std::cerr << "cases: " << done << "/" << n << "\n";
  }
  return counts;
}

}  // namespace jiceng::cases
