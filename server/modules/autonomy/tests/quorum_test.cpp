// The law's numbers of each meeting of 四议两公开 at their boundaries: exactly half, half plus
// one, two thirds, two thirds minus one.
#include "modules/autonomy/decisions/quorum.hpp"

#include <gtest/gtest.h>

namespace jiceng::autonomy {
namespace {

MeetingNumbers N(std::int64_t expected, std::int64_t present, std::int64_t votes_for,
                 std::int64_t against = 0) {
  MeetingNumbers n;
  n.expected = expected;
  n.present = present;
  n.votes_for = votes_for;
  n.votes_against = against;
  return n;
}

std::string Code(const core::Result<void>& r) { return r.ok() ? "ok" : r.error().code; }

TEST(QuorumTest, PartyMeetingNeedsMoreThanHalfOfMembersPresent) {
  // 10 members entitled to vote: 5 (exactly half) is not a quorum, 6 is.
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kPartyMeeting, N(10, 5, 5))),
            "autonomy.decision.quorum_not_met");
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kPartyMeeting, N(10, 6, 6))), "ok");
  // Odd: 7 members, 3 is short, 4 is more than half.
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kPartyMeeting, N(7, 3, 3))),
            "autonomy.decision.quorum_not_met");
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kPartyMeeting, N(7, 4, 4))), "ok");
}

TEST(QuorumTest, PartyMeetingNeedsMoreThanHalfOfAllMembersEntitledToVote) {
  // 8 of 10 present; 5 agree: more than half of those present but exactly half of the members.
  auto r = CheckQuorumAndMajority(Meeting::kPartyMeeting, N(10, 8, 5, 3));
  EXPECT_EQ(Code(r), "autonomy.decision.rejected");
  EXPECT_NE(r.error().message.find("赞成 5 票"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("10 人"), std::string::npos) << r.error().message;
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kPartyMeeting, N(10, 8, 6, 2))), "ok");
}

TEST(QuorumTest, AssemblyQuorumIsMoreThanHalfOfAdults) {
  auto r = CheckQuorumAndMajority(Meeting::kAssembly, N(100, 50, 50));
  EXPECT_EQ(Code(r), "autonomy.decision.quorum_not_met");
  EXPECT_NE(r.error().message.find("应到 100 人、实到 50 人"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, N(100, 51, 51))), "ok");
}

TEST(QuorumTest, AssemblyQuorumIsAlsoTwoThirdsOfHouseholds) {
  // Few adults but two thirds of the households' representatives: quorate (art. 22).
  MeetingNumbers n = N(300, 20, 15);
  n.households_expected = 30;
  n.households_present = 20;  // exactly two thirds: 以上 includes the number
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, n)), "ok");
  n.households_present = 19;  // two thirds minus one
  auto r = CheckQuorumAndMajority(Meeting::kAssembly, n);
  EXPECT_EQ(Code(r), "autonomy.decision.quorum_not_met");
  EXPECT_NE(r.error().message.find("应到 30 户、到会 19 户"), std::string::npos)
      << r.error().message;
  // Not a whole number: 31 households, two thirds is 20.67: 20 is short, 21 is enough.
  n.households_expected = 31;
  n.households_present = 20;
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, n)),
            "autonomy.decision.quorum_not_met");
  n.households_present = 21;
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, n)), "ok");
}

TEST(QuorumTest, AssemblyDecidesByMoreThanHalfOfThosePresent) {
  // 60 present: 30 (exactly half) is rejected, 31 carries.
  auto r = CheckQuorumAndMajority(Meeting::kAssembly, N(100, 60, 30, 30));
  EXPECT_EQ(Code(r), "autonomy.decision.rejected");
  EXPECT_NE(r.error().message.find("到会 60 人，赞成 30 票"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, N(100, 60, 31, 29))), "ok");
  // Abstentions count among those present: 31 of 61 present still carries, 30 of 61 does not.
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, N(100, 61, 31))), "ok");
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kAssembly, N(100, 61, 30))),
            "autonomy.decision.rejected");
}

TEST(QuorumTest, RepresentativesAssemblyNeedsTwoThirdsPresent) {
  // 30 members: 20 is exactly two thirds (enough), 19 is not.
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(30, 20, 11))), "ok");
  auto r = CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(30, 19, 19));
  EXPECT_EQ(Code(r), "autonomy.decision.quorum_not_met");
  EXPECT_NE(r.error().message.find("组成人员 30 人、到会 19 人"), std::string::npos)
      << r.error().message;
  // 31 members: two thirds is 20.67.
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(31, 20, 20))),
            "autonomy.decision.quorum_not_met");
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(31, 21, 11))), "ok");
}

TEST(QuorumTest, RepresentativesAssemblyDecidesByMoreThanHalfOfThosePresent) {
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(30, 20, 10, 10))),
            "autonomy.decision.rejected");
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kRepresentativesAssembly, N(30, 20, 11, 9))),
            "ok");
}

TEST(QuorumTest, JointMeetingHasNoStatutoryThreshold) {
  EXPECT_EQ(Code(CheckQuorumAndMajority(Meeting::kJointMeeting, N(9, 2, 1))), "ok");
}

TEST(QuorumTest, InconsistentNumbersNameTheirField) {
  auto present = CheckNumbers(Meeting::kAssembly, N(10, 11, 5));
  ASSERT_FALSE(present.ok());
  EXPECT_EQ(present.error().code, "autonomy.stage.present.exceeds_expected");
  EXPECT_EQ(present.error().field, "present");
  // Votes up to those present are fine; one more is not.
  EXPECT_TRUE(CheckNumbers(Meeting::kAssembly, N(10, 8, 4, 3)).ok());
  MeetingNumbers votes = N(10, 8, 4, 3);
  votes.abstained = 2;
  auto v = CheckNumbers(Meeting::kAssembly, votes);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "autonomy.stage.votes.exceed_present");
  EXPECT_EQ(v.error().field, "votes_for");
  auto zero = CheckNumbers(Meeting::kPartyMeeting, N(0, 0, 0));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "expected");
  MeetingNumbers hh = N(100, 10, 5);
  hh.households_expected = 30;
  hh.households_present = 31;
  auto h = CheckNumbers(Meeting::kAssembly, hh);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, "autonomy.stage.households_present.exceeds_expected");
  EXPECT_EQ(h.error().field, "households_present");
  auto rep = CheckNumbers(Meeting::kRepresentativesAssembly, hh);
  ASSERT_FALSE(rep.ok());
  EXPECT_EQ(rep.error().code, "autonomy.stage.households.not_applicable");
}

}  // namespace
}  // namespace jiceng::autonomy
