// MoveDeadlines: the deadline effect of every workflow action, on a Monday–Friday calendar
// (08:30–12:00, 13:30–17:30 Asia/Shanghai) and a category with one rule per stage.
#include <gtest/gtest.h>

#include "core/time/work_calendar.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/tests/case_test_fixture.hpp"

namespace jiceng::cases {
namespace {

// Shanghai wall-clock times of the test week (2026-03-02 is a Monday).
using jiceng::testing::At;

class MoveDeadlinesTest : public ::testing::Test {
 protected:
  MoveDeadlinesTest() {
    category_.code = "E0102";
    category_.deadlines = {{"dispatch", "normal", 30, "working_minutes"},
                           {"dispatch", "urgent", 10, "minutes"},
                           {"handling", "normal", 2, "working_days"},
                           {"handling", "urgent", 240, "working_minutes"},
                           {"verification_urban", "normal", 60, "working_minutes"},
                           {"verification_rural", "normal", 120, "working_minutes"}};
  }

  DeadlineState Move(const DeadlineState& state, DeadlineStep step,
                     const std::string& urgency = "normal",
                     const std::string& org = "330681001001001") {
    return MoveDeadlines(state, step, {calendar_, category_, urgency, org});
  }

  core::time::WorkCalendar calendar_;
  Category category_;
  // A case in handling: due Wednesday 17:30, its stage too.
  const DeadlineState handling_{At("2026-03-04", 17, 30), At("2026-03-04", 17, 30)};
};

TEST_F(MoveDeadlinesTest, DispatchStartsTheHandlingPeriodOnWorkingDays) {
  DeadlineState filed{At("2026-03-02", 10, 0), std::nullopt};
  // Monday 10:00 + 2 working days: the day of receipt does not count, so Wednesday 17:30.
  EXPECT_EQ(Move(filed, {CaseAction::kDispatch, At("2026-03-02", 10, 0)}), handling_);
  // Friday: the weekend does not count, so Tuesday 17:30.
  DeadlineState friday = Move(filed, {CaseAction::kDispatch, At("2026-03-06", 9, 0)});
  EXPECT_EQ(friday.handling_due_at, At("2026-03-10", 17, 30));
  EXPECT_EQ(friday.stage_due_at, friday.handling_due_at);
  // Urgent: 240 working minutes from 10:00 is 15:30 (lunch break skipped).
  DeadlineState urgent = Move(filed, {CaseAction::kDispatch, At("2026-03-02", 10, 0)}, "urgent");
  EXPECT_EQ(urgent.handling_due_at, At("2026-03-02", 15, 30));
}

TEST_F(MoveDeadlinesTest, EscalateRestartsHandlingForTheSummonedDepartment) {
  DeadlineState moved = Move(handling_, {CaseAction::kEscalate, At("2026-03-04", 9, 0)});
  EXPECT_EQ(moved.handling_due_at, At("2026-03-06", 17, 30));
  EXPECT_EQ(moved.stage_due_at, moved.handling_due_at);
}

TEST_F(MoveDeadlinesTest, ReturnGivesTheCentreADispatchDeadlineAndKeepsHandling) {
  DeadlineState moved = Move(handling_, {CaseAction::kReturn, At("2026-03-03", 11, 50)});
  EXPECT_EQ(moved.stage_due_at, At("2026-03-03", 13, 50));  // 10 min before lunch, 20 after
  EXPECT_EQ(moved.handling_due_at, handling_.handling_due_at);
}

TEST_F(MoveDeadlinesTest, ResolveWatchesVerificationUrbanOrRural) {
  std::int64_t at = At("2026-03-03", 9, 0);
  EXPECT_EQ(Move(handling_, {CaseAction::kResolve, at}).stage_due_at, At("2026-03-03", 10, 0));
  DeadlineState rural = Move(handling_, {CaseAction::kResolve, at}, "normal", "330681001201001");
  EXPECT_EQ(rural.stage_due_at, At("2026-03-03", 11, 0));
  EXPECT_EQ(rural.handling_due_at, handling_.handling_due_at);
}

TEST_F(MoveDeadlinesTest, ReworkGetsAStageDeadlineButKeepsTheHandlingDeadline) {
  DeadlineState resolved{At("2026-03-04", 16, 0), At("2026-03-04", 17, 30)};
  DeadlineState moved = Move(resolved, {CaseAction::kRework, At("2026-03-04", 15, 0)});
  EXPECT_EQ(moved.stage_due_at, At("2026-03-06", 17, 30));
  EXPECT_EQ(moved.handling_due_at, At("2026-03-04", 17, 30));  // a late case stays late
}

TEST_F(MoveDeadlinesTest, ApprovedExtensionAddsWorkingDaysToHandling) {
  DeadlineState moved = Move(handling_, {CaseAction::kApproveExtension, At("2026-03-03", 9, 0), 3});
  EXPECT_EQ(moved.handling_due_at, At("2026-03-09", 17, 30));  // Thu, Fri, (weekend), Mon
  EXPECT_EQ(moved.stage_due_at, moved.handling_due_at);
  // Without a handling deadline there is nothing to extend; a denial moves nothing.
  DeadlineState none{At("2026-03-03", 9, 30), std::nullopt};
  EXPECT_EQ(Move(none, {CaseAction::kApproveExtension, At("2026-03-03", 9, 0), 3}), none);
  EXPECT_EQ(Move(handling_, {CaseAction::kDenyExtension, At("2026-03-03", 9, 0), 3}), handling_);
}

TEST_F(MoveDeadlinesTest, ResumeMovesBothDeadlinesByTheWorkingTimeSuspended) {
  DeadlineStep resume{CaseAction::kResume, At("2026-03-03", 14, 30), 0, At("2026-03-03", 11, 0)};
  // Suspended 11:00–14:30: 60 working minutes before lunch, 60 after.
  DeadlineState moved = Move(handling_, resume);
  EXPECT_EQ(moved.handling_due_at, At("2026-03-05", 10, 30));
  EXPECT_EQ(moved.stage_due_at, At("2026-03-05", 10, 30));
  resume.suspended_at.reset();
  EXPECT_EQ(Move(handling_, resume), handling_);
}

TEST_F(MoveDeadlinesTest, FinishingActionsClearTheStageOthersLeaveItAlone) {
  for (CaseAction a :
       {CaseAction::kVerify, CaseAction::kClose, CaseAction::kReject, CaseAction::kMerge}) {
    DeadlineState moved = Move(handling_, {a, At("2026-03-03", 9, 0)});
    EXPECT_FALSE(moved.stage_due_at) << ActionName(a);
    EXPECT_EQ(moved.handling_due_at, handling_.handling_due_at) << ActionName(a);
  }
  for (CaseAction a : {CaseAction::kFile, CaseAction::kAccept, CaseAction::kStart,
                       CaseAction::kSuspend, CaseAction::kRequestExtension, CaseAction::kSupervise,
                       CaseAction::kFollowUp, CaseAction::kNote}) {
    EXPECT_EQ(Move(handling_, {a, At("2026-03-03", 9, 0)}), handling_) << ActionName(a);
  }
}

TEST_F(MoveDeadlinesTest, AStageWithoutARuleHasNoDueTime) {
  DeadlineState moved = Move(handling_, {CaseAction::kResolve, At("2026-03-03", 9, 0)}, "urgent");
  EXPECT_FALSE(moved.stage_due_at);  // no urgent verification rule in this category
}

}  // namespace
}  // namespace jiceng::cases
