// Pinyin keys for searching people and places by full pinyin or initials ("zhangsan", "zs").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core::text {

// Lower-case ASCII, no tones, no separators; ü is written "v" (the input-method spelling) with a
// "u" alternative. Alternatives are deduplicated, most likely first, at most kMaxPinyinReadings
// each. Both lists are empty when the input has nothing to read.
struct PinyinReadings {
  std::vector<std::string> full;      // "zhangsan"
  std::vector<std::string> initials;  // "zs"
};

inline constexpr size_t kMaxPinyinReadings = 4;

// A personal name: the surname (single or compound, 单 shan, 尉迟 yuchi) reads as a surname, the
// given name as ordinary characters, polyphones (长 chang/zhang) giving alternatives.
// ASCII letters and digits are kept lower-cased; other characters (·, spaces) are dropped.
// Thread-safe; the first use of each Chinese character costs one ICU lookup (~13 µs).
PinyinReadings PinyinOfName(std::string_view utf8_name);

// General text such as addresses and place names: known words read by longest match (长沙
// changsha, 银行 yinhang, 六安 luan), other characters one by one as in PinyinOfName's given name.
PinyinReadings PinyinOfText(std::string_view utf8_text);

// Builds the tables and ICU's Han-Latin transliterator now (about half a second of CPU) instead
// of inside the first request that needs a reading: the server calls it in the background at
// start, so the first resident saved after a restart is as fast as the others.
void WarmPinyin();

}  // namespace jiceng::core::text
