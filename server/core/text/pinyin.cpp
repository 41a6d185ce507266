#include "core/text/pinyin.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>

#include "core/text/utf8.hpp"

namespace jiceng::core::text {
namespace {

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Exception tables. Readings are toneless, lower-case, ü written v. Alternatives are separated
// by '|' (most likely first), the syllables of a word by ' '.

struct Entry {
  std::string_view hanzi;
  std::string_view readings;
};

// (b) Characters with more than one reading that both occur in names and place names, so both are
// indexed. The first reading replaces ICU's, which is the wrong one for several of them (ICU
// reads 长 zhang, 都 dou, 薄 bao, 覃 tan, 翟 di, 缪 mou). Readings that only a surname uses
// (单 shan, 区 ou, ...) are in kSurnames instead, so that 单元 or 社区 stay unambiguous.
constexpr Entry kPolyphones[] = {
    {"长", "chang|zhang"}, {"行", "xing|hang"},    {"重", "zhong|chong"}, {"乐", "le|yue"},
    {"朝", "chao|zhao"},   {"都", "du|dou"},       {"调", "diao|tiao"},   {"传", "chuan|zhuan"},
    {"还", "hai|huan"},    {"和", "he|huo"},       {"参", "can|shen"},    {"薄", "bo|bao"},
    {"覃", "qin|tan"},     {"缪", "miao|mou|miu"}, {"翟", "zhai|di"},     {"么", "me|yao"},
    {"堡", "bao|pu|bu"},   {"埔", "pu|bu"},        {"俟", "si|qi"},       {"隗", "wei|kui"},
    {"蔚", "wei|yu"},      {"莘", "shen|xin"},     {"曲", "qu"},          {"晟", "sheng|cheng"},
    {"茜", "qian|xi"},
};

// (a) How a character reads as a (single-character) surname. Sources: 《现代汉语词典》 entries
// marked 姓, lists of "easily misread surnames", and the surname table of hotoo/pinyin. Where a
// surname has two accepted readings both are listed (乐 yue/le, 盖 ge/gai, 覃 qin/tan).
constexpr Entry kSurnames[] = {
    {"单", "shan"},      {"解", "xie"},      {"区", "ou"},        {"仇", "qiu"},
    {"朴", "piao|pu"},   {"查", "zha"},      {"曾", "zeng"},      {"乐", "yue|le"},
    {"藏", "zang"},      {"长", "chang"},    {"重", "chong"},     {"盖", "ge|gai"},
    {"缪", "miao"},      {"翟", "zhai|di"},  {"覃", "qin|tan"},   {"尉", "wei|yu"},
    {"秘", "bi|mi"},     {"召", "shao"},     {"员", "yun|yuan"},  {"折", "she"},
    {"句", "gou"},       {"宓", "mi|fu"},    {"华", "hua"},       {"种", "chong"},
    {"那", "na"},        {"适", "shi|kuo"},  {"谌", "chen|shen"}, {"繁", "po"},
    {"蕃", "pi"},        {"过", "guo"},      {"能", "nai"},       {"洗", "xian"},
    {"隗", "wei|kui"},   {"黑", "he"},       {"燕", "yan"},       {"都", "du"},
    {"乜", "nie"},       {"阚", "kan"},      {"瞿", "qu"},        {"訾", "zi"},
    {"哈", "ha"},        {"么", "yao"},      {"占", "zhan"},      {"牟", "mou|mu"},
    {"祭", "zhai"},      {"柏", "bai"},      {"薄", "bo"},        {"郇", "xun|huan"},
    {"莘", "shen|xin"},  {"贲", "ben|bi"},   {"粘", "nian"},      {"角", "jue"},
    {"厍", "she"},       {"禚", "zhuo"},     {"逄", "pang"},      {"眭", "sui"},
    {"佴", "nai"},       {"蔚", "yu|wei"},   {"便", "pian"},      {"朝", "chao"},
    {"行", "xing|hang"}, {"隽", "juan|jun"}, {"啜", "chuai"},     {"宿", "su"},
    {"石", "shi"},       {"叶", "ye"},       {"任", "ren"},       {"纪", "ji"},
    {"车", "che"},       {"殷", "yin"},      {"强", "qiang"},     {"应", "ying"},
    {"和", "he"},        {"传", "chuan"},    {"调", "diao"},      {"还", "huan"},
    {"参", "can"},       {"曲", "qu"},
};

// Compound surnames, matched at the start of a name. Where the two characters may also be a
// single surname plus a given name with a different reading, that reading follows.
constexpr Entry kCompoundSurnames[] = {
    {"欧阳", "ou yang"},
    {"司马", "si ma"},
    {"上官", "shang guan"},
    {"诸葛", "zhu ge"},
    {"尉迟", "yu chi"},
    {"万俟", "mo qi"},
    {"令狐", "ling hu"},
    {"长孙", "zhang sun|chang sun"},
    {"单于", "chan yu|shan yu"},
    {"澹台", "tan tai"},
    {"皇甫", "huang fu"},
    {"东方", "dong fang"},
    {"慕容", "mu rong"},
    {"公孙", "gong sun"},
    {"夏侯", "xia hou"},
    {"宇文", "yu wen"},
    {"司徒", "si tu"},
    {"司空", "si kong"},
    {"端木", "duan mu"},
    {"西门", "xi men"},
    {"南宫", "nan gong"},
    {"呼延", "hu yan"},
    {"轩辕", "xuan yuan"},
    {"拓跋", "tuo ba"},
    {"闻人", "wen ren"},
    {"东郭", "dong guo"},
    {"公羊", "gong yang"},
    {"太史", "tai shi"},
    {"申屠", "shen tu"},
    {"淳于", "chun yu"},
    {"钟离", "zhong li"},
    {"赫连", "he lian"},
    {"百里", "bai li"},
    {"第五", "di wu"},
    {"左丘", "zuo qiu"},
    {"濮阳", "pu yang"},
    {"仲孙", "zhong sun"},
    {"叔孙", "shu sun"},
    {"公冶", "gong ye"},
    {"宗政", "zong zheng"},
    {"亓官", "qi guan"},
    {"乐正", "yue zheng|le zheng"},
    {"鲜于", "xian yu"},
    {"梁丘", "liang qiu"},
    {"东门", "dong men"},
    {"独孤", "du gu"},
    {"完颜", "wan yan"},
    {"羊舌", "yang she"},
    {"公西", "gong xi"},
    {"颛孙", "zhuan sun"},
    {"壤驷", "rang si"},
    {"漆雕", "qi diao"},
    {"巫马", "wu ma"},
    {"榖梁", "gu liang"},
    {"宰父", "zai fu"},
    {"段干", "duan gan"},
    {"闾丘", "lv qiu"},
    {"子车", "zi ju"},
    {"夹谷", "jia gu"},
    {"太叔", "tai shu"},
    {"司寇", "si kou"},
    {"南门", "nan men"},
    {"公良", "gong liang"},
    {"仉督", "zhang du"},
    {"爱新觉罗", "ai xin jue luo"},
    {"叶赫那拉", "ye he na la"},
};

// (c) Words of general text read as a whole, by longest match: place names whose reading is not
// the characters' usual one, and common words around the polyphones above, so that 银行 or 村长
// index one reading, not two.
constexpr Entry kWords[] = {
    // 长
    {"长沙", "chang sha"},
    {"长江", "chang jiang"},
    {"长城", "chang cheng"},
    {"长春", "chang chun"},
    {"长安", "chang an"},
    {"长治", "chang zhi"},
    {"长兴", "chang xing"},
    {"长宁", "chang ning"},
    {"长寿", "chang shou"},
    {"长汀", "chang ting"},
    {"长丰", "chang feng"},
    {"长乐", "chang le"},
    {"长白", "chang bai"},
    {"长岛", "chang dao"},
    {"长清", "chang qing"},
    {"长葛", "chang ge"},
    {"长垣", "chang yuan"},
    {"长泰", "chang tai"},
    {"长阳", "chang yang"},
    {"长顺", "chang shun"},
    {"长武", "chang wu"},
    {"长海", "chang hai"},
    {"长岭", "chang ling"},
    {"长征", "chang zheng"},
    {"长途", "chang tu"},
    {"长期", "chang qi"},
    {"长度", "chang du"},
    {"延长", "yan chang"},
    {"长子", "zhang zi"},
    {"长者", "zhang zhe"},
    {"长辈", "zhang bei"},
    {"长大", "zhang da"},
    {"成长", "cheng zhang"},
    {"生长", "sheng zhang"},
    {"增长", "zeng zhang"},
    {"家长", "jia zhang"},
    {"村长", "cun zhang"},
    {"镇长", "zhen zhang"},
    {"乡长", "xiang zhang"},
    {"县长", "xian zhang"},
    {"市长", "shi zhang"},
    {"区长", "qu zhang"},
    {"省长", "sheng zhang"},
    {"组长", "zu zhang"},
    {"队长", "dui zhang"},
    {"所长", "suo zhang"},
    {"局长", "ju zhang"},
    {"处长", "chu zhang"},
    {"科长", "ke zhang"},
    {"校长", "xiao zhang"},
    {"院长", "yuan zhang"},
    {"站长", "zhan zhang"},
    {"部长", "bu zhang"},
    {"厅长", "ting zhang"},
    {"厂长", "chang zhang"},
    {"班长", "ban zhang"},
    {"社长", "she zhang"},
    {"会长", "hui zhang"},
    {"团长", "tuan zhang"},
    {"楼长", "lou zhang"},
    {"栋长", "dong zhang"},
    {"网格长", "wang ge zhang"},
    {"检察长", "jian cha zhang"},
    {"董事长", "dong shi zhang"},
    {"理事长", "li shi zhang"},
    // 行
    {"行长", "hang zhang"},
    {"银行", "yin hang"},
    {"行业", "hang ye"},
    {"商行", "shang hang"},
    {"分行", "fen hang"},
    {"支行", "zhi hang"},
    {"总行", "zong hang"},
    {"农行", "nong hang"},
    {"工行", "gong hang"},
    {"建行", "jian hang"},
    {"中行", "zhong hang"},
    {"交行", "jiao hang"},
    {"招行", "zhao hang"},
    {"央行", "yang hang"},
    {"车行", "che hang"},
    {"琴行", "qin hang"},
    {"闵行", "min hang"},
    // 重
    {"重庆", "chong qing"},
    {"重新", "chong xin"},
    {"重复", "chong fu"},
    {"重建", "chong jian"},
    {"重阳", "chong yang"},
    {"重叠", "chong die"},
    {"重名", "chong ming"},
    {"重组", "chong zu"},
    {"重合", "chong he"},
    {"重审", "chong shen"},
    {"重申", "chong shen"},
    // 乐
    {"乐清", "yue qing"},
    {"乐亭", "lao ting"},
    {"音乐", "yin yue"},
    {"乐器", "yue qi"},
    {"乐队", "yue dui"},
    {"乐团", "yue tuan"},
    // 调, 传, 参, 朝, 都, 藏, 会
    {"调解", "tiao jie"},
    {"调整", "tiao zheng"},
    {"协调", "xie tiao"},
    {"空调", "kong tiao"},
    {"调节", "tiao jie"},
    {"调和", "tiao he"},
    {"调控", "tiao kong"},
    {"调查", "diao cha"},
    {"调度", "diao du"},
    {"调研", "diao yan"},
    {"调动", "diao dong"},
    {"传记", "zhuan ji"},
    {"自传", "zi zhuan"},
    {"人参", "ren shen"},
    {"党参", "dang shen"},
    {"海参", "hai shen"},
    {"朝阳", "chao yang"},
    {"朝鲜", "chao xian"},
    {"朝气", "zhao qi"},
    {"朝霞", "zhao xia"},
    {"成都", "cheng du"},
    {"首都", "shou du"},
    {"都江堰", "du jiang yan"},
    {"西藏", "xi zang"},
    {"藏族", "zang zu"},
    {"会计", "kuai ji"},
    {"会稽", "kuai ji"},
    {"大夫", "dai fu"},
    {"薄荷", "bo he"},
    // Place names
    {"厦门", "xia men"},
    {"六安", "lu an"},
    {"六合", "lu he"},
    {"丽水", "li shui"},
    {"蚌埠", "beng bu"},
    {"番禺", "pan yu"},
    {"单县", "shan xian"},
    {"诸暨", "zhu ji"},
    {"枫桥", "feng qiao"},
    {"台州", "tai zhou"},
    {"铅山", "yan shan"},
    {"尉氏", "yu shi"},
    {"蔚县", "yu xian"},
    {"洪洞", "hong tong"},
    {"黄陂", "huang pi"},
    {"东阿", "dong e"},
    {"莘县", "shen xian"},
    {"莘庄", "xin zhuang"},
    {"涡阳", "guo yang"},
    {"亳州", "bo zhou"},
    {"渑池", "mian chi"},
    {"浚县", "xun xian"},
    {"犍为", "qian wei"},
    {"筠连", "jun lian"},
    {"歙县", "she xian"},
    {"荥阳", "xing yang"},
    {"荥经", "ying jing"},
    {"阆中", "lang zhong"},
    {"盱眙", "xu yi"},
    {"临朐", "lin qu"},
    {"曲阜", "qu fu"},
    {"大埔", "da bu"},
    {"黄埔", "huang pu"},
    {"十里堡", "shi li pu"},
    {"吴堡", "wu bao"},
    {"瑷珲", "ai hui"},
    {"枞阳", "zong yang"},
    {"鄱阳", "po yang"},
    {"覃塘", "tan tang"},
    {"吐鲁番", "tu lu fan"},
};

// In text a surname is usually followed by one of these in a village or street name (查家村
// zhajiacun, 单家庄 shanjiazhuang), so there the surname reading comes first.
constexpr std::u32string_view kPlaceSuffixes = U"家庄村屯寨营店集堡湾坊宅岙";

// ---------------------------------------------------------------------------------------------
// Alternatives of one position of the input: a character, a word or a run of ASCII.

struct Alternatives {
  Strings full;      // deduplicated, most likely first
  Strings initials;  // deduplicated, most likely first
};

void AddUnique(Strings& list, std::string s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(std::move(s));
}

// Each alternative is a list of syllables. Spellings with ü (lv) are followed by the same with
// u (lu): input methods use v, many people type u.
Alternatives FromSyllables(const std::vector<Strings>& alternatives) {
  Alternatives out;
  const auto add = [&](const Strings& syllables) {
    std::string full, initials;
    for (const auto& s : syllables) {
      full += s;
      if (!s.empty()) initials += s[0];
    }
    if (full.empty()) return;
    AddUnique(out.full, std::move(full));
    AddUnique(out.initials, std::move(initials));
  };
  for (const auto& a : alternatives) add(a);
  for (const auto& a : alternatives) {
    Strings u = a;
    bool changed = false;
    for (auto& s : u) {
      for (auto& ch : s) {
        if (ch == 'v') ch = 'u', changed = true;
      }
    }
    if (changed) add(u);
  }
  return out;
}

Alternatives Merge(const Alternatives& first, const Alternatives& then) {
  Alternatives out = first;
  for (const auto& s : then.full) AddUnique(out.full, s);
  for (const auto& s : then.initials) AddUnique(out.initials, s);
  return out;
}

std::vector<Strings> ParseReadings(std::string_view readings) {
  std::vector<Strings> out;
  while (!readings.empty()) {
    auto bar = readings.find('|');
    std::string_view alt = readings.substr(0, bar);
    Strings syllables;
    while (!alt.empty()) {
      auto space = alt.find(' ');
      syllables.emplace_back(alt.substr(0, space));
      alt = space == std::string_view::npos ? std::string_view() : alt.substr(space + 1);
    }
    out.push_back(std::move(syllables));
    readings = bar == std::string_view::npos ? std::string_view() : readings.substr(bar + 1);
  }
  return out;
}

// s as code points; bytes that are not UTF-8 are left out.
std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    if (std::optional<char32_t> c = NextCodePoint(s, i)) out.push_back(*c);
  }
  return out;
}

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) || c == 0x3007;
}

