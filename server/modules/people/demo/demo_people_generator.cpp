#include "modules/people/demo/demo_people_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/text/id_number.hpp"
#include "core/time/civil.hpp"
#include "modules/people/residents/search_terms.hpp"

namespace jiceng::people {

namespace {

// Day numbers of civil dates (core/time/civil.hpp): a day past the end of a month rolls over,
// which is what "the same day N years ago" wants for 29 February.
int DaysFromCivil(int y, int m, int d) {
  return static_cast<int>(
      core::time::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}
std::string CivilFromDays(int days) { return core::time::FormatDate(days); }

struct Ymd {
  int y = 1970, m = 1, d = 1;
};
Ymd ParseYmd(std::string_view s) {
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len && i < s.size(); ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return {num(0, 4), num(5, 2), num(8, 2)};
}

struct Weighted {
  const char* value;
  double weight;
};

template <std::size_t N>
const char* Pick(const std::array<Weighted, N>& table, double u) {
  double total = 0;
  for (const auto& w : table) total += w.weight;
  double x = u * total;
  for (const auto& w : table) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return table.back().value;
}

// Surnames of 诸暨 residents: the national frequency order (per mille of the population,
// 2020 census) with the local surnames 楼 宣 斯 骆 寿 郦 边 屠 raised to their local weight, plus
// the polyphone surnames (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, 查 zha, 乐 yue) that pinyin
// search has to read as surnames.
constexpr std::array<Weighted, 62> kLocalSurnames{{
    {"王", 62}, {"李", 40}, {"张", 45}, {"刘", 20}, {"陈", 70},  {"杨", 22},  {"黄", 25},
    {"赵", 28}, {"吴", 25}, {"周", 30}, {"徐", 22}, {"孙", 12},  {"马", 10},  {"朱", 15},
    {"胡", 18}, {"郭", 8},  {"何", 20}, {"林", 10}, {"高", 8},   {"罗", 6},   {"郑", 10},
    {"梁", 4},  {"谢", 6},  {"宋", 5},  {"唐", 5},  {"许", 6},   {"韩", 4},   {"冯", 6},
    {"邓", 3},  {"曹", 5},  {"彭", 3},  {"曾", 2},  {"肖", 3},   {"田", 3},   {"董", 5},
    {"袁", 4},  {"潘", 5},  {"于", 2},  {"蒋", 12}, {"蔡", 5},   {"余", 6},   {"杜", 3},
    {"叶", 6},  {"程", 4},  {"苏", 3},  {"魏", 3},  {"吕", 5},   {"丁", 4},   {"沈", 8},
    {"楼", 30}, {"宣", 14}, {"斯", 10}, {"骆", 12}, {"寿", 10},  {"俞", 10},  {"金", 12},
    {"郦", 5},  {"边", 5},  {"屠", 5},  {"单", 2},  {"解", 0.6}, {"仇", 0.8},
}};
constexpr std::array<Weighted, 44> kNationalSurnames{{
    {"王", 71},  {"李", 70},  {"张", 64}, {"刘", 53},  {"陈", 45},  {"杨", 31},  {"黄", 22},
    {"赵", 20},  {"吴", 20},  {"周", 19}, {"徐", 13},  {"孙", 12},  {"马", 12},  {"朱", 11},
    {"胡", 10},  {"郭", 10},  {"何", 9},  {"林", 9},   {"高", 9},   {"罗", 9},   {"郑", 8},
    {"梁", 8},   {"谢", 7},   {"宋", 6},  {"唐", 6},   {"许", 5},   {"韩", 5},   {"冯", 5},
    {"邓", 5},   {"曹", 5},   {"彭", 4},  {"曾", 4},   {"肖", 4},   {"田", 4},   {"董", 4},
    {"袁", 4},   {"蒋", 3},   {"余", 3},  {"单", 0.8}, {"解", 0.8}, {"区", 0.5}, {"仇", 0.6},
    {"查", 0.6}, {"乐", 0.6},
}};

// Given-name characters by sex and generation (born before 1970, 1970-1999, 2000 on).
constexpr std::array<const char*, 30> kMaleOld{
    "建", "国", "华", "明", "根", "林", "福", "生", "水", "金", "海", "荣", "才", "庆", "德",
    "祥", "忠", "成", "长", "伟", "平", "发", "兴", "宝", "良", "土", "炳", "松", "樟", "法"};
constexpr std::array<const char*, 30> kMaleMid{
    "伟", "强", "军", "勇", "杰", "涛", "斌", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "峰", "磊", "波", "东", "洪", "亮", "健", "俊", "锋", "浩", "晨", "行", "重", "乐", "斌"};
constexpr std::array<const char*, 26> kMaleYoung{
    "浩", "宇", "轩", "子", "梓", "睿", "博", "宸", "泽", "俊", "一", "辰", "嘉",
    "航", "铭", "逸", "皓", "然", "阳", "杰", "诚", "昊", "涵", "霖", "乐", "天"};
constexpr std::array<const char*, 28> kFemaleOld{
    "秀", "英", "桂", "兰", "玉", "珍", "凤", "芳", "美", "娟", "花", "梅", "琴", "菊",
    "萍", "月", "彩", "金", "仙", "香", "娥", "素", "爱", "杏", "娣", "妹", "宝", "翠"};
constexpr std::array<const char*, 26> kFemaleMid{
    "丽", "静", "敏", "燕", "艳", "娟", "霞", "芳", "婷", "红", "萍", "琳", "雪",
    "慧", "佳", "颖", "倩", "洁", "晶", "莉", "青", "亚", "玲", "丹", "利", "芬"};
constexpr std::array<const char*, 26> kFemaleYoung{
    "欣", "怡", "梓", "涵", "雨", "桐", "诗", "琪", "可", "馨", "一", "若", "语",
    "思", "萱", "子", "佳", "悦", "晨", "彤", "依", "诺", "妍", "嘉", "安", "乐"};

// Where the migrants of 诸暨 come from: real county codes (GB/T 2260) with their full names.
struct Origin {
  const char* code;
  const char* name;
  double weight;
  const char* ethnicity;  // a minority common there ("" = none)
};
constexpr std::array<Origin, 12> kOrigins{{
    {"511321", "四川省南充市南部县", 12, ""},
    {"511322", "四川省南充市营山县", 8, ""},
    {"510722", "四川省绵阳市三台县", 8, ""},
    {"341221", "安徽省阜阳市临泉县", 10, ""},
    {"341222", "安徽省阜阳市太和县", 8, ""},
    {"360722", "江西省赣州市信丰县", 8, ""},
    {"421127", "湖北省黄冈市黄梅县", 6, ""},
    {"430524", "湖南省邵阳市隆回县", 6, ""},
    {"431022", "湖南省郴州市宜章县", 5, ""},
    {"433124", "湖南省湘西土家族苗族自治州花垣县", 5, "06"},
    {"450922", "广西壮族自治区玉林市陆川县", 5, "08"},
    {"500235", "重庆市云阳县", 9, ""},
}};
constexpr std::array<const char*, 8> kOriginTowns{"城关镇", "新华镇", "太平镇", "龙泉镇",
                                                  "清水镇", "石门镇", "河口镇", "永安镇"};

constexpr std::array<const char*, 12> kPhonePrefixes{"130", "133", "135", "138", "139", "150",
                                                     "158", "159", "177", "187", "189", "199"};

constexpr std::array<Weighted, 10> kWorkingJobs{{{"务农", 18},
                                                 {"企业职工", 22},
                                                 {"袜业工人", 10},
                                                 {"个体工商户", 14},
                                                 {"珍珠养殖", 4},
                                                 {"建筑工人", 8},
                                                 {"教师", 3},
                                                 {"医护人员", 3},
                                                 {"公务员", 2},
                                                 {"自由职业", 8}}};
constexpr std::array<Weighted, 6> kMigrantJobs{{{"企业职工", 35},
                                                {"袜业工人", 20},
                                                {"建筑工人", 15},
                                                {"快递员", 8},
                                                {"餐饮服务", 12},
                                                {"个体工商户", 10}}};
// Fictional employers (any likeness to a real company is accidental).
constexpr std::array<const char*, 8> kEmployers{
    "诸暨市枫华针织有限公司", "诸暨市暨阳五金制品厂",     "诸暨市浣纱袜业有限公司",
    "诸暨市西施珍珠饰品厂",   "诸暨市东白湖建材有限公司", "诸暨市同山纺织有限公司",
    "诸暨市五泄机械配件厂",   "诸暨市陶朱物流有限公司"};

// Household kinds, with the weights that give the age pyramid of a rural county in Zhejiang:
// many people aged 50-70, about 5 % over 80, about 6 % aged 0-6 (see demo_people_test.cpp).
enum Kind {
  kElderAlone = 0,    // 1 person aged 65-95
  kElderCouple,       // 2 aged 60-90
  kMiddleCouple,      // 2 aged 45-66, children gone
  kFamily,            // couple 30-55 with 1-2 children
  kYoungFamily,       // couple 24-36 with a child 0-6
  kThreeGenerations,  // couple 32-52, 1-2 children, a parent (a grandchild's 0-6 likely)
  kWithParent,        // a single adult 38-62 with a parent 65-95
  kKinds
};
constexpr std::array<double, kKinds> kKindWeights{3, 19, 24, 22, 4.5, 12, 4};

bool IdKey(std::string_view code, std::string_view birth_date, int seq, std::uint64_t& key) {
  std::uint64_t c = 0;
  for (char ch : code) c = c * 10 + static_cast<std::uint64_t>(ch - '0');
  Ymd b = ParseYmd(birth_date);
  key = ((c * 10000 + static_cast<std::uint64_t>(b.y)) * 10000 +
         static_cast<std::uint64_t>(b.m * 100 + b.d)) *
            1000 +
        static_cast<std::uint64_t>(seq);
  return true;
}

}  // namespace

struct DemoPeopleGenerator::Person {
  std::string surname;
  bool male = true;
  int age = 30;
  const char* relation = "02";
  const Origin* origin = nullptr;  // a migrant's home county
  const char* marital = "20";
  std::string given;  // fixed residents only
  std::string birth_date;
  std::string id_number;
  std::string phone;
  bool no_phone = false;
};

std::string AddressVillageName(std::string_view name) {
  auto strip = [&](std::string_view suffix) {
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      name.remove_suffix(suffix.size());
      return true;
    }
    return false;
  };
  if (strip("村委会") || strip("村民委员会")) return std::string(name) + "村";
  if (strip("社区居委会") || strip("社区居民委员会")) return std::string(name) + "社区";
  if (strip("居委会") || strip("居民委员会")) return std::string(name) + "社区";
  return std::string(name);
}

bool IsUrbanVillageCode(std::string_view code) {
  if (code.size() < 12) return false;
  int seg = (code[9] - '0') * 100 + (code[10] - '0') * 10 + (code[11] - '0');
  return seg >= 1 && seg <= 199;
}

std::int64_t DemoHouse::ResidentCount() const {
  std::int64_t n = 0;
  for (const auto& h : households) n += static_cast<std::int64_t>(h.members.size());
  return n;
}

DemoPeopleGenerator::DemoPeopleGenerator(std::vector<DemoGrid> grids, std::string today,
                                         std::uint64_t seed)
    : grids_(std::move(grids)), today_(std::move(today)), rng_(seed) {
  Ymd t = ParseYmd(today_);
  today_days_ = DaysFromCivil(t.y, t.m, t.d);
  houses_in_grid_.assign(grids_.size(), 0);
  households_in_grid_.assign(grids_.size(), 0);
  order_.resize(grids_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::shuffle(order_.begin(), order_.end(), rng_);
  // The fixed grid goes first so that even a small N puts a few generated people beside the
  // fixed ones, where the demo accounts look.
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (grids_[order_[i]].code == kDemoFixedGrid) std::swap(order_[0], order_[i]);
  }
  bool has_fixed = !grids_.empty() && grids_[order_[0]].code == kDemoFixedGrid;
  fixed_done_ = has_fixed ? 0 : 2;
  used_ids_.assign(1 << 16, 0);
}

bool DemoPeopleGenerator::MarkIdUsed(std::uint64_t key) {
  // Open addressing over non-zero keys (a key is never 0: the address code leads); grows at 50 %.
  if ((used_count_ + 1) * 2 > used_ids_.size()) {
    std::vector<std::uint64_t> old(used_ids_.size() * 2, 0);
    old.swap(used_ids_);
    used_count_ = 0;
    for (std::uint64_t k : old)
      if (k) MarkIdUsed(k);
  }
  std::size_t mask = used_ids_.size() - 1;
  std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
  while (used_ids_[i] != 0) {
    if (used_ids_[i] == key) return false;
    i = (i + 1) & mask;
  }
  used_ids_[i] = key;
  ++used_count_;
  return true;
}

std::string DemoPeopleGenerator::BirthDateForAge(int age) {
  Ymd t = ParseYmd(today_);
  // Born after the day `age + 1` years ago and on or before the day `age` years ago.
  int latest = DaysFromCivil(t.y - age, t.m, t.d);
  int earliest = DaysFromCivil(t.y - age - 1, t.m, t.d) + 1;
  return CivilFromDays(Between(earliest, latest));
}

std::string DemoPeopleGenerator::IdNumber(const std::string& code, const std::string& birth_date,
                                          bool male) {
  std::string ymd = birth_date.substr(0, 4) + birth_date.substr(5, 2) + birth_date.substr(8, 2);
  for (int attempt = 0;; ++attempt) {
    // Sequence numbers 001-999; odd for men, even for women.
    int seq = Between(0, 499) * 2 + (male ? 1 : 0);
    if (seq == 0) seq = 2;
    std::uint64_t key = 0;
    IdKey(code, birth_date, seq, key);
    if (!MarkIdUsed(key) && attempt < 2000) continue;
    char tail[4];
    std::snprintf(tail, sizeof tail, "%03d", seq);
    std::string first17 = code + ymd + tail;
    return first17 + core::text::IdCheckChar(first17);
  }
}

std::string DemoPeopleGenerator::Phone() {
  std::string p = kPhonePrefixes[static_cast<std::size_t>(
      Between(0, static_cast<int>(kPhonePrefixes.size()) - 1))];
  for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + Between(0, 9));
  return p;
}

