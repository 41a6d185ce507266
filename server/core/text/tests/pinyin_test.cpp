#include "core/text/pinyin.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace jiceng::core::text {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

std::string First(const std::vector<std::string>& v) { return v.empty() ? "" : v.front(); }

TEST(TextPinyin, PlainName) {
  auto r = PinyinOfName("张三");
  EXPECT_THAT(r.full, ElementsAre("zhangsan"));
  EXPECT_THAT(r.initials, ElementsAre("zs"));
  EXPECT_THAT(PinyinOfText("张三").full, ElementsAre("zhangsan"));
}

TEST(TextPinyin, SurnameReadings) {
  EXPECT_EQ(First(PinyinOfName("单田芳").full), "shantianfang");
  EXPECT_EQ(First(PinyinOfName("单田芳").initials), "stf");
  EXPECT_EQ(First(PinyinOfName("曾国藩").full), "zengguofan");
  EXPECT_EQ(First(PinyinOfName("解缙").full), "xiejin");
  EXPECT_EQ(First(PinyinOfName("区志明").full), "ouzhiming");
  EXPECT_EQ(First(PinyinOfName("仇英").full), "qiuying");
  EXPECT_EQ(First(PinyinOfName("朴槿惠").full), "piaojinhui");
  EXPECT_EQ(First(PinyinOfName("查良镛").full), "zhaliangyong");
  EXPECT_EQ(First(PinyinOfName("翟志刚").full), "zhaizhigang");
  EXPECT_EQ(First(PinyinOfName("覃雪").full), "qinxue");
  EXPECT_EQ(First(PinyinOfName("缪小明").full), "miaoxiaoming");
  EXPECT_THAT(PinyinOfName("乐嘉").full, Contains("yuejia"));
  EXPECT_THAT(PinyinOfName("乐嘉").full, Contains("lejia"));
}

TEST(TextPinyin, SurnameReadingOnlyAtTheStart) {
  // 单 is shan as a surname but dan inside a given name or in text.
  EXPECT_EQ(First(PinyinOfName("王单").full), "wangdan");
  EXPECT_EQ(First(PinyinOfText("单田芳").full), "dantianfang");
  EXPECT_EQ(First(PinyinOfText("社区").full), "shequ");
}

TEST(TextPinyin, CompoundSurnames) {
  EXPECT_EQ(First(PinyinOfName("长孙无忌").full), "zhangsunwuji");
  EXPECT_EQ(First(PinyinOfName("长孙无忌").initials), "zswj");
  EXPECT_EQ(First(PinyinOfName("尉迟恭").full), "yuchigong");
  EXPECT_EQ(First(PinyinOfName("万俟卨").full), "moqixie");
  EXPECT_EQ(First(PinyinOfName("欧阳修").full), "ouyangxiu");
  EXPECT_EQ(First(PinyinOfName("单于飞").full), "chanyufei");
  EXPECT_EQ(First(PinyinOfName("澹台明").full), "tantaiming");
  // Two characters only: a surname and a given name, not a compound surname.
  EXPECT_EQ(First(PinyinOfName("单于").full), "shanyu");
}

TEST(TextPinyin, PolyphoneInGivenNameIndexesBothReadings) {
  auto r = PinyinOfName("李长青");
  EXPECT_EQ(First(r.full), "lichangqing");
  EXPECT_THAT(r.full, Contains("lizhangqing"));
  EXPECT_THAT(r.initials, ElementsAre("lcq", "lzq"));
}

TEST(TextPinyin, WordExceptionsInText) {
  EXPECT_THAT(PinyinOfText("长沙").full, ElementsAre("changsha"));
  EXPECT_THAT(PinyinOfText("银行").full, ElementsAre("yinhang"));
  EXPECT_THAT(PinyinOfText("重庆").full, ElementsAre("chongqing"));
  EXPECT_THAT(PinyinOfText("厦门").full, ElementsAre("xiamen"));
  EXPECT_THAT(PinyinOfText("六安").full, ElementsAre("luan"));
  EXPECT_THAT(PinyinOfText("蚌埠").full, ElementsAre("bengbu"));
  EXPECT_THAT(PinyinOfText("番禺").full, ElementsAre("panyu"));
  EXPECT_THAT(PinyinOfText("乐清").full, ElementsAre("yueqing"));
  EXPECT_THAT(PinyinOfText("单县").full, ElementsAre("shanxian"));
  EXPECT_THAT(PinyinOfText("诸暨市枫桥镇").full, ElementsAre("zhujishifengqiaozhen"));
  EXPECT_THAT(PinyinOfText("中国银行长沙分行行长").full,
              ElementsAre("zhongguoyinhangchangshafenhanghangzhang"));
  EXPECT_THAT(PinyinOfText("中国银行长沙分行行长").initials, ElementsAre("zgyhcsfhhz"));
}

TEST(TextPinyin, SurnameBeforeVillageSuffixInText) {
  auto r = PinyinOfText("查家村");
  EXPECT_EQ(First(r.full), "zhajiacun");
  EXPECT_THAT(r.full, Contains("chajiacun"));
}

TEST(TextPinyin, UmlautAsVWithUAlternative) {
  auto r = PinyinOfName("吕布");
  EXPECT_THAT(r.full, ElementsAre("lvbu", "lubu"));
  EXPECT_THAT(r.initials, ElementsAre("lb"));
}

TEST(TextPinyin, NonHanCharacters) {
  EXPECT_THAT(PinyinOfText("A栋3号楼").full, ElementsAre("adong3haolou"));
  EXPECT_THAT(PinyinOfText("A栋3号楼").initials, ElementsAre("ad3hl"));
  EXPECT_THAT(PinyinOfText("Ｂ座１２室").full, ElementsAre("bzuo12shi"));  // full-width
  EXPECT_THAT(PinyinOfName("买买提·艾力").full, ElementsAre("maimaitiaili"));
  EXPECT_THAT(PinyinOfName(" 王 五 ").full, ElementsAre("wangwu"));
  EXPECT_TRUE(PinyinOfText("").full.empty());
  EXPECT_TRUE(PinyinOfText("——，。").initials.empty());
  EXPECT_TRUE(PinyinOfText("\xFF\xFE").full.empty());  // malformed UTF-8 is dropped
}

TEST(TextPinyin, CapsCombinationsAtFour) {
  auto r = PinyinOfName("乐乐乐乐乐乐");
  EXPECT_EQ(r.full.size(), kMaxPinyinReadings);
  EXPECT_EQ(r.full.front(), "yuelelelelele");  // surname reading, then the usual ones
  auto text = PinyinOfText("长长长长长长长长长长");
  EXPECT_LE(text.full.size(), kMaxPinyinReadings);
  EXPECT_EQ(text.full.front(), "changchangchangchangchangchangchangchangchangchang");
}

TEST(TextPinyin, RareCharactersOutsideTheMainBlock) {
  EXPECT_FALSE(PinyinOfName("王𠀀").full.empty());  // extension B
  EXPECT_THAT(PinyinOfText("二〇二四").full, ElementsAre("erlingersi"));
}

TEST(TextPinyin, ConcurrentFirstUseAgrees) {
  // Characters no other test reads, so the threads race to fill the cache.
  const std::string text = "鳏寡孤独廪赈恤饬黜陟麾黠";
  std::vector<std::vector<std::string>> results(8);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&] { result = PinyinOfText(text).full; });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) {
    EXPECT_EQ(result.size(), 1u);
    EXPECT_EQ(result, results.front());
  }
}

}  // namespace
}  // namespace jiceng::core::text
