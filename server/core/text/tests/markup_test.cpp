#include "core/text/markup.hpp"

#include <gtest/gtest.h>

namespace jiceng::core::text {
namespace {

TEST(Markup, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeMarkup("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(EscapeMarkup("暴露垃圾"), "暴露垃圾");
  EXPECT_EQ(EscapeMarkup("line\nbreak\ttab"), "line\nbreak\ttab");
  EXPECT_EQ(EscapeMarkup("cr\r"), "cr&#13;");
}

TEST(Markup, RepairsWhatXmlCannotHold) {
  // Control characters are dropped; bytes that are not UTF-8 become U+FFFD.
  EXPECT_EQ(EscapeMarkup(std::string("a\x01\x1b"
                                     "b",
                                     4)),
            "ab");
  EXPECT_EQ(EscapeMarkup("x\xff"
                         "y"),
            "x\xEF\xBF\xBDy");
  EXPECT_EQ(EscapeMarkup("\xe6\x9a"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated sequence
  EXPECT_EQ(EscapeMarkup("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(EscapeMarkup("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(EscapeMarkup("\xef\xbf\xbe"), "");                                      // U+FFFE
  EXPECT_EQ(EscapeMarkup("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");  // outside the BMP stays
}

}  // namespace
}  // namespace jiceng::core::text