std::string DemoPeopleGenerator::GivenName(bool male, int birth_year) {
  auto pick = [&](const auto& pool) {
    return std::string(
        pool[static_cast<std::size_t>(Between(0, static_cast<int>(pool.size()) - 1))]);
  };
  auto pool_pick = [&]() {
    if (birth_year < 1970) return male ? pick(kMaleOld) : pick(kFemaleOld);
    if (birth_year < 2000) return male ? pick(kMaleMid) : pick(kFemaleMid);
    return male ? pick(kMaleYoung) : pick(kFemaleYoung);
  };
  // One-character given names were most common for those born in the 1970s-1990s.
  double single = birth_year < 1970 ? 0.12 : birth_year < 2000 ? 0.28 : 0.10;
  std::string first = pool_pick();
  if (Uniform() < single) return first;
  std::string second = pool_pick();
  while (second == first) second = pool_pick();
  return first + second;
}

std::string DemoPeopleGenerator::TagStart(const Resident& r, int max_years_back) {
  Ymd b = ParseYmd(r.birth_date);
  int born = DaysFromCivil(b.y, b.m, b.d);
  int from = std::max(born, today_days_ - max_years_back * 365);
  return CivilFromDays(Between(from, today_days_));
}

House DemoPeopleGenerator::MakeHouse(const DemoGrid& grid, std::size_t gi) {
  int n = houses_in_grid_[gi]++;
  House h;
  h.org_code = grid.code;
  std::string prefix = "诸暨市" + grid.township + grid.village;
  if (grid.urban) {
    // Buildings of 2 units x 18 floors x 2 flats.
    int building = n / 72 + 1, unit = (n % 72) / 36 + 1, floor = (n % 36) / 2 + 1, flat = n % 2 + 1;
    h.building = std::to_string(building);
    h.unit = std::to_string(unit);
    h.room = std::to_string(floor * 100 + flat);
    h.address = prefix + h.building + "幢" + h.unit + "单元" + h.room + "室";
  } else {
    h.building = std::to_string(n + 1);
    h.address = prefix + h.building + "号";
  }
  return h;
}

