// The branch regulations' numbers at each boundary: 2/3 formal members, 5/6 units of a joint
// branch, 49/50 members, 6/7 formal members for a committee, committees of 2/3/5/7/8, and the
// 5-year term with its 90-day window.
#include "modules/party/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jiceng::party {
namespace {

bool Has(const std::vector<Check>& checks, const std::string& code) {
  return std::any_of(checks.begin(), checks.end(), [&](const Check& c) { return c.code == code; });
}

PartyOrg Branch(OrgKind kind = OrgKind::kBranch) {
  PartyOrg o;
  o.kind = kind;
  return o;
}

MemberCounts Formal(std::int64_t formal, std::int64_t committee = 0, bool secretary = true) {
  MemberCounts c;
  c.formal = formal;
  c.committee = committee;
  c.has_secretary = secretary;
  return c;
}

constexpr const char* kToday = "2026-12-08";

TEST(PartyRules, ABranchNeedsThreeFormalMembers) {
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(2), kToday), "party.org.formal.too_few"));
  EXPECT_FALSE(Has(CheckOrg(Branch(), Formal(3), kToday), "party.org.formal.too_few"));
  // Probationary members do not count towards the three.
  MemberCounts c = Formal(2);
  c.probationary = 5;
  EXPECT_TRUE(Has(CheckOrg(Branch(), c, kToday), "party.org.formal.too_few"));
  // The joint branch is the proposal: its own message, same code.
  auto joint = CheckOrg(Branch(OrgKind::kJointBranch), Formal(2), kToday);
  EXPECT_TRUE(Has(joint, "party.org.formal.too_few"));
  auto single = CheckOrg(Branch(), Formal(2), kToday);
  EXPECT_NE(single[0].message.find("联合党支部"), std::string::npos);
  // A committee or a group is not a branch: no such check.
  EXPECT_TRUE(CheckOrg(Branch(OrgKind::kCommittee), Formal(0), kToday).empty());
  EXPECT_TRUE(CheckOrg(Branch(OrgKind::kGroup), Formal(1), kToday).empty());
}

TEST(PartyRules, AJointBranchCoversAtMostFiveUnits) {
  EXPECT_TRUE(CheckUnits(OrgKind::kJointBranch, 5).ok());
  auto six = CheckUnits(OrgKind::kJointBranch, 6);
  ASSERT_FALSE(six.ok());
  EXPECT_EQ(six.error().code, "party.org.units.too_many");
  EXPECT_EQ(six.error().field, "units");
  EXPECT_EQ(CheckUnits(OrgKind::kJointBranch, 0).error().code, "party.org.units.required");
  EXPECT_TRUE(CheckUnits(OrgKind::kJointBranch, 1).ok());
  EXPECT_EQ(CheckUnits(OrgKind::kBranch, 1).error().code, "party.org.units.not_joint");
  EXPECT_TRUE(CheckUnits(OrgKind::kBranch, 0).ok());
}

TEST(PartyRules, FiftyMembersAreFlagged) {
  MemberCounts c = Formal(40, 5);
  c.probationary = 9;  // 49
  EXPECT_FALSE(Has(CheckOrg(Branch(), c, kToday), "party.org.members.over_50"));
  c.probationary = 10;  // 50
  EXPECT_TRUE(Has(CheckOrg(Branch(), c, kToday), "party.org.members.over_50"));
}

TEST(PartyRules, SevenFormalMembersNeedACommitteeOfThreeToFive) {
  // Six formal members: a secretary is enough.
  auto six = CheckOrg(Branch(), Formal(6, 1), kToday);
  EXPECT_FALSE(Has(six, "party.org.committee.too_small"));
  EXPECT_TRUE(six.empty());
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(6, 0, false), kToday), "party.org.secretary.missing"));
  // Seven: a committee of 3 to 5.
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(7, 1), kToday), "party.org.committee.too_small"));
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(7, 2), kToday), "party.org.committee.too_small"));
  EXPECT_TRUE(CheckOrg(Branch(), Formal(7, 3), kToday).empty());
  EXPECT_TRUE(CheckOrg(Branch(), Formal(9, 5), kToday).empty());
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(9, 6), kToday), "party.org.committee.over_five"));
  EXPECT_TRUE(Has(CheckOrg(Branch(), Formal(9, 7), kToday), "party.org.committee.over_five"));
  EXPECT_TRUE(
      Has(CheckOrg(Branch(), Formal(9, 3, false), kToday), "party.org.committee.no_secretary"));
}

TEST(PartyRules, ACommitteeSeatsAtMostSeven) {
  for (int seated : {0, 2, 3, 5, 6}) EXPECT_TRUE(CheckCommitteeSeat(OrgKind::kBranch, seated).ok());
  auto eighth = CheckCommitteeSeat(OrgKind::kBranch, 7);
  ASSERT_FALSE(eighth.ok());
  EXPECT_EQ(eighth.error().code, "party.member.committee.full");
  EXPECT_FALSE(CheckCommitteeSeat(OrgKind::kJointBranch, 7).ok());
  EXPECT_FALSE(CheckCommitteeSeat(OrgKind::kGeneralBranch, 8).ok());
  // A party committee (党委) is not bound by the branch regulations' seven.
  EXPECT_TRUE(CheckCommitteeSeat(OrgKind::kCommittee, 7).ok());
}

TEST(PartyRules, TermsLastFiveYearsAndShowNinetyDaysAhead) {
  EXPECT_EQ(TermEnd("2021-12-20"), "2026-12-20");
  EXPECT_EQ(TermEnd("2024-02-29"), "2029-03-01");
  EXPECT_EQ(TermEnd("2024-02-30"), "");
  EXPECT_TRUE(TermDue("2027-03-08", kToday));   // 90 days
  EXPECT_FALSE(TermDue("2027-03-09", kToday));  // 91 days
  EXPECT_TRUE(TermDue("2026-12-01", kToday));   // ended
  EXPECT_FALSE(TermDue("", kToday));

  PartyOrg o = Branch();
  o.term_ends_on = "2027-03-08";
  EXPECT_TRUE(Has(CheckOrg(o, Formal(3), kToday), "party.org.term.ending"));
  o.term_ends_on = "2027-03-09";
  EXPECT_TRUE(CheckOrg(o, Formal(3), kToday).empty());
  o.term_ends_on = "2026-12-07";
  EXPECT_TRUE(Has(CheckOrg(o, Formal(3), kToday), "party.org.term.ended"));
}

}  // namespace
}  // namespace jiceng::party