// Folds ICU's "Han-Latin; NFD" output ("lu" + U+0308 + U+030C for lǚ) to ASCII with ü as v.
// Returns empty if ICU left anything it could not romanize (usually the character itself).
std::string FoldToAscii(const icu::UnicodeString& s) {
  std::string out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c);
    } else if (c == 0x0308) {
      if (!out.empty() && out.back() == 'u') out.back() = 'v';
    } else if ((c >= 0x0300 && c <= 0x036F) || c == ' ' || c == '\'') {
      // tone marks and separators
    } else {
      return {};
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

// Readings of single Chinese characters. ICU's transliterator costs ~13 µs a call and must not be
// shared between threads, so each character is looked up once, under a lock, and published
// through an atomic pointer; later reads take no lock. The main CJK blocks are a flat array;
// rarer characters (extension B and beyond) go to a locked map.
class HanReadings {
 public:
  static HanReadings& Get() {
    static HanReadings* instance = new HanReadings();  // never destroyed: threads may outlive main
    return *instance;
  }

  const Alternatives& Of(char32_t c) {
    if (c >= kDenseBegin && c < kDenseEnd) {
      auto& slot = dense_[c - kDenseBegin];
      if (const Alternatives* found = slot.load(std::memory_order_acquire)) return *found;
      std::lock_guard lock(mu_);
      if (const Alternatives* found = slot.load(std::memory_order_relaxed)) return *found;
      owned_.push_back(std::make_unique<const Alternatives>(Compute(c)));
      slot.store(owned_.back().get(), std::memory_order_release);
      return *owned_.back();
    }
    std::lock_guard lock(mu_);
    auto& entry = sparse_[c];
    if (!entry) entry = std::make_unique<const Alternatives>(Compute(c));
    return *entry;
  }

 private:
  static constexpr char32_t kDenseBegin = 0x3400;  // CJK extension A ...
  static constexpr char32_t kDenseEnd = 0xA000;    // ... through the unified ideographs

  HanReadings() {
    for (const auto& e : kPolyphones) {
      auto chars = DecodeUtf8(e.hanzi);
      polyphones_[chars.at(0)] = FromSyllables(ParseReadings(e.readings));
    }
    UErrorCode status = U_ZERO_ERROR;
    icu_.reset(icu::Transliterator::createInstance("Han-Latin; NFD", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) icu_.reset();  // no ICU data: only the tables answer
  }

  // Called with mu_ held.
  Alternatives Compute(char32_t c) {
    if (auto it = polyphones_.find(c); it != polyphones_.end()) return it->second;
    if (!icu_) return {};
    icu::UnicodeString s(static_cast<UChar32>(c));
    icu_->transliterate(s);
    std::string reading = FoldToAscii(s);
    if (reading.empty()) return {};
    return FromSyllables({{std::move(reading)}});
  }

  std::array<std::atomic<const Alternatives*>, kDenseEnd - kDenseBegin> dense_{};
  std::mutex mu_;
  std::vector<std::unique_ptr<const Alternatives>> owned_;                    // guarded by mu_
  std::unordered_map<char32_t, std::unique_ptr<const Alternatives>> sparse_;  // guarded by mu_
  std::unique_ptr<icu::Transliterator> icu_;                                  // guarded by mu_
  std::unordered_map<char32_t, Alternatives> polyphones_;  // read-only after construction
};

struct Phrase {
  std::u32string hanzi;
  Alternatives alternatives;
};

// Phrases by first character, longest first, so the first match is the longest.
using PhraseIndex = std::unordered_map<char32_t, std::vector<Phrase>>;

struct Tables {
  std::unordered_map<char32_t, Alternatives> surnames;
  PhraseIndex compound_surnames;
  PhraseIndex words;
};

PhraseIndex BuildIndex(std::span<const Entry> entries) {
  PhraseIndex index;
  for (const auto& e : entries) {
    Phrase p{DecodeUtf8(e.hanzi), FromSyllables(ParseReadings(e.readings))};
    index[p.hanzi.at(0)].push_back(std::move(p));
  }
  for (auto& [first, phrases] : index) {
    std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
      return a.hanzi.size() > b.hanzi.size();
    });
  }
  return index;
}

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables();
    for (const auto& e : kSurnames) {
      t->surnames[DecodeUtf8(e.hanzi).at(0)] = FromSyllables(ParseReadings(e.readings));
    }
    t->compound_surnames = BuildIndex(kCompoundSurnames);
    t->words = BuildIndex(kWords);
    return t;
  }();
  return *tables;
}