std::string DemoPeopleGenerator::NextHouseholdNumber(const DemoGrid& grid, std::size_t gi) {
  return grid.code + "-" + fmt::format("{:04d}", ++households_in_grid_[gi]);
}

DemoMember DemoPeopleGenerator::MakeMember(const Person& p, const House& house,
                                           const DemoGrid& grid) {
  DemoMember m;
  Resident& r = m.resident;
  r.org_code = grid.code;
  r.relation = p.relation;
  r.gender = p.male ? "male" : "female";
  r.birth_date = p.birth_date.empty() ? BirthDateForAge(p.age) : p.birth_date;
  int birth_year = ParseYmd(r.birth_date).y;
  r.name = p.surname + (p.given.empty() ? GivenName(p.male, birth_year) : p.given);
  r.ethnicity = "01";
  r.id_type = "resident_id";
  r.current_address = house.address;
  if (p.origin) {
    r.residency_kind = "migrant";
    if (p.origin->ethnicity[0] && Uniform() < 0.4) r.ethnicity = p.origin->ethnicity;
    r.hukou_address = std::string(p.origin->name) +
                      kOriginTowns[static_cast<std::size_t>(Between(0, 7))] +
                      std::to_string(Between(1, 30)) + "组";
  } else {
    r.residency_kind = "registered";
    if (Uniform() < 0.002) r.ethnicity = "22";  // 畲族, the minority of Zhejiang
    r.hukou_address = house.address;
  }
  r.id_number = p.id_number.empty()
                    ? IdNumber(p.origin ? p.origin->code : "330681", r.birth_date, p.male)
                    : p.id_number;
  if (!p.phone.empty()) {
    r.phone = p.phone;
  } else if (!p.no_phone && p.age >= 18 && Uniform() < (p.age >= 80 ? 0.6 : 0.97)) {
    r.phone = Phone();
  }
  r.marital_status = p.marital;
  // Education: the highest level reached, by generation.
  int age = p.age;
  if (age < 6) {
    r.education = "";
  } else if (age <= 12) {
    r.education = "81";
  } else if (age <= 15) {
    r.education = "71";
  } else if (age <= 21) {
    r.education = Uniform() < 0.7 ? "61" : "44";
  } else {
    double u = Uniform();
    if (birth_year < 1955) {
      r.education = u < 0.2 ? "90" : u < 0.7 ? "81" : u < 0.93 ? "71" : "61";
    } else if (birth_year < 1976) {
      r.education = u < 0.2    ? "81"
                    : u < 0.65 ? "71"
                    : u < 0.85 ? "61"
                    : u < 0.93 ? "44"
                    : u < 0.98 ? "31"
                               : "21";
    } else if (birth_year < 1996) {
      r.education = u < 0.3    ? "71"
                    : u < 0.5  ? "61"
                    : u < 0.62 ? "44"
                    : u < 0.67 ? "47"
                    : u < 0.84 ? "31"
                    : u < 0.98 ? "21"
                               : "14";
    } else {
      r.education = u < 0.08   ? "71"
                    : u < 0.22 ? "61"
                    : u < 0.32 ? "44"
                    : u < 0.62 ? "31"
                    : u < 0.97 ? "21"
                               : "14";
    }
    if (p.origin && r.education < "61" && Uniform() < 0.5) r.education = "71";
  }
  if (age < 14) {
    r.political_status = "";
  } else {
    double party = age >= 50 ? (p.male ? 0.12 : 0.04) : 0.06;
    double league = age <= 28 ? 0.45 : 0;
    double u = Uniform();
    r.political_status = u < party ? "01" : u < party + league ? "03" : "13";
  }
  if (age < 6) {
    r.occupation = "学龄前儿童";
  } else if (age < 19 || (age < 23 && Uniform() < 0.6)) {
    r.occupation = "学生";
  } else if (age >= 60) {
    double u = Uniform();
    r.occupation = u < 0.45 ? "退休" : u < 0.85 ? "务农" : "无";
  } else {
    r.occupation = p.origin ? Pick(kMigrantJobs, Uniform()) : Pick(kWorkingJobs, Uniform());
    if (r.occupation == "企业职工" || r.occupation == "袜业工人") {
      r.employer =
          kEmployers[static_cast<std::size_t>(Between(0, static_cast<int>(kEmployers.size()) - 1))];
    }
  }
  return m;
}

