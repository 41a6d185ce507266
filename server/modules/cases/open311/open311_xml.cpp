#include "modules/cases/open311/open311_xml.hpp"

#include <cstdint>
#include <cstdio>

namespace jiceng::cases::open311 {

namespace {

// Length of the UTF-8 sequence starting at s[i] and its code point, or 0 if it is not valid
// (overlong forms, surrogates and values above U+10FFFF are not valid).
std::size_t DecodeUtf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t n = 0;
  std::uint32_t min = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  } else if ((b & 0xE0) == 0xC0) {
    n = 2, cp = b & 0x1F, min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3, cp = b & 0x0F, min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4, cp = b & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool AllowedInXml(std::uint32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

void Scalar(std::string& out, const OJson& v) {
  if (v.is_null()) return;
  if (v.is_string()) {
    out += XmlEscape(v.get_ref<const std::string&>());
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number_float()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", v.get<double>());
    out += buf;
  } else {
    out += v.dump();  // integers
  }
}

void Element(std::string& out, std::string_view name, const OJson& v) {
  out += '<';
  out += name;
  if (v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty())) {
    out += "/>";
    return;
  }
  out += '>';
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) Element(out, key, child);
  } else if (v.is_array()) {
    std::string item = XmlItemName(name);
    for (const auto& child : v) Element(out, item, child);
  } else {
    Scalar(out, v);
  }
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t n = DecodeUtf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t n = DecodeUtf8(s, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that does not start valid UTF-8
      ++i;
      continue;
    }
    if (AllowedInXml(cp)) {
      switch (cp) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\r':
          out += "&#13;";
          break;  // kept: a parser would fold a literal CR into LF
        default:
          out.append(s.substr(i, n));
      }
    }
    i += n;
  }
  return out;
}

std::string XmlItemName(std::string_view parent) {
  if (parent == "services") return "service";
  if (parent == "service_requests") return "request";
  if (parent == "attributes") return "attribute";
  if (parent == "values") return "value";
  if (parent == "errors") return "error";
  if (parent == "endpoints") return "endpoint";
  if (parent == "formats") return "format";
  return "item";
}

std::string ToXml(std::string_view root, const OJson& value) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  Element(out, root, value);
  out += '\n';
  return out;
}

}  // namespace jiceng::cases::open311
