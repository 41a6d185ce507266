#include "core/text/utf8.hpp"

#include <gtest/gtest.h>

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

TEST(DbLike, EscapesWildcards) {
  EXPECT_EQ(db::LikeContaining("50%_a\\b"), "%50\\%\\_a\\\\b%");
  EXPECT_EQ(db::LikeStartingWith("91330"), "91330%");
  EXPECT_EQ(db::LikeContaining(""), "%%");
}

}  // namespace
}  // namespace jiceng::core::text