void DemoPeopleGenerator::AddTags(DemoHousehold& household, int kind) {
  auto tag = [&](DemoMember& m, const char* code, const char* source, int years_back) {
    ResidentTag t;
    t.org_code = m.resident.org_code;
    t.kind = code;
    t.source = source;
    t.start_date = TagStart(m.resident, years_back);
    m.tags.push_back(std::move(t));
  };
  bool low_income = Uniform() < (kind == kElderAlone ? 0.08 : 0.018);
  bool migrant = household.members[0].resident.residency_kind == "migrant";
  for (auto& m : household.members) {
    Resident& r = m.resident;
    int age = core::text::AgeOn(r.birth_date, today_);
    bool male = r.gender == "male";
    if (kind == kElderAlone && age >= 60) tag(m, "elderly_alone", "走访", 10);
    if (kind == kElderCouple && age >= 60 && Uniform() < 0.7) tag(m, "empty_nest", "走访", 10);
    double p_disabled = age < 18 ? 0.015 : age < 60 ? 0.04 : age < 80 ? 0.11 : 0.2;
    bool disabled = Uniform() < p_disabled;
    if (disabled) tag(m, "disabled", "残联推送", 20);
    if (low_income && !migrant) tag(m, "low_income", "民政推送", 6);
    if (age < 16 && kind == kThreeGenerations && household.members.size() >= 3 &&
        Uniform() < 0.25) {
      tag(m, "left_behind_child", "走访", 5);
      r.residency_kind = "left_behind";
    }
    if ((age >= 80 && Uniform() < 0.2) || (disabled && Uniform() < 0.3)) {
      tag(m, "mobility_impaired", "走访", 5);
    }
    if (age >= 18 && age < 60 && !migrant && Uniform() < 0.015)
      tag(m, "employment_difficulty", "人社推送", 3);
    if (male && age >= 35 && age <= 90 && Uniform() < 0.03)
      tag(m, "veteran", "退役军人事务局推送", 30);
    if (age >= 18 && age < 70) {
      // The watched groups stay rare (each well under 0.2 % of residents).
      double u = Uniform();
      if (u < 0.0006) {
        tag(m, "community_correction", "司法所推送", 2);
      } else if (u < 0.0014) {
        tag(m, "released_prisoner", "司法所推送", 5);
      } else if (u < 0.0026) {
        tag(m, "severe_mental_disorder", "卫健推送", 10);
      } else if (u < 0.003) {
        tag(m, "drug_rehabilitation", "公安推送", 3);
      }
    }
  }
}

