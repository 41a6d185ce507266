#include "modules/cases/open311/open311_format.hpp"

#include <cctype>

#include "core/audit/audit_log.hpp"
#include "core/time/clock.hpp"

namespace jiceng::cases::open311 {

const char* ContentType(Format f) {
  return f == Format::kJson ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

std::optional<Resource> SplitResource(std::string_view segment) {
  std::size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view ext = segment.substr(dot + 1);
  Resource r;
  r.id = std::string(segment.substr(0, dot));
  if (ext == "json") {
    r.format = Format::kJson;
  } else if (ext == "xml") {
    r.format = Format::kXml;
  } else {
    return std::nullopt;
  }
  return r;
}

std::optional<std::int64_t> ParseW3cDatetime(std::string text) {
  if (text.size() < 10 || text.find_first_not_of("0123456789") == std::string::npos)
    return std::nullopt;
  std::size_t sp = text.rfind(' ');
  if (sp != std::string::npos && sp > 10 && text.size() == sp + 6 && text[sp + 3] == ':')
    text[sp] = '+';
  return core::audit::ParseTimeParam(text);
}

OJson W3cDatetime(std::optional<std::int64_t> ms) {
  if (!ms) return nullptr;
  return core::time::FormatShanghai(*ms);
}

core::http::Response Render(Format f, std::string_view root, const OJson& body, int status) {
  core::http::Response r;
  r.status = status;
  r.content_type = ContentType(f);
  if (f == Format::kJson) {
    // Invalid UTF-8 in stored text must not turn an answer into an exception.
    r.body = body.dump(-1, ' ', false, OJson::error_handler_t::replace);
  } else {
    r.body = ToXml(root, body);
  }
  // The answers are public data for any client, including web pages of other origins.
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

core::http::Response RenderFailure(Format f, const Failure& failure) {
  OJson errors = OJson::array();
  for (const auto& e : failure.errors)
    errors.push_back({{"code", e.code}, {"description", e.description}});
  return Render(f, "errors", errors, failure.status);
}

}  // namespace jiceng::cases::open311
