#include "modules/autonomy/demo/seed_demo_two_committees.hpp"

#include "core/module_names.hpp"
#include "modules/autonomy/committees/committee_store.hpp"
#include "modules/party/api.hpp"

namespace jiceng::autonomy {

namespace {

constexpr const char* kDemoVillage = "330681109290";  // 枫源村
constexpr const char* kElected = "2021-12-20";        // the 2021 round of village elections

const party::BranchCommitteeMember* WithPost(const party::BranchCommittee& c, const char* post) {
  for (const auto& m : c.members)
    if (m.post == post) return &m;
  return nullptr;
}

}  // namespace

Result<int> SeedDemoTwoCommittees(AutonomyContext& ctx, const std::string& township) {
  int seeded = 0;
  std::int64_t now = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto branches,
                        party::BranchCommitteesUnder(s, core::auth::Scope::All(), township));
    CommitteeStore store(s);
    int index = 0;
    for (const auto& [code, branch] : branches) {
      const auto* secretary = WithPost(branch, "secretary");
      const auto* organization = WithPost(branch, "organization");
      const auto* propaganda = WithPost(branch, "propaganda");
      if (!secretary || !organization || !propaganda) continue;
      JC_ASSIGN_OR_RETURN(auto current, store.Current(core::auth::Scope::All(), code));
      if (!current.empty()) continue;
      // Every third village elected someone else director; the demo village has 一肩挑.
      bool one_shoulder = index++ % 3 != 1 || code == kDemoVillage;
      std::vector<std::pair<const party::BranchCommitteeMember*, const char*>> seats;
      if (one_shoulder) {
        seats = {{secretary, "主任"}, {organization, "委员"}};
      } else {
        seats = {{propaganda, "主任"}, {organization, "委员"}};
      }
      for (const auto& [member, post] : seats) {
        CommitteeMember m;
        m.org_code = code;
        m.committee = "villagers";
        m.resident_id = member->resident_id;
        m.name = member->name;
        m.post = post;
        m.started_on = kElected;
        m.created_at = now;
        JC_TRY(store.Insert(m));
      }
      ++seeded;
    }
    return {};
  }));
  return seeded;
}

}  // namespace jiceng::autonomy