DemoHouse DemoPeopleGenerator::FixedHouse(std::int64_t max_residents) {
  const std::size_t gi = order_[0];
  const DemoGrid& grid = grids_[gi];
  DemoHouse out;
  out.house = MakeHouse(grid, gi);
  std::vector<Person> people;
  auto fixed = [&](const char* surname, const char* given, bool male, const char* birth,
                   const char* id, const char* phone, const char* relation, const char* marital) {
    Person p;
    p.surname = surname;
    p.given = given;
    p.male = male;
    p.birth_date = birth;
    p.age = core::text::AgeOn(birth, today_);
    p.id_number = id;
    p.phone = phone;
    p.no_phone = !*phone;
    p.relation = relation;
    p.marital = marital;
    std::uint64_t key = 0;
    IdKey(std::string_view(id).substr(0, 6), birth, std::stoi(std::string(id).substr(14, 3)), key);
    MarkIdUsed(key);
    people.push_back(std::move(p));
  };
  int kind = kFamily;
  if (fixed_done_ == 0) {
    fixed("张", "三", true, "1950-03-15", "330681195003150013", "13957500001", "02", "30");
    kind = kElderAlone;
  } else {
    fixed("李", "长青", true, "1978-06-08", "330681197806080038", "13857512345", "02", "20");
    fixed("单", "秀英", false, "1980-11-02", "330681198011020028", "15967554321", "10", "20");
    fixed("李", "想", true, "2022-05-20", "330681202205200018", "", "20", "10");
  }
  ++fixed_done_;
  DemoHousehold hh;
  hh.number = NextHouseholdNumber(grid, gi);
  for (const auto& p : people) {
    if (static_cast<std::int64_t>(hh.members.size()) >= max_residents) break;
    hh.members.push_back(MakeMember(p, out.house, grid));
  }
  out.house.owner_name = hh.members[0].resident.name;
  if (kind == kElderAlone) {
    // 张三 is always an elderly person living alone, whatever the dice say.
    ResidentTag t;
    t.org_code = grid.code;
    t.kind = "elderly_alone";
    t.source = "走访";
    t.start_date = "2020-04-01";
    hh.members[0].tags.push_back(std::move(t));
  }
  out.households.push_back(std::move(hh));
  return out;
}

