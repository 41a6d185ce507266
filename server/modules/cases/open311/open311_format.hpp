// Open311 responses: the format a client asked for by the resource's extension (.json / .xml),
// bodies in that format with the spec's content types, and the spec's error format, an array
// of {code, description} (<errors><error><code/><description/></error></errors>).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/http/message.hpp"
#include "modules/cases/open311/open311_xml.hpp"

namespace jiceng::cases::open311 {

enum class Format { kXml, kJson };

// "text/xml; charset=utf-8" or "application/json; charset=utf-8".
const char* ContentType(Format f);

// "E0102.json" → {"E0102", kJson}. nullopt without a known extension.
struct Resource {
  std::string id;
  Format format = Format::kXml;
};
std::optional<Resource> SplitResource(std::string_view segment);

struct Error {
  int code = 400;  // the HTTP status, as the spec suggests for most errors
  std::string description;
};

// An answer that is not the resource: the HTTP status and one or more errors.
struct Failure {
  int status = 400;
  std::vector<Error> errors;

  static Failure Of(int status, std::string description) {
    return {status, {{status, std::move(description)}}};
  }
};

// A value or the failure to answer with.
template <typename T>
using Outcome = std::variant<T, Failure>;

// A W3C datetime (the ISO 8601 subset the spec names): 2010-01-01T00:00:00Z, with an offset
// (+08:00) or a date alone (midnight in Asia/Shanghai, the installation's zone). A '+' of the
// offset that arrived unencoded in a query (and so became a space) is read as '+'.
std::optional<std::int64_t> ParseW3cDatetime(std::string text);
// Epoch ms as 2026-11-26T13:55:20+08:00 (Asia/Shanghai), or null.
OJson W3cDatetime(std::optional<std::int64_t> ms);

// body in the format: XML with `root` as the root element, JSON as it is.
core::http::Response Render(Format f, std::string_view root, const OJson& body, int status = 200);
core::http::Response RenderFailure(Format f, const Failure& failure);

}  // namespace jiceng::cases::open311
