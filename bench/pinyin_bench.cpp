// Pinyin keys for a personal name: PinyinOfName (cached per-character readings plus exception
// tables) against the raw ICU "Han-Latin; Latin-ASCII" transliterator it replaces, per call, on
// the same names in the same run. PinyinOfName should be well over 10× faster once warm.
#include <benchmark/benchmark.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <vector>

#include "core/text/pinyin.hpp"

namespace {

namespace text = jiceng::core::text;

// Common names plus the cases the exception tables exist for (surnames, compound surnames,
// polyphones in given names).
const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "张伟",   "王芳",     "李娜",   "刘洋",   "陈静",   "杨秀英", "黄磊",   "赵强",
      "周敏",   "吴桂英",   "单田芳", "曾国藩", "解缙",   "区志明", "查良镛", "乐嘉",
      "李长青", "长孙无忌", "尉迟恭", "欧阳明", "吕小军", "朴成哲", "翟志刚", "覃海燕",
      "孙行者", "马朝阳",   "郑重",   "何和平", "诸葛亮", "谢长乐", "徐都",   "林还珠"};
  return names;
}

void BM_PinyinOfName(benchmark::State& state) {
  const auto& names = Names();
  for (const auto& n : names) text::PinyinOfName(n);  // fill the per-character cache
  size_t i = 0;
  for (auto _ : state) {
    auto readings = text::PinyinOfName(names[i++ % names.size()]);
    benchmark::DoNotOptimize(readings);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PinyinOfText(benchmark::State& state) {
  const std::string address = "浙江省绍兴市诸暨市枫桥镇枫源村长乐路18号中国银行对面3幢2单元";
  text::PinyinOfText(address);
  for (auto _ : state) {
    auto readings = text::PinyinOfText(address);
    benchmark::DoNotOptimize(readings);
  }
  state.SetItemsProcessed(state.iterations());
}

// The baseline: one ICU transliteration per name, as a naive implementation would do.
void BM_PinyinIcuTransliteratorBaseline(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    state.SkipWithError("ICU Han-Latin unavailable");
    return;
  }
  std::vector<icu::UnicodeString> names;
  for (const auto& n : Names()) names.push_back(icu::UnicodeString::fromUTF8(n));
  size_t i = 0;
  for (auto _ : state) {
    icu::UnicodeString s = names[i++ % names.size()];
    icu->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PinyinOfName);
BENCHMARK(BM_PinyinOfText);
BENCHMARK(BM_PinyinIcuTransliteratorBaseline);

}  // namespace
