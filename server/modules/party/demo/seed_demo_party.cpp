#include "modules/party/demo/seed_demo_party.hpp"

#include "modules/party/link_store.hpp"
#include "modules/party/member_store.hpp"
#include "modules/party/party_org_store.hpp"
#include "modules/party/rules.hpp"

namespace jiceng::party {

namespace {

constexpr const char* kDemoTownship = "330681109";  // 枫桥镇, the org module's demo township
constexpr const char* kTermStarted = "2021-12-20";  // the 2021 round of village elections
constexpr int kMembersPerVillage = 9;
constexpr int kLinksPerMember = 3;

// Adults born before 2000, so members were at least 18 when they joined.
bool Adult(const people::ResidentBrief& r) {
  return !r.birth_date.empty() && r.birth_date < "2000-01-01";
}

}  // namespace

core::Result<void> SeedDemoParty(PartyContext& ctx, const core::app::DemoOptions& options) {
  JC_ASSIGN_OR_RETURN(auto villages, ctx.org.Children(core::auth::Scope::All(), kDemoTownship));
  std::int64_t now = ctx.clock.NowMs();
  const char* posts[] = {"secretary", "organization", "propaganda"};
  return ctx.db.WriteExclusive([&](core::db::Session& s) -> core::Result<void> {
    PartyOrgStore orgs(s);
    MemberStore members(s);
    LinkStore links(s);
    for (const auto& v : villages) {
      if (v.code.size() != 12) continue;  // departments
      JC_ASSIGN_OR_RETURN(std::int64_t existing, orgs.CountAt(v.code));
      if (existing > 0) continue;
      PartyOrg branch;
      branch.org_code = v.code;
      branch.kind = OrgKind::kBranch;
      branch.name = "中共" + v.name + "支部委员会";
      branch.term_started_on = kTermStarted;
      branch.term_ends_on = TermEnd(kTermStarted);
      branch.created_at = branch.updated_at = now;
      JC_TRY(orgs.Insert(branch));

      auto scope = core::auth::Scope::Of({v.code});
      JC_ASSIGN_OR_RETURN(auto residents, ctx.people.Residents(s, scope, 60));
      int added = 0;
      for (const auto& r : residents) {
        if (added >= kMembersPerVillage) break;
        if (!Adult(r)) continue;
        Member m;
        m.party_org_id = branch.id;
        m.org_code = v.code;
        m.resident_id = r.id;
        m.status =
            added == kMembersPerVillage - 1 ? MemberStatus::kProbationary : MemberStatus::kFormal;
        m.joined_on = std::to_string(2018 + added % 6) + "-07-01";
        m.committee_post = added < 3 ? posts[added] : "";
        m.created_at = m.updated_at = now;
        JC_TRY(members.Insert(m));
        ++added;
        // Households of the member's own grid, not the member's own.
        JC_ASSIGN_OR_RETURN(auto households,
                            ctx.people.Households(s, core::auth::Scope::Of({r.org_code}), 20));
        int linked = 0;
        // Each member starts at another household, so neighbours are shared out.
        for (std::size_t i = 0; i < households.size() && linked < kLinksPerMember; ++i) {
          const auto& hh = households[(i + static_cast<std::size_t>(added)) % households.size()];
          if (r.household_id && *r.household_id == hh.id) continue;
          HouseholdLink l{0, m.id, hh.id, hh.org_code, now};
          JC_TRY(links.Insert(l));
          ++linked;
        }
      }
    }
    return {};
  });
}

}  // namespace jiceng::party
