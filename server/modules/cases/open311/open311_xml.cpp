#include "modules/cases/open311/open311_xml.hpp"

#include <cstdio>
#include <optional>

#include "core/text/utf8.hpp"

namespace jiceng::cases::open311 {

namespace {

bool AllowedInXml(char32_t cp) {
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

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    std::optional<char32_t> cp = core::text::NextCodePoint(s, i);
    if (!cp) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that does not start valid UTF-8
      continue;
    }
    if (AllowedInXml(*cp)) {
      switch (*cp) {
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
          out.append(s.substr(start, i - start));
      }
    }
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
