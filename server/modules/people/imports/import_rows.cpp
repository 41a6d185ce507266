#include "modules/people/imports/import_rows.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/module_names.hpp"
#include "core/text/id_number.hpp"
#include "core/time/civil.hpp"
#include "modules/people/codes.hpp"

namespace jiceng::people {

namespace {

constexpr std::array<const char*, kImportColumnCount> kHeaders = {
    "姓名",     "性别",     "出生日期", "民族",       "证件类型", "证件号码", "联系电话",
    "网格编码", "户籍地址", "现住地址", "人口类别",   "文化程度", "政治面貌", "婚姻状况",
    "职业",     "工作单位", "户号",     "与户主关系", "房屋地址", "备注"};

constexpr std::array<ImportColumn, 3> kRequired = {ImportColumn::kName, ImportColumn::kIdNumber,
                                                   ImportColumn::kGrid};

std::size_t Index(ImportColumn c) { return static_cast<std::size_t>(c); }

// Spreadsheet cells often carry stray spaces (including the full-width one) and a BOM.
std::string Trim(std::string_view s) {
  auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
  auto ends = [&](std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
  };
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (starts("\xEF\xBB\xBF") || starts("\xE3\x80\x80"))
      s.remove_prefix(3), changed = true;
    else if (ends("\xE3\x80\x80"))
      s.remove_suffix(3), changed = true;
    else if (std::isspace(static_cast<unsigned char>(s.front())))
      s.remove_prefix(1), changed = true;
    else if (std::isspace(static_cast<unsigned char>(s.back())))
      s.remove_suffix(1), changed = true;
  }
  return std::string(s);
}

// A header as people type it: "证件号码*" or "证件号码（必填）" still means 证件号码.
std::string HeaderKey(std::string_view cell) {
  std::string h = Trim(cell);
  for (std::string_view suffix : {"*", "（必填）", "(必填)", "＊"}) {
    if (h.size() > suffix.size() &&
        std::string_view(h).substr(h.size() - suffix.size()) == suffix) {
      h = Trim(std::string_view(h).substr(0, h.size() - suffix.size()));
    }
  }
  return h;
}

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Pad2(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

// A code column: the code or its Chinese name; an unknown value is kept so that validation
// reports people.code.unknown with the value the user typed.
std::string Code(const CodeTable& table, const std::string& cell) {
  if (cell.empty()) return cell;
  if (auto code = table.Resolve(cell)) return *code;
  return cell;
}

}  // namespace

const std::array<const char*, kImportColumnCount>& ImportHeaders() { return kHeaders; }

std::vector<std::string> ImportExampleRow() {
  std::string first17 = "33068119500302123";  // 诸暨市, born 1950-03-02, odd sequence: male
  std::string id = first17 + core::text::IdCheckChar(first17);
  return {"张三",
          "男",
          "1950-03-02",
          "汉族",
          "居民身份证",
          id,
          "13857512345",
          "330681109290001",
          "浙江省诸暨市枫桥镇枫源村",
          "浙江省诸暨市枫桥镇枫源村1幢1单元101室",
          "户籍人口",
          "",
          "群众",
          "已婚",
          "农民",
          "",
          "H0001",
          "户主",
          "1幢1单元101室",
          ""};
}

core::Result<ImportHeader> MapImportHeader(const std::vector<std::string>& cells) {
  ImportHeader h;
  h.index.fill(-1);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string key = HeaderKey(cells[i]);
    for (std::size_t c = 0; c < kImportColumnCount; ++c) {
      if (key == kHeaders[c] && h.index[c] < 0) h.index[c] = static_cast<int>(i);
    }
  }
  std::string missing;
  for (ImportColumn c : kRequired) {
    if (h.index[Index(c)] < 0)
      missing += (missing.empty() ? "" : "、") + std::string(kHeaders[Index(c)]);
  }
  if (!missing.empty()) {
    auto e = DomainError::Invalid("import.file.columns",
                                  "缺少必需的列：" + missing + "（请使用导入模板）");
    e.detail = missing;
    return e;
  }
  return h;
}

bool BlankRow(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    if (!Trim(c).empty()) return false;
  return true;
}

std::string ImportColumnOfField(std::string_view field) {
  static const std::array<std::pair<const char*, ImportColumn>, 19> kFields = {{
      {"name", ImportColumn::kName},
      {"gender", ImportColumn::kGender},
      {"birth_date", ImportColumn::kBirthDate},
      {"ethnicity", ImportColumn::kEthnicity},
      {"id_type", ImportColumn::kIdType},
      {"id_number", ImportColumn::kIdNumber},
      {"phone", ImportColumn::kPhone},
      {"org_code", ImportColumn::kGrid},
      {"hukou_address", ImportColumn::kHukouAddress},
      {"current_address", ImportColumn::kCurrentAddress},
      {"residency_kind", ImportColumn::kResidencyKind},
      {"education", ImportColumn::kEducation},
      {"political_status", ImportColumn::kPoliticalStatus},
      {"marital_status", ImportColumn::kMaritalStatus},
      {"occupation", ImportColumn::kOccupation},
      {"employer", ImportColumn::kEmployer},
      {"household_number", ImportColumn::kHouseholdNumber},
      {"relation", ImportColumn::kRelation},
      {"notes", ImportColumn::kNotes},
  }};
  for (const auto& [f, c] : kFields)
    if (field == f) return kHeaders[Index(c)];
  if (field == "house_address") return kHeaders[Index(ImportColumn::kHouseAddress)];
  return std::string(field);
}

