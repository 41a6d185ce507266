#include "core/text/utf8.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/db/like.hpp"

namespace jiceng::core::text {
namespace {

TEST(TextUtf8, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("张三"), 2u);             // 3 bytes each
  EXPECT_EQ(Utf8Length("𠀀a"), 2u);              // 4-byte code point
  EXPECT_EQ(Utf8Length("阿依古丽·买买提"), 8u);  // middle dot is one character
}

TEST(TextUtf8, SplitKeepsEachCodePoint) {
  EXPECT_EQ(SplitUtf8("李a𠀀"), (std::vector<std::string>{"李", "a", "𠀀"}));
  // A truncated last character is kept as its bytes, not dropped or read past the end.
  std::string cut = std::string("张") + std::string("三").substr(0, 2);
  EXPECT_EQ(SplitUtf8(cut), (std::vector<std::string>{"张", std::string("三").substr(0, 2)}));
}

// Decodes all of s; nullopt entries where NextCodePoint refused a byte.
std::vector<std::optional<char32_t>> Decode(std::string_view s) {
  std::vector<std::optional<char32_t>> out;
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t before = pos;
    out.push_back(NextCodePoint(s, pos));
    EXPECT_GT(pos, before);
    EXPECT_LE(pos, s.size());
  }
  return out;
}

using Decoded = std::vector<std::optional<char32_t>>;
constexpr std::nullopt_t kBad = std::nullopt;

TEST(TextUtf8, DecodesEachLengthAtItsBoundaries) {
  EXPECT_EQ(Decode(std::string("\x00", 1)), (Decoded{U'\0'}));
  EXPECT_EQ(Decode("\x7F"), (Decoded{0x7F}));
  EXPECT_EQ(Decode("\xC2\x80"), (Decoded{0x80}));              // smallest 2-byte
  EXPECT_EQ(Decode("\xDF\xBF"), (Decoded{0x7FF}));             // largest 2-byte
  EXPECT_EQ(Decode("\xE0\xA0\x80"), (Decoded{0x800}));         // smallest 3-byte
  EXPECT_EQ(Decode("\xED\x9F\xBF"), (Decoded{0xD7FF}));        // just below the surrogates
  EXPECT_EQ(Decode("\xEE\x80\x80"), (Decoded{0xE000}));        // just above them
  EXPECT_EQ(Decode("\xEF\xBF\xBF"), (Decoded{0xFFFF}));        // largest 3-byte
  EXPECT_EQ(Decode("\xF0\x90\x80\x80"), (Decoded{0x10000}));   // smallest 4-byte
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF"), (Decoded{0x10FFFF}));  // the last code point
  EXPECT_EQ(Decode("张a𠀀"), (Decoded{U'张', U'a', U'𠀀'}));
}

TEST(TextUtf8, RefusesOverlongForms) {
  // '/' (U+002F) in 2, 3 and 4 bytes, and the largest overlong of each length.
  EXPECT_EQ(Decode("\xC0\xAF"), (Decoded{kBad, kBad}));
  EXPECT_EQ(Decode("\xC1\xBF"), (Decoded{kBad, kBad}));
  EXPECT_EQ(Decode("\xE0\x80\xAF"), (Decoded{kBad, kBad, kBad}));
  EXPECT_EQ(Decode("\xE0\x9F\xBF"), (Decoded{kBad, kBad, kBad}));
  EXPECT_EQ(Decode("\xF0\x80\x80\xAF"), (Decoded{kBad, kBad, kBad, kBad}));
  EXPECT_EQ(Decode("\xF0\x8F\xBF\xBF"), (Decoded{kBad, kBad, kBad, kBad}));
}

TEST(TextUtf8, RefusesSurrogatesAndValuesPastU10FFFF) {
  EXPECT_EQ(Decode("\xED\xA0\x80"), (Decoded{kBad, kBad, kBad}));  // U+D800
  EXPECT_EQ(Decode("\xED\xBF\xBF"), (Decoded{kBad, kBad, kBad}));  // U+DFFF
  // A surrogate pair as CESU-8 writes it is two refused surrogates, not U+10000.
  EXPECT_EQ(Decode("\xED\xA0\x80\xED\xB0\x80").size(), 6u);
  EXPECT_EQ(Decode("\xF4\x90\x80\x80"), (Decoded{kBad, kBad, kBad, kBad}));  // U+110000
  EXPECT_EQ(Decode("\xF5\x80\x80\x80"), (Decoded{kBad, kBad, kBad, kBad}));
  EXPECT_EQ(Decode("\xFF"), (Decoded{kBad}));
  EXPECT_EQ(Decode("\xFE"), (Decoded{kBad}));
}

