// Parsing of common query parameters with specific 400 errors.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/message.hpp"

namespace jiceng::core::http {

// A positive integer path parameter; anything else is `otherwise` (usually a 404: a malformed
// id names nothing).
Result<std::int64_t> PathId(const Request& req, std::string_view name,
                            const DomainError& otherwise);
// An optional integer query parameter: nullopt when absent, 400 http.bad_query "<name> 应为整数"
// when it is not an integer.
Result<std::optional<std::int64_t>> IntQuery(const Request& req, const std::string& name);
// ?limit= (default 50, 1..500).
Result<int> LimitParam(const Request& req, int fallback = 50, int max = 500);
// A required decimal number parameter, within [min, max].
Result<double> NumberParam(const Request& req, const std::string& name, double min, double max);
// An optional integer field of a JSON body.
Result<std::int64_t> IntField(const Json& body, const std::string& name, std::int64_t fallback);
// An optional string field of a JSON body.
Result<std::string> StringField(const Json& body, const std::string& name,
                                std::string fallback = {});

}  // namespace jiceng::core::http