std::string NormalizeImportDate(std::string_view text) {
  std::string t = Trim(text);
  if (t.empty()) return t;
  // An Excel date serial (days since 1899-12-30) as an xlsx reader may hand it over.
  if (Digits(t) && t.size() >= 4 && t.size() <= 5) {
    long serial = std::stol(t);
    if (serial > 0) return core::time::FormatDate(serial - 25569);
  }
  if (Digits(t) && t.size() == 8)
    return t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2);
  // Y-M-D with -, / or . and one- or two-digit month and day; a time part is dropped.
  std::string s = t.substr(0, t.find(' '));
  int parts[3] = {0, 0, 0};
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    std::size_t end = pos;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    if (end == pos) return t;
    std::from_chars(s.data() + pos, s.data() + end, parts[i]);
    if ((i == 0 && end - pos != 4) || (i > 0 && end - pos > 2)) return t;
    if (i < 2) {
      if (end >= s.size() || (s[end] != '-' && s[end] != '/' && s[end] != '.')) return t;
      pos = end + 1;
    } else if (end != s.size()) {
      return t;
    }
  }
  return std::to_string(parts[0]) + "-" + Pad2(parts[1]) + "-" + Pad2(parts[2]);
}

ImportRow ParseImportRow(const ImportHeader& header, std::int64_t row_number,
                         const std::vector<std::string>& cells, const ValidationContext& validation,
                         std::vector<ImportError>& errors) {
  auto cell = [&](ImportColumn c) -> std::string {
    int i = header.index[Index(c)];
    if (i < 0 || static_cast<std::size_t>(i) >= cells.size()) return {};
    return Trim(cells[static_cast<std::size_t>(i)]);
  };
  ImportRow out;
  out.row = row_number;
  Resident& r = out.resident;
  r.name = cell(ImportColumn::kName);
  r.gender = Code(Genders(), cell(ImportColumn::kGender));
  r.birth_date = NormalizeImportDate(cell(ImportColumn::kBirthDate));
  r.ethnicity = Code(Ethnicities(), cell(ImportColumn::kEthnicity));
  r.id_type = Code(IdTypes(), cell(ImportColumn::kIdType));
  r.id_number = cell(ImportColumn::kIdNumber);
  r.phone = cell(ImportColumn::kPhone);
  r.org_code = cell(ImportColumn::kGrid);
  r.hukou_address = cell(ImportColumn::kHukouAddress);
  r.current_address = cell(ImportColumn::kCurrentAddress);
  r.residency_kind = Code(ResidencyKinds(), cell(ImportColumn::kResidencyKind));
  r.education = Code(Educations(), cell(ImportColumn::kEducation));
  r.political_status = Code(PoliticalStatuses(), cell(ImportColumn::kPoliticalStatus));
  r.marital_status = Code(MaritalStatuses(), cell(ImportColumn::kMaritalStatus));
  r.occupation = cell(ImportColumn::kOccupation);
  r.employer = cell(ImportColumn::kEmployer);
  r.relation = Code(Relations(), cell(ImportColumn::kRelation));
  r.notes = cell(ImportColumn::kNotes);
  out.household_number = cell(ImportColumn::kHouseholdNumber);
  out.house_address = cell(ImportColumn::kHouseAddress);

  for (auto& e : ValidateResident(r, validation)) {
    errors.push_back(
        {row_number, ImportColumnOfField(e.field), std::move(e.code), std::move(e.message)});
  }
  if (!r.relation.empty() && out.household_number.empty()) {
    errors.push_back({row_number, kHeaders[Index(ImportColumn::kHouseholdNumber)],
                      "people.household.required", "填写了与户主关系时请同时填写户号"});
  }
  if (out.household_number.size() > 64) {
    errors.push_back({row_number, kHeaders[Index(ImportColumn::kHouseholdNumber)],
                      "people.field.too_long", "户号过长（最多 64 个字符）"});
  }
  if (out.house_address.size() > 600) {
    errors.push_back({row_number, kHeaders[Index(ImportColumn::kHouseAddress)],
                      "people.field.too_long", "房屋地址过长（最多 200 个字）"});
  }
  return out;
}

}  // namespace jiceng::people
