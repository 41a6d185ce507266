#include "modules/people/ledgers/ledgers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "modules/people/codes.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/residents/resident_json.hpp"

namespace jiceng::people {

namespace {

std::vector<BaseField> MakeBaseFields() {
  std::vector<BaseField> out = {
      {"name", "姓名"},
      {"former_names", "曾用名"},
      {"gender", "性别"},
      {"birth_date", "出生日期"},
      {"ethnicity", "民族"},
      {"id_type", "证件类型"},
      {"id_number", "证件号码"},
      {"phone", "联系电话"},
      {"org_code", "所属网格"},
      {"hukou_address", "户籍地址"},
      {"current_address", "现住地址"},
      {"residency_kind", "人口类别"},
      {"education", "文化程度"},
      {"political_status", "政治面貌"},
      {"marital_status", "婚姻状况"},
      {"occupation", "职业"},
      {"employer", "工作单位"},
      {"household_id", "所在户"},
      {"relation", "与户主关系"},
      {"house_id", "所住房屋"},
      {"status", "人员状态"},
      {"notes", "备注"},
  };
  for (const auto& kind : TagKinds()) out.push_back({"tags." + kind.code, "标签：" + kind.name});
  out.push_back({"house.address", "房屋地址"});
  out.push_back({"house.owner_name", "房屋产权人"});
  out.push_back({"house.rental_status", "房屋出租状态"});
  return out;
}

// The columns ledgers are made of. A column's fields are what "who uses this field" reports.
const std::vector<LedgerColumn>& Columns() {
  static const std::vector<LedgerColumn> kColumns = {
      {"name", "姓名", {"name"}},
      {"gender", "性别", {"gender"}},
      {"birth_date", "出生日期", {"birth_date"}},
      {"age", "年龄", {"birth_date"}},
      {"id_number", "证件号码", {"id_number"}},
      {"phone", "联系电话", {"phone"}},
      {"grid", "所属网格", {"org_code"}},
      {"current_address", "现住地址", {"current_address"}},
      {"hukou_address", "户籍地址", {"hukou_address"}},
      {"relation", "与户主关系", {"household_id", "relation"}},
      {"residency_kind", "人口类别", {"residency_kind"}},
      {"education", "文化程度", {"education"}},
      // Tag columns read the ledger's primary tag; their fields are added per ledger.
      {"tag_start_date", "认定日期", {}},
      {"tag_source", "信息来源", {}},
      {"reasons", "需协助原因", {}},
      {"house_address", "房屋地址", {"house_id", "house.address"}},
      {"owner_name", "房屋产权人", {"house.owner_name"}},
  };
  return kColumns;
}

// Columns every resident ledger starts with: who, how to reach them, where they are.
std::vector<std::string> PersonColumns(std::vector<std::string> extra) {
  std::vector<std::string> cols = {"name", "gender",          "age",     "id_number", "phone",
                                   "grid", "current_address", "relation"};
  cols.insert(cols.end(), extra.begin(), extra.end());
  return cols;
}

LedgerCondition Tag(const std::string& kind, const std::string& reason = {}) {
  LedgerCondition c;
  c.tags = {kind};
  c.reason = reason;
  return c;
}

LedgerDef TagLedger(std::string key, std::string department, std::string title, std::string kind,
                    std::string description, std::vector<std::string> extra = {}) {
  LedgerDef d;
  d.key = std::move(key);
  d.department = std::move(department);
  d.title = std::move(title);
  d.description = std::move(description);
  const TagKind* tag = FindTagKind(kind);
  d.filter_text =
      "在册人员，且有效标签“" + (tag ? tag->name : kind) + "”（结束日期为空或不早于今天）";
  d.any_of = {Tag(kind)};
  d.primary_tag = kind;
  extra.push_back("tag_start_date");
  extra.push_back("tag_source");
  d.columns = PersonColumns(std::move(extra));
  return d;
}

std::vector<LedgerDef> MakeLedgers() {
  std::vector<LedgerDef> out;

  LedgerDef over80;
  over80.key = "civil_affairs.over_80";
  over80.department = "民政";
  over80.title = "80岁以上老人";
  over80.description = "高龄津贴发放与高龄老人关爱走访的名单。";
  over80.filter_text = "在册人员，按出生日期计算年满 80 周岁";
  LedgerCondition age80;
  age80.min_age = 80;
  over80.any_of = {age80};
  over80.columns = {"name",  "gender", "birth_date",      "age",      "id_number",
                    "phone", "grid",   "current_address", "relation", "residency_kind"};
  out.push_back(over80);

  out.push_back(TagLedger("civil_affairs.elderly_alone", "民政", "独居老人", "elderly_alone",
                          "独居老人定期探访、紧急呼叫和助餐服务的名单。"));
  out.push_back(TagLedger("civil_affairs.low_income", "民政", "低保户", "low_income",
                          "最低生活保障对象的动态管理名单。"));
  out.push_back(TagLedger("disabled_federation.disabled", "残联", "残疾人", "disabled",
                          "残疾人两项补贴、康复和无障碍改造的服务名单。"));

  LedgerDef children;
  children.key = "health.children_0_6";
  children.department = "卫健";
  children.title = "0–6 岁儿童";
  children.description = "儿童健康管理和预防接种随访的名单。";
  children.filter_text = "在册人员，按出生日期计算 0 至 6 周岁（未满 7 周岁）";
  LedgerCondition age0to6;
  age0to6.min_age = 0;
  age0to6.max_age = 6;
  children.any_of = {age0to6};
  children.columns = {"name", "gender",          "birth_date", "age",   "id_number",
                      "grid", "current_address", "relation",   "phone", "residency_kind"};
  out.push_back(children);

  // An evacuation list names the people who cannot leave on their own when a flood or typhoon
  // warning comes: those with a mobility impairment, the disabled, and the very old who live
  // alone (an 80-year-old living with family is helped by the family, one living alone is not).
  // The department needs where they are, how to reach them, and why they need help.
  LedgerDef evacuation;
  evacuation.key = "emergency.evacuation_assist";
  evacuation.department = "应急";
  evacuation.title = "行动不便需转移人员";
  evacuation.description =
      "防汛防台等紧急转移时需要专人帮扶的人员名单，按网格落实“一对一”转移责任人。";
  evacuation.filter_text =
      "在册人员，且满足其一：有效标签“行动不便”；有效标签“残疾人”；有效标签“独居老人”且年满 80 "
      "周岁";
  LedgerCondition alone80 = Tag("elderly_alone", "80岁以上独居");
  alone80.min_age = 80;
  evacuation.any_of = {Tag("mobility_impaired", "行动不便"), Tag("disabled", "残疾"), alone80};
  evacuation.columns = {"name",     "gender",  "age",      "phone", "grid", "current_address",
                        "relation", "reasons", "id_number"};
  out.push_back(evacuation);

  out.push_back(TagLedger("human_resources.employment_difficulty", "人社", "就业困难人员",
                          "employment_difficulty", "就业援助、公益性岗位安置和社保补贴的名单。",
                          {"education"}));

  LedgerDef rentals;
  rentals.key = "comprehensive.rental_houses";
  rentals.department = "综治";
  rentals.title = "出租房屋与租户";
  rentals.description = "出租房屋和流动人口“以房管人”的名单，每位租户一行。";
  rentals.filter_text = "出租状态为“出租”的房屋中居住的在册人员";
  rentals.subject = LedgerSubject::kRentalTenant;
  rentals.any_of = {LedgerCondition{}};
  rentals.columns = {"house_address", "owner_name", "grid",  "name",           "gender",
                     "age",           "id_number",  "phone", "residency_kind", "hukou_address"};
  out.push_back(rentals);
  return out;
}

std::string Pad4(int year) { return fmt::format("{:04d}", std::max(0, year)); }

}  // namespace

const std::vector<BaseField>& BaseFields() {
  static const std::vector<BaseField> kFields = MakeBaseFields();
  return kFields;
}

const std::vector<LedgerDef>& Ledgers() {
  static const std::vector<LedgerDef> kLedgers = MakeLedgers();
  return kLedgers;
}

const LedgerDef* FindLedger(std::string_view key) {
  for (const auto& l : Ledgers())
    if (l.key == key) return &l;
  return nullptr;
}

const LedgerColumn& ColumnOf(std::string_view key) {
  for (const auto& c : Columns())
    if (c.key == key) return c;
  static const LedgerColumn kUnknown{"", "", {}};
  return kUnknown;
}

std::vector<std::string> LedgerDef::TagKinds() const {
  std::vector<std::string> out;
  for (const auto& c : any_of)
    for (const auto& t : c.tags)
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  if (!primary_tag.empty() && std::find(out.begin(), out.end(), primary_tag) == out.end())
    out.push_back(primary_tag);
  return out;
}

std::vector<std::string> LedgerDef::Fields() const {
  std::set<std::string> used = {"status"};  // every ledger lists active residents only
  for (const auto& c : any_of) {
    if (c.min_age || c.max_age) used.insert("birth_date");
    for (const auto& t : c.tags) used.insert("tags." + t);
  }
  if (subject == LedgerSubject::kRentalTenant) {
    used.insert("house_id");
    used.insert("house.rental_status");
  }
  for (const auto& key : columns) {
    for (const auto& f : ColumnOf(key).fields) used.insert(f);
    if ((key == "tag_start_date" || key == "tag_source") && !primary_tag.empty())
      used.insert("tags." + primary_tag);
    if (key == "reasons")
      for (const auto& t : TagKinds()) used.insert("tags." + t);
  }
  std::vector<std::string> out;
  for (const auto& f : BaseFields())
    if (used.count(f.key)) out.push_back(f.key);
  return out;
}

bool CanReadLedger(const core::auth::Principal& who, const LedgerDef& ledger) {
  if (!who.Has(kLedgerRead)) return false;
  for (const auto& kind : ledger.TagKinds())
    if (!CanUseTag(who, kind)) return false;
  return true;
}

BirthBounds BirthBoundsOf(const LedgerCondition& c, const std::string& today) {
  BirthBounds b;
  if (today.size() != 10) return b;
  int year = std::stoi(today.substr(0, 4));
  std::string month_day = today.substr(4);  // "-MM-DD"
  // At least N full years: born on or before the same day N years ago (N = 0: not in the future).
  if (c.min_age) b.born_on_or_before = Pad4(year - *c.min_age) + month_day;
  // At most M full years: not yet M + 1, so born after the same day M + 1 years ago.
  if (c.max_age) b.born_after = Pad4(year - *c.max_age - 1) + month_day;
  return b;
}

}  // namespace jiceng::people