DemoHouse DemoPeopleGenerator::LocalHouse(const DemoGrid& grid, std::int64_t max_residents) {
  std::size_t gi = &grid - grids_.data();
  DemoHouse out;
  out.house = MakeHouse(grid, gi);
  double x = Uniform() * [] {
    double t = 0;
    for (double w : kKindWeights) t += w;
    return t;
  }();
  int kind = 0;
  while (kind + 1 < kKinds && x >= kKindWeights[static_cast<std::size_t>(kind)]) {
    x -= kKindWeights[static_cast<std::size_t>(kind)];
    ++kind;
  }
  std::string surname = Pick(kLocalSurnames, Uniform());
  auto spouse_surname = [&] { return std::string(Pick(kLocalSurnames, Uniform())); };
  std::vector<Person> people;
  auto head = [&](int lo, int hi, bool male_likely) {
    Person p;
    p.surname = surname;
    p.male = Uniform() < (male_likely ? 0.82 : 0.5);
    p.age = Between(lo, hi);
    people.push_back(p);
    return p;
  };
  auto spouse = [&](const Person& h) {
    Person p;
    p.surname = spouse_surname();
    p.male = !h.male;
    p.age = std::max(20, h.age + (h.male ? -Between(0, 4) : Between(0, 4)));
    p.relation = "10";
    people.push_back(p);
  };
  auto child = [&](const Person& h, int min_age, int max_age) {
    Person p;
    p.surname = surname;
    p.male = Uniform() < 0.52;  // the sex ratio at birth of the 2000s-2010s
    int lo = std::max(min_age, h.age - 36), hi = std::min(max_age, h.age - 22);
    if (hi < lo) hi = lo;
    p.age = std::max(0, Between(lo, hi));
    p.relation = p.male ? "20" : "30";
    p.marital = p.age >= 24 && Uniform() < 0.3 ? "20" : "10";
    people.push_back(p);
  };
  auto parent = [&](const Person& h, bool father) {
    Person p;
    p.surname = father ? surname : spouse_surname();
    p.male = father;
    p.age = std::min(98, h.age + Between(22, 34));
    p.relation = father ? "51" : "52";
    p.marital = "30";
    people.push_back(p);
  };
  switch (kind) {
    case kElderAlone: {
      Person& p = people.emplace_back();
      p.surname = surname;
      p.male = Uniform() < 0.35;  // widows outlive widowers
      double u = Uniform();
      p.age = u < 0.45 ? Between(80, 96) : Between(65, 79);
      p.marital = Uniform() < 0.85 ? "30" : "40";
      break;
    }
    case kElderCouple: {
      double u = Uniform();
      Person h = head(60, 79, true);
      if (u < 0.3) people.back().age = h.age = Between(78, 93);
      spouse(h);
      break;
    }
    case kMiddleCouple: {
      Person h = head(48, 69, true);
      spouse(h);
      break;
    }
    case kFamily: {
      Person h = head(36, 60, true);
      spouse(h);
      child(h, 7, 32);
      if (Uniform() < 0.4) child(h, 7, 32);
      break;
    }
    case kYoungFamily: {
      Person h = head(24, 36, true);
      spouse(h);
      child(h, 0, 6);
      people.back().age = Between(0, 6);
      break;
    }
    case kThreeGenerations: {
      Person h = head(30, 48, true);
      spouse(h);
      child(h, 0, 18);
      if (Uniform() < 0.3) people.back().age = Between(0, 6);
      if (Uniform() < 0.35) {
        child(h, 0, 18);
      } else {
        parent(h, Uniform() < 0.4);
      }
      break;
    }
    case kWithParent: {
      Person h = head(38, 62, true);
      people.back().marital = Uniform() < 0.5 ? "40" : "10";
      parent(h, Uniform() < 0.3);
      break;
    }
  }
  DemoHousehold hh;
  hh.number = NextHouseholdNumber(grid, gi);
  for (const auto& p : people) {
    if (static_cast<std::int64_t>(hh.members.size()) >= max_residents) break;
    hh.members.push_back(MakeMember(p, out.house, grid));
  }
  AddTags(hh, kind);
  out.house.owner_name = hh.members[0].resident.name;
  out.households.push_back(std::move(hh));
  return out;
}