TEST(TextUtf8, RefusesTruncatedAndBrokenSequencesOneByteAtATime) {
  EXPECT_EQ(Decode("\xC3"), (Decoded{kBad}));
  EXPECT_EQ(Decode("\xE6\x9A"), (Decoded{kBad, kBad}));
  EXPECT_EQ(Decode("\xF0\x9F\x98"), (Decoded{kBad, kBad, kBad}));
  EXPECT_EQ(Decode("\x80"), (Decoded{kBad}));  // a lone continuation byte
  EXPECT_EQ(Decode("\xE6\x9A"
                   "a"),
            (Decoded{kBad, kBad, U'a'}));                    // cut short by ASCII
  EXPECT_EQ(Decode("\xC3\xC3\xA9"), (Decoded{kBad, U'é'}));  // the next lead byte is kept
}

TEST(TextUtf8, ValidUtf8AgreesWithTheDecoder) {
  EXPECT_TRUE(ValidUtf8(""));
  EXPECT_TRUE(ValidUtf8("暴露垃圾 ok 𠀀"));
  EXPECT_TRUE(ValidUtf8("\xF4\x8F\xBF\xBF"));
  for (const char* bad :
       {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\xE6\x9A", "\x80", "\xFF", "ok\xC3"}) {
    EXPECT_FALSE(ValidUtf8(bad)) << bad;
  }
}

// Every way of cutting text into two chunks gives the verdict of the whole.
TEST(TextUtf8, ValidatorCarriesSequencesAcrossChunks) {
  for (std::string text :
       {std::string("a张𠀀é"), std::string("\xE6\x9A"), std::string("x\xF0\x9F\x98"),
        std::string("\xC3"
                    "a\xA9"),
        std::string("\xED\xA0\x80z"), std::string("\xF4\x8F\xBF\xBF!")}) {
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      Utf8Validator v;
      bool fed = v.Feed(std::string_view(text).substr(0, cut));
      fed = v.Feed(std::string_view(text).substr(cut)) && fed;
      EXPECT_EQ(fed && v.Complete(), ValidUtf8(text)) << text << " cut at " << cut;
    }
  }
  // One byte at a time, and a chunk too short to decide anything.
  Utf8Validator bytes;
  for (char c : std::string("李a𠀀")) EXPECT_TRUE(bytes.Feed(std::string_view(&c, 1)));
  EXPECT_TRUE(bytes.Complete());
  Utf8Validator cut;
  EXPECT_TRUE(cut.Feed("\xF0"));
  EXPECT_TRUE(cut.Feed("\x9F"));
  EXPECT_FALSE(cut.Complete());  // cut short
  // Judged once 4 bytes are there: a sequence is never longer.
  EXPECT_FALSE(cut.Feed("ab"));
  EXPECT_FALSE(cut.Feed("\x98\x80"));
}

TEST(TextUtf8, EncodesWhatItDecodes) {
  for (char32_t cp :
       {U'\0', char32_t{0x7F}, char32_t{0x80}, char32_t{0x7FF}, char32_t{0x800}, char32_t{0xD7FF},
        char32_t{0xE000}, char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x10FFFF}, U'张'}) {
    std::string bytes;
    AppendUtf8(bytes, cp);
    std::size_t pos = 0;
    EXPECT_EQ(NextCodePoint(bytes, pos), cp);
    EXPECT_EQ(pos, bytes.size());
  }
}

TEST(TextUtf8, CountsAndSplitsBadBytesAsPieces) {
  // A stray byte and the continuation bytes after it are one piece; nothing is lost.
  EXPECT_EQ(SplitUtf8("a\xC0\xAF"
                      "b"),
            (std::vector<std::string>{"a", "\xC0\xAF", "b"}));
  EXPECT_EQ(SplitUtf8("\xFF\xFE"), (std::vector<std::string>{"\xFF", "\xFE"}));
  EXPECT_EQ(Utf8Length("a\xC0\xAF"
                       "b"),
            3u);
  EXPECT_EQ(Utf8Length("\xE6\x9A"), 1u);
}

TEST(TextUtf8, PrefixNeverCutsACharacter) {
  EXPECT_EQ(Utf8Prefix("张三", 6), "张三");
  EXPECT_EQ(Utf8Prefix("张三", 5), "张");
  EXPECT_EQ(Utf8Prefix("张三", 3), "张");
  EXPECT_EQ(Utf8Prefix("张三", 2), "");
  EXPECT_EQ(Utf8Prefix("a张", 3), "a");
  EXPECT_EQ(Utf8Prefix("ab", 0), "");
}

TEST(DbLike, EscapesWildcards) {
  EXPECT_EQ(db::LikeContaining("50%_a\\b"), "%50\\%\\_a\\\\b%");
  EXPECT_EQ(db::LikeStartingWith("91330"), "91330%");
  EXPECT_EQ(db::LikeContaining(""), "%%");
}

}  // namespace
}  // namespace jiceng::core::text
