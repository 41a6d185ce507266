// What the autonomy module reads of the party module (api.hpp, "for the autonomy module"): the
// committee of the party organization leading a village, for the two committees (村"两委").
#include <algorithm>

#include "modules/party/api.hpp"
#include "modules/party/member_store.hpp"
#include "modules/party/party_context.hpp"
#include "modules/party/party_org_store.hpp"
#include "modules/people/api.hpp"

namespace jiceng::party {

namespace {

constexpr int kMemberPage = 500;

// Secretary first, then the deputy, the committee members by portfolio, plain members last.
int PostRank(const std::string& post) {
  static const char* const kOrder[] = {"secretary",  "deputy_secretary", "organization",
                                       "propaganda", "discipline",       "member"};
  for (int i = 0; i < 6; ++i)
    if (post == kOrder[i]) return i;
  return 6;
}

// The village's own organizations (not groups): the one whose parent is not bound to the same
// village leads; of several, the oldest.
std::map<std::string, PartyOrg> LeadingOrgs(const std::vector<PartyOrg>& orgs) {
  std::map<std::int64_t, const PartyOrg*> by_id;
  for (const auto& o : orgs) by_id[o.id] = &o;
  std::map<std::string, PartyOrg> out;
  for (const auto& o : orgs) {
    if (o.org_code.size() != 12 || o.kind == OrgKind::kGroup) continue;
    if (o.parent_id) {
      auto parent = by_id.find(*o.parent_id);
      if (parent != by_id.end() && parent->second->org_code == o.org_code) continue;
    }
    auto it = out.find(o.org_code);
    if (it == out.end() || o.id < it->second.id) out[o.org_code] = o;
  }
  return out;
}

core::Result<BranchCommittee> CommitteeOf(core::db::Session& s, const core::auth::Scope& scope,
                                          const PartyOrg& org) {
  BranchCommittee c;
  c.party_org_id = org.id;
  c.party_org_name = org.name;
  c.kind_name = OrgKindChinese(org.kind);
  c.org_code = org.org_code;
  MemberStore members(s);
  MemberFilter filter;
  filter.party_org_id = org.id;
  filter.limit = kMemberPage;
  for (;;) {
    JC_ASSIGN_OR_RETURN(auto page, members.List(scope, filter));
    bool more = page.size() > static_cast<std::size_t>(kMemberPage);
    if (more) page.pop_back();
    for (const auto& m : page) {
      if (m.committee_post.empty()) continue;
      BranchCommitteeMember bm;
      bm.resident_id = m.resident_id;
      bm.post = m.committee_post;
      bm.post_name = CommitteePostChinese(m.committee_post);
      // The membership is in scope; the resident may live elsewhere (an in-service member).
      JC_ASSIGN_OR_RETURN(auto r,
                          people::FindResidentBrief(s, core::auth::Scope::All(), m.resident_id));
      if (r) bm.name = r->name;
      c.members.push_back(std::move(bm));
    }
    if (!more || page.empty()) break;
    filter.after_id = page.back().id;
  }
  std::stable_sort(c.members.begin(), c.members.end(), [](const auto& a, const auto& b) {
    return PostRank(a.post) < PostRank(b.post);
  });
  return c;
}

}  // namespace

core::Result<std::map<std::string, BranchCommittee>> BranchCommitteesUnder(
    core::db::Session& s, const core::auth::Scope& scope, const std::string& org_code) {
  std::map<std::string, BranchCommittee> out;
  auto narrowed = NarrowScope(scope, org_code);
  if (!narrowed) return out;
  JC_ASSIGN_OR_RETURN(auto orgs, PartyOrgStore(s).List(*narrowed, 2000));
  for (const auto& [code, org] : LeadingOrgs(orgs)) {
    JC_ASSIGN_OR_RETURN(auto committee, CommitteeOf(s, *narrowed, org));
    out.emplace(code, std::move(committee));
  }
  return out;
}

core::Result<std::optional<BranchCommittee>> BranchCommitteeOf(core::db::Session& s,
                                                               const core::auth::Scope& scope,
                                                               const std::string& village_code) {
  JC_ASSIGN_OR_RETURN(auto all, BranchCommitteesUnder(s, scope, village_code));
  auto it = all.find(village_code);
  if (it == all.end()) return std::optional<BranchCommittee>();
  return std::optional<BranchCommittee>(std::move(it->second));
}

}  // namespace jiceng::party
