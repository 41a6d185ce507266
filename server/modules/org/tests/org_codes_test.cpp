// Org code rules (STANDARDS.md "Codes"): levels by length, segment ranges, 9xx departments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/org/org.hpp"

namespace jiceng::org {
namespace {

TEST(OrgCodesTest, LevelFollowsCodeLength) {
  EXPECT_EQ(LevelOfCode("33"), OrgLevel::kProvince);
  EXPECT_EQ(LevelOfCode("3306"), OrgLevel::kCity);
  EXPECT_EQ(LevelOfCode("330681"), OrgLevel::kCounty);
  EXPECT_EQ(LevelOfCode("330681109"), OrgLevel::kTownship);
  EXPECT_EQ(LevelOfCode("330681109290"), OrgLevel::kVillage);
  EXPECT_EQ(LevelOfCode("330681109290001"), OrgLevel::kGrid);
}

TEST(OrgCodesTest, NineHundredSegmentsAreDepartments) {
  EXPECT_EQ(LevelOfCode("330681900"), OrgLevel::kDepartment);
  EXPECT_EQ(LevelOfCode("330681901"), OrgLevel::kDepartment);
  EXPECT_EQ(LevelOfCode("330681999"), OrgLevel::kDepartment);
  EXPECT_EQ(LevelOfCode("330681899"), OrgLevel::kTownship);
  EXPECT_EQ(LevelOfCode("330681109901"), OrgLevel::kDepartment);
  EXPECT_EQ(LevelOfCode("330681109899"), OrgLevel::kVillage);
  EXPECT_EQ(KindOfDivisionCode("330681901"), "department");
  EXPECT_EQ(KindOfDivisionCode("330681109904"), "department");
}

TEST(OrgCodesTest, TownshipSegmentRangesGiveKinds) {
  struct Case {
    const char* segment;
    const char* kind;
  };
  for (const Case& c :
       {Case{"001", "street"}, Case{"099", "street"}, Case{"100", "town"}, Case{"109", "town"},
        Case{"199", "town"}, Case{"200", "township_rural"}, Case{"399", "township_rural"},
        Case{"400", "township_other"}, Case{"599", "township_other"}}) {
    std::string code = std::string("330681") + c.segment;
    EXPECT_EQ(KindOfDivisionCode(code), c.kind) << code;
    EXPECT_EQ(LevelOfCode(code), OrgLevel::kTownship) << code;
  }
}

TEST(OrgCodesTest, VillageSegmentRangesGiveKinds) {
  struct Case {
    const char* segment;
    const char* kind;
  };
  for (const Case& c :
       {Case{"001", "community"}, Case{"199", "community"}, Case{"200", "villagers"},
        Case{"290", "villagers"}, Case{"399", "villagers"}, Case{"400", "village_other"},
        Case{"599", "village_other"}}) {
    std::string code = std::string("330681109") + c.segment;
    EXPECT_EQ(KindOfDivisionCode(code), c.kind) << code;
    EXPECT_EQ(LevelOfCode(code), OrgLevel::kVillage) << code;
  }
}

TEST(OrgCodesTest, UpperLevelsAndGridsHaveTheirKinds) {
  EXPECT_EQ(KindOfDivisionCode("33"), "province");
  EXPECT_EQ(KindOfDivisionCode("3306"), "city");
  EXPECT_EQ(KindOfDivisionCode("330681"), "county");
  EXPECT_EQ(KindOfDivisionCode("330681109290001"), "comprehensive");
  EXPECT_EQ(KindName("street"), "街道");
  EXPECT_EQ(KindName("town"), "镇");
  EXPECT_EQ(KindName("township_rural"), "乡");
  EXPECT_EQ(KindName("community"), "居委会");
  EXPECT_EQ(KindName("villagers"), "村委会");
  EXPECT_EQ(KindName("dedicated"), "专属网格");
  EXPECT_EQ(KindName("something_new"), "something_new");
}

TEST(OrgCodesTest, AncestorsRunFromProvinceDownExcludingTheCode) {
  EXPECT_EQ(AncestorCodes("330681109290001"),
            (std::vector<std::string>{"33", "3306", "330681", "330681109", "330681109290"}));
  EXPECT_EQ(AncestorCodes("330681109290"),
            (std::vector<std::string>{"33", "3306", "330681", "330681109"}));
  EXPECT_EQ(AncestorCodes("330681109"), (std::vector<std::string>{"33", "3306", "330681"}));
  EXPECT_EQ(AncestorCodes("330681901"), (std::vector<std::string>{"33", "3306", "330681"}));
  EXPECT_EQ(AncestorCodes("3306"), (std::vector<std::string>{"33"}));
  EXPECT_TRUE(AncestorCodes("33").empty());
}

TEST(OrgCodesTest, ValidCodesAreDigitsOfAHierarchyLength) {
  for (const char* ok : {"33", "3306", "330681", "330681109", "330681109290", "330681109290001"}) {
    EXPECT_TRUE(IsValidOrgCode(ok)) << ok;
  }
  for (const char* bad : {"", "3", "330", "33068", "3306811", "33068110", "3306811092",
                          "33068110929", "3306811092900", "33068110929000", "3306811092900011",
                          "33068a", "330681 09", "３３", "-33068", "33068１"}) {
    EXPECT_FALSE(IsValidOrgCode(bad)) << bad;
  }
}

TEST(OrgCodesTest, LevelNamesRoundTrip) {
  for (auto l : {OrgLevel::kProvince, OrgLevel::kCity, OrgLevel::kCounty, OrgLevel::kTownship,
                 OrgLevel::kVillage, OrgLevel::kGrid, OrgLevel::kDepartment}) {
    EXPECT_EQ(ParseLevel(LevelName(l)), l) << LevelName(l);
  }
  EXPECT_FALSE(ParseLevel("planet").has_value());
}

}  // namespace
}  // namespace jiceng::org
