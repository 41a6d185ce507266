#include "core/text/mask.hpp"

#include <gtest/gtest.h>

namespace jiceng::core::text {
namespace {

TEST(TextMask, IdNumber18) {
  EXPECT_EQ(MaskIdNumber("33068119900101123X"), "330681********123X");
  EXPECT_EQ(MaskIdNumber(" 11010519491231002X "), "110105********002X");
}

TEST(TextMask, IdNumber15KeepsLength) {
  EXPECT_EQ(MaskIdNumber("110105491231003"), "110105******003");
}

TEST(TextMask, OtherDocuments) {
  EXPECT_EQ(MaskIdNumber("E12345678"), "E******78");  // passport
  EXPECT_EQ(MaskIdNumber("ABCD"), "A*CD");
  EXPECT_EQ(MaskIdNumber("ABC"), "***");
  EXPECT_EQ(MaskIdNumber("A"), "*");
  EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(TextMask, NeverCrashesOnOddInput) {
  EXPECT_EQ(MaskIdNumber("港澳通行证C1234"), "港*******34");  // counts characters, not bytes
  EXPECT_EQ(MaskIdNumber("\xFF\xFE\xFD\xFC\xFB"), "*****");   // malformed bytes are starred
  EXPECT_EQ(MaskIdNumber("A\xE6\x9D"), "**");                 // A + one truncated sequence
  std::string with_nul("AB\0CDE", 6);
  EXPECT_EQ(MaskIdNumber(with_nul), "A***DE");
}

TEST(TextMask, Mobile) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("+86 138 1234 5678"), "138****5678");
}

TEST(TextMask, Landline) {
  EXPECT_EQ(MaskPhone("0575-87654321"), "0575-****4321");
  EXPECT_EQ(MaskPhone("010 6512 3456"), "010-****3456");
  EXPECT_EQ(MaskPhone("0575-8765432"), "0575-***5432");
  EXPECT_EQ(MaskPhone("0575-87654321转123"), "0575-****4321-123");
}

TEST(TextMask, OtherPhonesKeepLastFour) {
  EXPECT_EQ(MaskPhone("400-123-4567"), "***-***-4567");
  EXPECT_EQ(MaskPhone("+1 650 253 0000"), "***********0000");
  EXPECT_EQ(MaskPhone("1234"), "****");
  EXPECT_EQ(MaskPhone("电话：12345"), "****2345");
  EXPECT_EQ(MaskPhone(""), "");
}

}  // namespace
}  // namespace jiceng::core::text
