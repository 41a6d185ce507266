#include "modules/cases/open311/open311_xml.hpp"

#include <cstdio>

#include "core/text/markup.hpp"

namespace jiceng::cases::open311 {

namespace {

void Scalar(std::string& out, const OJson& v) {
  if (v.is_null()) return;
  if (v.is_string()) {
    out += core::text::EscapeMarkup(v.get_ref<const std::string&>());
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