const Phrase* LongestMatch(const PhraseIndex& index, std::u32string_view text, size_t at) {
  auto it = index.find(text[at]);
  if (it == index.end()) return nullptr;
  for (const auto& p : it->second) {
    if (text.substr(at, p.hanzi.size()) == p.hanzi) return &p;
  }
  return nullptr;
}

// Maps full-width ASCII (Ａ, ３) to ASCII and lower-cases; 0 for anything that is not a letter
// or digit.
char AsciiAlnum(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFF01 - 0x21;
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
  return 0;
}

// ---------------------------------------------------------------------------------------------

struct Position {
  std::span<const std::string> full;
  std::span<const std::string> initials;
};

class Reader {
 public:
  explicit Reader(std::string_view utf8) : text_(DecodeUtf8(utf8)) {}

  std::u32string_view text() const { return text_; }

  void Add(const Alternatives& a) {
    if (!a.full.empty()) positions_.push_back({a.full, a.initials});
  }
  // Keeps `a` alive for the life of this reader.
  void AddOwned(Alternatives a) {
    Add(*owned_.emplace_back(std::make_unique<Alternatives>(std::move(a))));
  }

  // Reads the ASCII letters and digits starting at `at` as one position; returns the next index.
  size_t AddAsciiRun(size_t at) {
    std::string run;
    while (at < text_.size()) {
      char c = AsciiAlnum(text_[at]);
      if (!c) break;
      run += c;
      ++at;
    }
    AddOwned({{run}, {run}});
    return at;
  }

