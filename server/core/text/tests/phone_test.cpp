#include "core/text/phone.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jiceng::core::text {
namespace {

std::string Normalized(std::string_view text) {
  auto r = NormalizePhone(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().code);
  return r.ok() ? *r : std::string();
}

TEST(TextPhone, Mobile) {
  EXPECT_EQ(Normalized("13812345678"), "13812345678");
  EXPECT_EQ(Normalized("138 1234 5678"), "13812345678");
  EXPECT_EQ(Normalized("138-1234-5678"), "13812345678");
  EXPECT_EQ(Normalized("+86 138 1234 5678"), "13812345678");
  EXPECT_EQ(Normalized("+8613812345678"), "13812345678");
  EXPECT_EQ(Normalized("8613812345678"), "13812345678");
  EXPECT_EQ(Normalized("0086 13812345678"), "13812345678");
  EXPECT_EQ(Normalized("１３８１２３４５６７８"), "13812345678");  // full-width digits
  EXPECT_EQ(Normalized("19912345678"), "19912345678");
}

TEST(TextPhone, Landline) {
  EXPECT_EQ(Normalized("0575-87654321"), "0575-87654321");
  EXPECT_EQ(Normalized("057587654321"), "0575-87654321");
  EXPECT_EQ(Normalized("(0575) 8765 4321"), "0575-87654321");
  EXPECT_EQ(Normalized("0575-8765432"), "0575-8765432");  // 7 digits
  EXPECT_EQ(Normalized("010-65123456"), "010-65123456");
  EXPECT_EQ(Normalized("02161234567"), "021-61234567");
  EXPECT_EQ(Normalized("+86 10 6512 3456"), "010-65123456");
  EXPECT_EQ(Normalized("+86 575 87654321"), "0575-87654321");
  EXPECT_EQ(Normalized("0086-0575-87654321"), "0575-87654321");
}

TEST(TextPhone, LandlineExtension) {
  EXPECT_EQ(Normalized("0575-87654321-123"), "0575-87654321-123");
  EXPECT_EQ(Normalized("0575-87654321转123"), "0575-87654321-123");
  EXPECT_EQ(Normalized("0575 87654321 转 8001"), "0575-87654321-8001");
  EXPECT_EQ(Normalized("010-6512-3456-12"), "010-65123456-12");
  EXPECT_EQ(Normalized("0575-8765432转1"), "0575-8765432-1");
  EXPECT_EQ(Normalized("0575 8765 4321"), "0575-87654321");  // spaced, no extension
}

TEST(TextPhone, ServiceNumberExtension) {
  EXPECT_EQ(Normalized("4001234567转89"), "400-123-4567-89");
  EXPECT_EQ(Normalized("400-123-4567-89"), "400-123-4567-89");
}

// Every edit validates the stored number again, so the stored form must read back as itself
// (found by the phone fuzz target: extensions came back changed or refused).
TEST(TextPhone, StoredFormReadsBackUnchanged) {
  for (std::string_view typed :
       {"0575-8765432转1", "0575-87654321转123", "010-6512-3456-12", "4001234567转89",
        "800 123 4567 转 123456", "0575-8765432", "13812345678", "95588", "+86 575 8765432转12"}) {
    std::string stored = Normalized(typed);
    EXPECT_EQ(Normalized(stored), stored) << typed;
  }
}

TEST(TextPhone, ServiceNumbers) {
  EXPECT_EQ(Normalized("400-123-4567"), "400-123-4567");
  EXPECT_EQ(Normalized("4001234567"), "400-123-4567");
  EXPECT_EQ(Normalized("800 123 4567"), "800-123-4567");
  EXPECT_EQ(Normalized("95588"), "95588");
}

TEST(TextPhone, RejectsMalformed) {
  for (std::string_view bad : {"",
                               "   ",
                               "1381234567",
                               "138123456789",
                               "12812345678",
                               "87654321",
                               "0575-876543",
                               "0575-876543210",
                               "0575-07654321",
                               "011-12345678",
                               "00575-87654321",
                               "057587654321123",
                               "13812345678转12",
                               "138 1234 567a",
                               "+1 650 253 0000",
                               "110",
                               "0575-87654321转",
                               "0575-87654321转1234567",
                               "+86+13812345678",
                               "电话13812345678"}) {
    auto r = NormalizePhone(bad);
    ASSERT_FALSE(r.ok()) << bad << " -> " << *r;
    EXPECT_EQ(r.error().code, "people.phone.format");
    EXPECT_EQ(r.error().field, "phone");
  }
}

}  // namespace
}  // namespace jiceng::core::text
