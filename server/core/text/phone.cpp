#include "core/text/phone.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/text/utf8.hpp"

namespace jiceng::core::text {
namespace {

DomainError FormatError() {
  return DomainError::Invalid(
      "people.phone.format",
      "电话号码格式不正确：手机号为11位数字，座机请带区号（如0575-87654321）", "phone");
}

bool IsSeparator(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '-':
    case '(':
    case ')':
    case 0x3000:  // ideographic space
    case 0xFF0D:  // full-width hyphen-minus
    case 0xFF08:  // full-width parentheses
    case 0xFF09:
    case 0x2010:  // hyphen, non-breaking hyphen, figure dash, en dash, em dash
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
      return true;
    default:
      return false;
  }
}

bool IsMobile(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// The digits of the input split where separators were, plus what followed "转".
struct Tokens {
  std::vector<std::string> groups;
  std::string digits;  // the groups joined
  std::string extension;
  bool has_extension_marker = false;
  bool plus = false;
};

bool Tokenize(std::string_view text, Tokens& out) {
  std::string current;
  const auto close_group = [&] {
    if (current.empty()) return;
    out.digits += current;
    out.groups.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::optional<char32_t> decoded = NextCodePoint(text, i);
    if (!decoded) return false;
    char32_t c = *decoded;
    if (c >= 0xFF10 && c <= 0xFF19) c = '0' + (c - 0xFF10);  // full-width digits
    if (c == 0xFF0B) c = '+';
    if (c >= '0' && c <= '9') {
      (out.has_extension_marker ? out.extension : current) += static_cast<char>(c);
    } else if (IsSeparator(c)) {
      if (!out.has_extension_marker) close_group();
    } else if (c == '+') {
      if (out.plus || !current.empty() || !out.groups.empty() || out.has_extension_marker) {
        return false;
      }
      out.plus = true;
    } else if (c == 0x8F6C) {  // 转 ("transfer to"), how extensions are written in Chinese
      if (out.has_extension_marker) return false;
      close_group();
      out.has_extension_marker = true;
    } else {
      return false;
    }
  }
  close_group();
  return true;
}

}  // namespace

Result<std::string> NormalizePhone(std::string_view text) {
  Tokens t;
  if (!Tokenize(text, t) || t.digits.empty()) return FormatError();
  if (t.has_extension_marker && (t.extension.empty() || t.extension.size() > 6)) {
    return FormatError();
  }

  std::string_view d = t.digits;
  bool international = false;
  if (t.plus) {
    if (d.substr(0, 2) != "86") return FormatError();  // only mainland numbers are handled
    d.remove_prefix(2);
    international = true;
  } else if (d.substr(0, 4) == "0086") {
    d.remove_prefix(4);
    international = true;
  } else if (d.size() == 13 && d.substr(0, 2) == "86" && IsMobile(d.substr(2))) {
    d.remove_prefix(2);
  }

  if (IsMobile(d)) {
    if (t.has_extension_marker) return FormatError();
    return std::string(d);
  }

  // International notation drops the trunk prefix 0 of the area code (+86 575 ...).
  std::string national =
      international && !d.empty() && d[0] != '0' ? "0" + std::string(d) : std::string(d);
  std::string_view n = national;

  if (!international && (n.substr(0, 3) == "400" || n.substr(0, 3) == "800")) {
    std::string extension = t.extension;
    std::string_view number = n;
    // "400-123-4567-89", the stored form of "4001234567转89": the extension is the last group.
    if (!t.has_extension_marker && n.size() > 10 && t.groups.size() >= 2 &&
        t.groups.back().size() == n.size() - 10 && t.groups.back().size() <= 6) {
      extension = t.groups.back();
      number = n.substr(0, 10);
    }
    if (number.size() == 10) {
      std::string out = std::string(number.substr(0, 3)) + "-" + std::string(number.substr(3, 3)) +
                        "-" + std::string(number.substr(6));
      if (!extension.empty()) out += "-" + extension;
      return out;
    }
  }
  if (!international && n.substr(0, 2) == "95" && n.size() >= 5 && n.size() <= 8 &&
      !t.has_extension_marker) {
    return std::string(n);
  }

  if (n.size() < 3 || n[0] != '0') return FormatError();
  // Area codes are 010 and 020–029 (two digits after the 0) or 0 + three digits elsewhere;
  // 00 is the international prefix and 01x other than 010 does not exist.
  size_t area_len = 0;
  if (n[1] == '1') {
    if (n[2] != '0') return FormatError();
    area_len = 3;
  } else if (n[1] == '2') {
    area_len = 3;
  } else if (n[1] >= '3' && n[1] <= '9') {
    area_len = 4;
  } else {
    return FormatError();
  }
  std::string_view area = n.substr(0, std::min(area_len, n.size()));
  std::string_view local = n.size() > area_len ? n.substr(area_len) : std::string_view();
  std::string extension = t.extension;
  if (!t.has_extension_marker && t.groups.size() >= 3 && t.groups.back().size() <= 6 &&
      t.groups.front() == area) {
    // "0575-8765432-1", the stored form of "0575-8765432转1": area, local, extension. Read by
    // its groups, or it would come back as the 8-digit local number 87654321.
    std::string middle;
    for (std::size_t i = 1; i + 1 < t.groups.size(); ++i) middle += t.groups[i];
    if (middle.size() >= 7 && middle.size() <= 8) {
      extension = t.groups.back();
      local = local.substr(0, middle.size());
    }
  }
  if (!t.has_extension_marker && extension.empty() && (local.size() < 7 || local.size() > 8) &&
      t.groups.size() >= 2) {
    // "0575-87654321-123": without 转 the extension is the last dash-separated group.
    const std::string& last = t.groups.back();
    if (last.size() <= 6 && last.size() < local.size()) {
      size_t rest = local.size() - last.size();
      if (rest >= 7 && rest <= 8) {
        extension = last;
        local = local.substr(0, rest);
      }
    }
  }
  // Local numbers start with 2–9: 0 is the trunk prefix and 1 starts short service numbers.
  if (local.size() < 7 || local.size() > 8 || local[0] < '2') return FormatError();
  std::string out = std::string(area) + "-" + std::string(local);
  if (!extension.empty()) out += "-" + extension;
  return out;
}

}  // namespace jiceng::core::text