  PinyinReadings Result() const { return {Combine(&Position::full), Combine(&Position::initials)}; }

 private:
  // The kMaxPinyinReadings most likely combinations: each alternative scores its rank in its
  // position, a combination the sum. A beam of that width is exact for additive scores, and keeps
  // a long address with many polyphones from exploding.
  Strings Combine(std::span<const std::string> Position::*member) const {
    struct Candidate {
      std::string text;
      size_t score;
    };
    std::vector<Candidate> beam{{std::string(), 0}};
    std::vector<Candidate> next;
    for (const auto& position : positions_) {
      std::span<const std::string> alternatives = position.*member;
      if (alternatives.size() == 1) {
        for (auto& candidate : beam) candidate.text += alternatives[0];
        continue;
      }
      next.clear();
      for (const auto& candidate : beam) {
        for (size_t rank = 0; rank < alternatives.size(); ++rank) {
          next.push_back({candidate.text + alternatives[rank], candidate.score + rank});
        }
      }
      std::stable_sort(next.begin(), next.end(),
                       [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
      beam.clear();
      for (auto& candidate : next) {
        if (beam.size() == kMaxPinyinReadings) break;
        bool seen = std::any_of(beam.begin(), beam.end(),
                                [&](const Candidate& b) { return b.text == candidate.text; });
        if (!seen) beam.push_back(std::move(candidate));
      }
    }
    Strings out;
    for (auto& candidate : beam) {
      if (!candidate.text.empty()) out.push_back(std::move(candidate.text));
    }
    return out;
  }

  std::u32string text_;
  std::vector<Position> positions_;
  // Boxed so that positions can point into them; empty (no allocation) for most inputs.
  std::vector<std::unique_ptr<Alternatives>> owned_;
};

}  // namespace

void WarmPinyin() {
  GetTables();
  HanReadings::Get().Of(U'\u738B');  // 王: builds the transliterator
}

PinyinReadings PinyinOfName(std::string_view utf8_name) {
  const Tables& tables = GetTables();
  HanReadings& han = HanReadings::Get();
  Reader reader(utf8_name);
  std::u32string_view text = reader.text();
  size_t i = 0;
  while (i < text.size() && !IsHan(text[i]) && !AsciiAlnum(text[i])) ++i;  // spaces, quotes
  if (i < text.size() && IsHan(text[i])) {
    const Phrase* compound = LongestMatch(tables.compound_surnames, text, i);
    // A person has a given name, so "单于" alone is 单 + 于, not the compound surname.
    if (compound && std::any_of(text.begin() + i + compound->hanzi.size(), text.end(), IsHan)) {
      reader.Add(compound->alternatives);
      i += compound->hanzi.size();
    } else if (auto it = tables.surnames.find(text[i]); it != tables.surnames.end()) {
      reader.Add(it->second);
      ++i;
    }
  }
  while (i < text.size()) {
    if (AsciiAlnum(text[i])) {
      i = reader.AddAsciiRun(i);
    } else {
      if (IsHan(text[i])) reader.Add(han.Of(text[i]));
      ++i;
    }
  }
  return reader.Result();
}

PinyinReadings PinyinOfText(std::string_view utf8_text) {
  const Tables& tables = GetTables();
  HanReadings& han = HanReadings::Get();
  Reader reader(utf8_text);
  std::u32string_view text = reader.text();
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = text[i];
    if (AsciiAlnum(c)) {
      i = reader.AddAsciiRun(i);
      continue;
    }
    if (!IsHan(c)) {
      ++i;
      continue;
    }
    if (const Phrase* word = LongestMatch(tables.words, text, i)) {
      reader.Add(word->alternatives);
      i += word->hanzi.size();
      continue;
    }
    auto surname = tables.surnames.find(c);
    if (surname != tables.surnames.end() && i + 1 < text.size() &&
        kPlaceSuffixes.find(text[i + 1]) != std::u32string_view::npos) {
      reader.AddOwned(Merge(surname->second, han.Of(c)));
    } else {
      reader.Add(han.Of(c));
    }
    ++i;
  }
  return reader.Result();
}

}  // namespace jiceng::core::text