DemoHouse DemoPeopleGenerator::RentedHouse(const DemoGrid& grid, std::int64_t max_residents) {
  std::size_t gi = &grid - grids_.data();
  DemoHouse out;
  out.house = MakeHouse(grid, gi);
  out.house.rental_status = "rented";
  // The owner lives elsewhere; a tenant family from one home county rents the whole house.
  out.house.owner_name =
      std::string(Pick(kLocalSurnames, Uniform())) + GivenName(Uniform() < 0.6, 1965);
  double ow = 0;
  for (const auto& o : kOrigins) ow += o.weight;
  double x = Uniform() * ow;
  const Origin* origin = &kOrigins.back();
  for (const auto& o : kOrigins) {
    if (x < o.weight) {
      origin = &o;
      break;
    }
    x -= o.weight;
  }
  std::string surname = Pick(kNationalSurnames, Uniform());
  std::vector<Person> people;
  Person h;
  h.surname = surname;
  h.male = Uniform() < 0.7;
  h.age = Between(20, 52);
  h.origin = origin;
  double u = Uniform();
  int size = u < 0.3 ? 1 : u < 0.65 ? 2 : u < 0.9 ? 3 : 4;
  h.marital = size == 1 ? (Uniform() < 0.7 ? "10" : "20") : "20";
  if (size >= 2 && h.age < 22) h.age = 22;
  people.push_back(h);
  if (size >= 2) {
    Person s;
    s.surname = Pick(kNationalSurnames, Uniform());
    s.male = !h.male;
    s.age = std::max(20, h.age + (h.male ? -Between(0, 4) : Between(0, 4)));
    s.relation = "10";
    s.origin = origin;
    people.push_back(s);
  }
  for (int i = 2; i < size; ++i) {
    Person c;
    c.surname = surname;
    c.male = Uniform() < 0.52;
    c.age = std::max(0, std::min(15, h.age - Between(22, 32)));
    c.relation = c.male ? "20" : "30";
    c.marital = "10";
    c.origin = origin;
    people.push_back(c);
  }
  DemoHousehold hh;
  hh.number = NextHouseholdNumber(grid, gi);
  for (const auto& p : people) {
    if (static_cast<std::int64_t>(hh.members.size()) >= max_residents) break;
    hh.members.push_back(MakeMember(p, out.house, grid));
  }
  AddTags(hh, -1);
  out.households.push_back(std::move(hh));
  return out;
}

DemoHouse DemoPeopleGenerator::Next(std::int64_t max_residents) {
  max_residents = std::max<std::int64_t>(1, max_residents);
  if (fixed_done_ < 2) return FixedHouse(max_residents);
  const DemoGrid& grid = grids_[order_[next_house_++ % order_.size()]];
  // About 15 % of residents are migrants: a rented house holds ~2 of them, an owned one ~2.6.
  if (Uniform() < 0.18) return RentedHouse(grid, max_residents);
  return LocalHouse(grid, max_residents);
}

}  // namespace jiceng::people
