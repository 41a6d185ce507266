#include "core/text/credit_code.hpp"

#include <gtest/gtest.h>

namespace jiceng::core::text {
namespace {

// Published codes: the example of GB 32100-2015, 华为技术有限公司 and 深圳市腾讯计算机系统有限公司
// (as printed on their business licences).
TEST(TextCreditCode, AcceptsPublishedCodes) {
  for (std::string_view code : {"91350100M000100Y43", "914403001922038216", "91440300708461136T"}) {
    auto parsed = ParseCreditCode(code);
    ASSERT_TRUE(parsed.ok()) << code << " " << parsed.error().code;
    EXPECT_EQ(*parsed, code);
  }
}

TEST(TextCreditCode, NormalizesCaseAndSpaces) {
  auto parsed = ParseCreditCode(" 91440300708461136t ");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, "91440300708461136T");
}

TEST(TextCreditCode, RejectsWrongCheckCharacter) {
  auto parsed = ParseCreditCode("91350100M000100Y42");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "people.credit_code.check_digit");
  EXPECT_EQ(parsed.error().field, "credit_code");
  EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
}

TEST(TextCreditCode, RejectsBadFormats) {
  for (std::string_view bad : {"", "91350100M000100Y4", "91350100M000100Y433",
                               "91350100M000I00Y43",  // I is not in the alphabet
                               "91350100O000100Y43",  // nor O
                               "9135A100M000100Y43",  // division code must be digits
                               "91350100M000100Y4-"}) {
    auto parsed = ParseCreditCode(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "people.credit_code.format") << bad;
  }
}

}  // namespace
}  // namespace jiceng::core::text
