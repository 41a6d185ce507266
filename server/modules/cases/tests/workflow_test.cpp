#include "modules/cases/workflow.hpp"

#include <gtest/gtest.h>

#include <set>

namespace jiceng::cases {
namespace {

using S = CaseStatus;
using A = CaseAction;

TEST(CaseWorkflow, TheMainPathVisitsEveryStageInOrder) {
  S s = S::kReported;
  for (auto [action, expected] : std::vector<std::pair<A, S>>{{A::kFile, S::kFiled},
                                                              {A::kDispatch, S::kDispatched},
                                                              {A::kAccept, S::kAccepted},
                                                              {A::kStart, S::kHandling},
                                                              {A::kResolve, S::kResolved},
                                                              {A::kVerify, S::kVerified},
                                                              {A::kClose, S::kClosed}}) {
    auto next = NextStatus(s, action);
    ASSERT_TRUE(next.ok()) << ActionName(action) << " from " << StatusName(s);
    EXPECT_EQ(*next, expected);
    s = *next;
  }
  EXPECT_FALSE(IsOpen(s));
}

TEST(CaseWorkflow, SideBranchesGoWhereTheStandardSays) {
  EXPECT_EQ(*NextStatus(S::kReported, A::kReject), S::kRejected);
  EXPECT_EQ(*NextStatus(S::kDispatched, A::kReturn), S::kFiled);   // disputed dispatch
  EXPECT_EQ(*NextStatus(S::kResolved, A::kRework), S::kHandling);  // failed verification
  EXPECT_EQ(*NextStatus(S::kHandling, A::kSuspend), S::kSuspended);
  EXPECT_EQ(*NextStatus(S::kSuspended, A::kResume, S::kHandling), S::kHandling);
  EXPECT_EQ(*NextStatus(S::kFiled, A::kMerge), S::kClosed);
  // Actions that keep the state.
  EXPECT_EQ(*NextStatus(S::kHandling, A::kRequestExtension), S::kHandling);
  EXPECT_EQ(*NextStatus(S::kAccepted, A::kEscalate), S::kAccepted);
  EXPECT_EQ(*NextStatus(S::kClosed, A::kFollowUp), S::kClosed);
}

TEST(CaseWorkflow, EveryPairOutsideTheTableIsAConflictWithACode) {
  const std::vector<S> all = {S::kReported, S::kFiled,    S::kDispatched, S::kAccepted,
                              S::kHandling, S::kResolved, S::kVerified,   S::kClosed,
                              S::kRejected, S::kSuspended};
  int legal = 0, illegal = 0;
  for (const auto& rule : ActionRules()) {
    std::set<S> from(rule.from.begin(), rule.from.end());
    for (S s : all) {
      auto next = NextStatus(s, rule.action, S::kHandling);
      if (from.count(s)) {
        EXPECT_TRUE(next.ok()) << ActionName(rule.action) << " from " << StatusName(s);
        ++legal;
      } else {
        ASSERT_FALSE(next.ok()) << ActionName(rule.action) << " from " << StatusName(s);
        EXPECT_EQ(next.error().kind, core::ErrorKind::kConflict);
        EXPECT_EQ(next.error().code, "cases.transition.illegal");
        EXPECT_NE(next.error().message.find(StatusLabel(s)), std::string::npos);
        ++illegal;
      }
    }
  }
  EXPECT_GT(legal, 30);
  EXPECT_GT(illegal, 100);
  // Closed and rejected cases cannot be reopened by any state-changing action.
  for (A a : {A::kFile, A::kDispatch, A::kAccept, A::kResolve, A::kVerify, A::kClose}) {
    EXPECT_FALSE(NextStatus(S::kClosed, a).ok());
    EXPECT_FALSE(NextStatus(S::kRejected, a).ok());
  }
}

TEST(CaseWorkflow, ResumeNeedsTheStateBeforeSuspension) {
  EXPECT_FALSE(NextStatus(S::kSuspended, A::kResume).ok());
  EXPECT_FALSE(NextStatus(S::kSuspended, A::kResume, S::kClosed).ok());
}

TEST(CaseWorkflow, NamesRoundTripAndEveryActionHasARule) {
  for (const auto& rule : ActionRules()) {
    EXPECT_EQ(ParseAction(ActionName(rule.action)), rule.action);
    EXPECT_STRNE(ActionLabel(rule.action), "");
    EXPECT_EQ(std::string(rule.permission).rfind("cases.", 0), 0u);
  }
  EXPECT_EQ(ActionRules().size(), 20u);
  EXPECT_EQ(ParseStatus("handling"), S::kHandling);
  EXPECT_FALSE(ParseStatus("open").has_value());
  EXPECT_FALSE(ParseAction("delete").has_value());
}

}  // namespace
}  // namespace jiceng::cases
