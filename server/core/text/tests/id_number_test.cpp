#include "core/text/id_number.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jiceng::core::text {
namespace {

constexpr std::string_view kToday = "2024-06-01";

Result<IdNumberInfo> Parse(std::string_view text) { return ParseIdNumber(text, {}, kToday); }

void ExpectError(std::string_view text, const std::string& code) {
  auto parsed = Parse(text);
  ASSERT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.error().code, code) << text;
  EXPECT_EQ(parsed.error().field, "id_number");
  EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(parsed.error().message.empty());
}

TEST(TextIdNumber, CheckCharOfStandardExamples) {
  EXPECT_EQ(IdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdCheckChar("44052418800101001"), '4');
  EXPECT_EQ(IdCheckChar("1101051949123100"), '\0');   // 16 digits
  EXPECT_EQ(IdCheckChar("1101051949123100A"), '\0');  // not a digit
}

TEST(TextIdNumber, ParsesStandardExample) {
  auto parsed = Parse("11010519491231002X");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->kind, IdNumberKind::kStandard);
  EXPECT_EQ(parsed->normalized, "11010519491231002X");
  EXPECT_EQ(parsed->address_code, "110105");
  EXPECT_EQ(parsed->birth_date, "1949-12-31");
  EXPECT_FALSE(parsed->male);  // sequence 002
}

TEST(TextIdNumber, Accepts1880ExampleOfTheStandard) {
  auto parsed = Parse("440524188001010014");
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->birth_date, "1880-01-01");
  EXPECT_TRUE(parsed->male);  // sequence 001
}

TEST(TextIdNumber, TrimsAndUpperCasesX) {
  auto parsed = Parse("  11010519491231002x \t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->normalized, "11010519491231002X");
  auto ideographic_space = Parse(
      "\xE3\x80\x80"
      "11010519491231002X");
  EXPECT_TRUE(ideographic_space.ok());
}

TEST(TextIdNumber, RejectsWrongCheckChar) {
  ExpectError("110105194912310021", "people.id_number.check_digit");
}

TEST(TextIdNumber, RejectsFebruary31) {
  ExpectError("110105194902310026", "people.id_number.birth_date");
}

TEST(TextIdNumber, RejectsBadFormats) {
  for (std::string_view bad :
       {"", "1101051949123100", "11010519491231002Y", "1101051949123100X2", "X10105194912310021",
        "1101051949123100211", "11010519491231a", "110105 19491231002X"}) {
    ExpectError(bad, "people.id_number.format");
  }
}

// Builds a valid 18-character number around a birth date, so date rules are tested alone.
std::string WithCheck(const std::string& first17) { return first17 + IdCheckChar(first17); }

TEST(TextIdNumber, RejectsFutureAndAncientBirthDates) {
  ExpectError(WithCheck("33068120240602001"), "people.id_number.birth_date");  // tomorrow
  EXPECT_TRUE(Parse(WithCheck("33068120240601001")).ok());                     // today
  ExpectError(WithCheck("33068118791231001"), "people.id_number.birth_date");  // before 1880
  ExpectError(WithCheck("33068119001301001"), "people.id_number.birth_date");  // month 13
  ExpectError(WithCheck("33068119000229001"), "people.id_number.birth_date");  // 1900 not leap
  EXPECT_TRUE(Parse(WithCheck("33068120000229001")).ok());                     // 2000 leap
}

TEST(TextIdNumber, EmptyTodaySkipsFutureCheck) {
  EXPECT_TRUE(ParseIdNumber(WithCheck("33068120990101001"), {}, "").ok());
}

TEST(TextIdNumber, ChecksAddressCodeWhenAsked) {
  auto known = [](std::string_view code) { return code == "110105"; };
  EXPECT_TRUE(ParseIdNumber("11010519491231002X", known, kToday).ok());
  auto parsed = ParseIdNumber(WithCheck("99999919491231002"), known, kToday);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "people.id_number.address_code");
}

TEST(TextIdNumber, AcceptsLegacy15AsLegacy) {
  auto parsed = Parse("110105491231003");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->kind, IdNumberKind::kLegacy15);
  EXPECT_EQ(parsed->normalized, "110105491231003");
  EXPECT_EQ(parsed->address_code, "110105");
  EXPECT_EQ(parsed->birth_date, "1949-12-31");
  EXPECT_TRUE(parsed->male);
  ExpectError("110105490231003", "people.id_number.birth_date");
  ExpectError("11010549123100X", "people.id_number.format");
}

TEST(TextIdNumber, AgeInFullYears) {
  EXPECT_EQ(AgeOn("1949-12-31", "2024-06-01"), 74);
  EXPECT_EQ(AgeOn("2000-06-01", "2024-06-01"), 24);  // birthday today
  EXPECT_EQ(AgeOn("2000-06-02", "2024-06-01"), 23);  // tomorrow
  EXPECT_EQ(AgeOn("2000-02-29", "2023-02-28"), 22);
  EXPECT_EQ(AgeOn("2000-02-29", "2023-03-01"), 23);
  EXPECT_EQ(AgeOn("2024-06-01", "2024-06-01"), 0);
  EXPECT_EQ(AgeOn("2024-06-02", "2024-06-01"), -1);
  EXPECT_EQ(AgeOn("2024-02-30", "2024-06-01"), -1);
  EXPECT_EQ(AgeOn("19491231", "2024-06-01"), -1);
}

}  // namespace
}  // namespace jiceng::core::text
