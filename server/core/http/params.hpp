// Parsing of common query parameters with specific 400 errors.
#pragma once
#include <string>

#include "core/http/message.hpp"

namespace jiceng::core::http {

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
