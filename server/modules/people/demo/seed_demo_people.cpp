#include "modules/people/demo/seed_demo_people.hpp"

#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "modules/people/households/household_store.hpp"
#include "modules/people/places/house_store.hpp"
#include "modules/people/residents/resident_store.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kDemoCounty = "330681";
constexpr const char* kActor = "system";
// Residents per write transaction: large enough that commits cost nothing, small enough that
// progress shows and the WAL stays bounded.
constexpr std::int64_t kBatchResidents = 20000;

core::Result<void> WriteHouse(core::db::Session& s, ResidentStore& store, const Privacy& privacy,
                              DemoHouse& dh, std::int64_t now, DemoPeopleCounts& counts,
                              std::vector<TermRow>& terms) {
  JC_TRY(HouseStore(s).Insert(dh.house, now));
  std::int64_t house_id = dh.house.id;
  ++counts.houses;
  HouseholdStore households(s);
  for (auto& hh : dh.households) {
    Household row;
    row.number = hh.number;
    row.org_code = dh.house.org_code;
    row.house_id = house_id;
    JC_TRY(households.InsertNew(row, now));
    std::int64_t household_id = row.id;
    ++counts.households;
    for (auto& m : hh.members) {
      m.resident.house_id = house_id;
      m.resident.household_id = household_id;
      JC_TRY(
          store.InsertRowOnly(m.resident, kActor, now, SealResident(m.resident, privacy), terms));
      ++counts.residents;
      for (auto& t : m.tags) {
        t.resident_id = m.resident.id;
        JC_TRY(store.InsertTag(t, now));
        ++counts.tags;
      }
    }
    JC_TRY(households.SetHeadOfNew(household_id, hh.members[0].resident.id));
  }
  return {};
}

}  // namespace

core::Result<DemoPeopleCounts> WriteDemoPeople(core::db::Database& db, const Privacy& privacy,
                                               std::vector<DemoGrid> grids, std::int64_t residents,
                                               const std::string& today, std::int64_t now_ms,
                                               bool progress, std::uint64_t seed) {
  DemoPeopleCounts counts;
  if (residents <= 0) return counts;
  if (grids.empty()) return core::DomainError::Internal("people.demo.grids", "演示县没有网格");
  DemoPeopleGenerator generator(std::move(grids), today, seed);
  std::int64_t generated = 0;
  while (generated < residents) {
    std::vector<DemoHouse> batch;
    std::int64_t in_batch = 0;
    while (generated < residents && in_batch < kBatchResidents) {
      batch.push_back(generator.Next(residents - generated));
      std::int64_t n = batch.back().ResidentCount();
      generated += n;
      in_batch += n;
    }
    JC_TRY(db.WriteExclusive([&](core::db::Session& s) -> core::Result<void> {
      ResidentStore store(s, privacy);
      std::vector<TermRow> terms;
      for (auto& house : batch) JC_TRY(WriteHouse(s, store, privacy, house, now_ms, counts, terms));
      return store.InsertTerms(terms);
    }));
    if (progress) std::cerr << "people: " << generated << "/" << residents << "\n";
  }
  return counts;
}

core::Result<void> SeedDemoPeople(PeopleContext& ctx, const core::app::DemoOptions& options) {
  if (options.residents <= 0) return {};
  if (!ctx.grid_codes) return core::DomainError::Internal("people.demo.grids", "未接入网格列表");
  JC_ASSIGN_OR_RETURN(auto codes, ctx.grid_codes(kDemoCounty));
  // Names of the townships and villages the addresses use (a few hundred lookups).
  OrgNames name_of(ctx);
  std::vector<DemoGrid> grids;
  grids.reserve(codes.size());
  for (const auto& code : codes) {
    if (code.size() != 15) continue;
    std::string village = code.substr(0, 12);
    grids.push_back({code, name_of(code.substr(0, 9)), AddressVillageName(name_of(village)),
                     IsUrbanVillageCode(village)});
  }
  auto started = std::chrono::steady_clock::now();
  JC_ASSIGN_OR_RETURN(auto counts,
                      WriteDemoPeople(ctx.db, ctx.privacy, std::move(grids), options.residents,
                                      ctx.Today(), ctx.clock.NowMs(), options.residents >= 20000));
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (options.residents >= 20000) {
    std::cerr << "people: " << counts.residents << " residents, " << counts.households
              << " households, " << counts.tags << " tags in " << elapsed.count() << " s\n";
  }
  core::audit::AuditEntry e;
  e.actor = kActor;
  e.action = "people.demo.seed";
  e.target_type = "county";
  e.target_id = kDemoCounty;
  e.org_code = kDemoCounty;
  e.summary = nlohmann::json{{"residents", counts.residents},
                             {"households", counts.households},
                             {"houses", counts.houses},
                             {"tags", counts.tags}}
                  .dump();
  e.source = "cli";
  return ctx.audit.AppendAlone(e);
}

}  // namespace jiceng::people
