#include "modules/cases/indicators/indicators.hpp"

#include <gtest/gtest.h>

namespace jiceng::cases {
namespace {

// The published fixture (STANDARDS.md, Tianmen): due 972, closed 911, closed on time 737.
TEST(CaseIndicators, ReproducesThePublishedFixture) {
  IndicatorCounts c;
  c.due = 972;
  c.closed = 911;
  c.closed_on_time = 737;
  c.closed_on_time_undeferred = 737;
  auto j = IndicatorJson(c, {});
  EXPECT_DOUBLE_EQ(j["rates"]["closure_rate"].get<double>(), 93.72);
  EXPECT_DOUBLE_EQ(j["rates"]["on_time_closure_rate"].get<double>(), 75.82);
}

TEST(CaseIndicators, DeferredCasesInOrOutOfTheDenominator) {
  IndicatorCounts c;
  c.due = 100;
  c.deferred = 20;
  c.closed = 90;
  c.closed_on_time = 70;  // 15 of them had an extension
  c.closed_on_time_undeferred = 55;
  EXPECT_DOUBLE_EQ(IndicatorJson(c, {true, true})["rates"]["on_time_closure_rate"].get<double>(),
                   70.0);
  EXPECT_DOUBLE_EQ(IndicatorJson(c, {false, true})["rates"]["on_time_closure_rate"].get<double>(),
                   68.75);  // 55/80
}

TEST(CaseIndicators, OtherRatesAndEmptyDenominators) {
  IndicatorCounts c;
  c.dispatched = 40;
  c.accepted = 38;
  c.extended = 4;
  c.verified = 27;
  c.reworked = 3;
  c.followups = 20;
  c.followup_resolved = 17;
  c.satisfied = 12;
  c.mostly_satisfied = 5;
  c.resolved = 4;
  c.handling_minutes = 1000;
  auto j = IndicatorJson(c, {});
  EXPECT_DOUBLE_EQ(j["rates"]["response_rate"].get<double>(), 95.0);
  EXPECT_DOUBLE_EQ(j["rates"]["extension_rate"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(j["rates"]["rework_rate"].get<double>(),
                   10.0);  // 3 of 30 verification decisions
  EXPECT_DOUBLE_EQ(j["rates"]["resolution_rate"].get<double>(), 85.0);
  EXPECT_DOUBLE_EQ(j["rates"]["satisfaction_rate"].get<double>(), 85.0);
  EXPECT_DOUBLE_EQ(IndicatorJson(c, {true, false})["rates"]["satisfaction_rate"].get<double>(),
                   60.0);
  EXPECT_DOUBLE_EQ(j["average_handling_working_minutes"].get<double>(), 250.0);
  EXPECT_TRUE(j["rates"]["closure_rate"].is_null());  // nothing due: no rate, not 0 %
  EXPECT_FALSE(Percent(1, 0).has_value());
}

}  // namespace
}  // namespace jiceng::cases
