#include "core/text/id_number.hpp"

#include <array>

namespace jiceng::core::text {
namespace {

constexpr std::string_view kField = "id_number";

// The oldest birth date accepted. GB 11643's own example 440524188001010014 is born in 1880, so
// the bound is 1880-01-01 rather than 1900-01-01: older dates are almost surely typos.
constexpr std::string_view kEarliestBirthDate = "1880-01-01";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsRealDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  int days = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= days;
}

struct Date {
  int y = 0, m = 0, d = 0;
};

// Parses "YYYY-MM-DD" into a real calendar date.
bool ParseIsoDate(std::string_view s, Date& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) return false;
  out = {ToInt(y), ToInt(m), ToInt(d)};
  return IsRealDate(out.y, out.m, out.d);
}

// Trims ASCII whitespace and the ideographic space (U+3000) that Chinese input methods produce.
std::string_view Trim(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (;;) {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (s.substr(0, 3) == kIdeographicSpace) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

DomainError IdNumberError(std::string code, std::string message) {
  return DomainError::Invalid(std::move(code), std::move(message), std::string(kField));
}

}  // namespace

char IdCheckChar(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  if (first17.size() != 17 || !AllDigits(first17)) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<IdNumberInfo> ParseIdNumber(std::string_view text,
                                   const std::function<bool(std::string_view)>& address_exists,
                                   std::string_view today) {
  std::string id(Trim(text));
  IdNumberInfo info;
  std::string_view yyyymmdd_or_yymmdd;
  int sequence_digit = 0;
  if (id.size() == 18) {
    if (id[17] == 'x') id[17] = 'X';
    if (!AllDigits(std::string_view(id).substr(0, 17)) || !(IsDigit(id[17]) || id[17] == 'X')) {
      return IdNumberError("people.id_number.format",
                           "身份证号码应为18位（最后一位可以是X）或15位数字");
    }
    if (IdCheckChar(std::string_view(id).substr(0, 17)) != id[17]) {
      return IdNumberError("people.id_number.check_digit", "身份证号码校验位不正确，请核对号码");
    }
    info.kind = IdNumberKind::kStandard;
    yyyymmdd_or_yymmdd = std::string_view(id).substr(6, 8);
    sequence_digit = id[16] - '0';
  } else if (id.size() == 15 && AllDigits(id)) {
    info.kind = IdNumberKind::kLegacy15;
    yyyymmdd_or_yymmdd = std::string_view(id).substr(6, 6);
    sequence_digit = id[14] - '0';
  } else {
    return IdNumberError("people.id_number.format",
                         "身份证号码应为18位（最后一位可以是X）或15位数字");
  }

  // First-generation cards were issued from 1984 to people born in the 20th century, so a
  // two-digit year always means 19YY.
  std::string birth = yyyymmdd_or_yymmdd.size() == 6 ? "19" + std::string(yyyymmdd_or_yymmdd)
                                                     : std::string(yyyymmdd_or_yymmdd);
  int y = ToInt(std::string_view(birth).substr(0, 4));
  int m = ToInt(std::string_view(birth).substr(4, 2));
  int d = ToInt(std::string_view(birth).substr(6, 2));
  info.birth_date = birth.substr(0, 4) + "-" + birth.substr(4, 2) + "-" + birth.substr(6, 2);
  if (!IsRealDate(y, m, d)) {
    return IdNumberError("people.id_number.birth_date", "身份证号码中的出生日期不存在");
  }
  // "YYYY-MM-DD" strings order like the dates they name.
  if (info.birth_date < kEarliestBirthDate) {
    return IdNumberError("people.id_number.birth_date", "身份证号码中的出生日期过早，请核对号码");
  }
  if (!today.empty() && info.birth_date > today) {
    return IdNumberError("people.id_number.birth_date", "身份证号码中的出生日期晚于今天");
  }

  info.address_code = id.substr(0, 6);
  if (address_exists && !address_exists(info.address_code)) {
    return IdNumberError("people.id_number.address_code", "身份证号码前6位不是有效的行政区划代码");
  }
  info.male = sequence_digit % 2 == 1;
  info.normalized = std::move(id);
  return info;
}

int AgeOn(std::string_view birth_date, std::string_view today) {
  Date b, t;
  if (!ParseIsoDate(birth_date, b) || !ParseIsoDate(today, t)) return -1;
  int age = t.y - b.y;
  if (t.m < b.m || (t.m == b.m && t.d < b.d)) --age;
  return age < 0 ? -1 : age;
}

}  // namespace jiceng::core::text
