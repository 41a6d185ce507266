// Request and response as modules see them: plain structs, no Beast types.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/auth/principal.hpp"
#include "core/result.hpp"

namespace jiceng::core::http {

using Json = nlohmann::json;

enum class Lang { kZhCN, kZhTW, kEn };

class EventStream;  // core/http/event_stream.hpp

struct Request {
  std::string method;                                    // "GET"
  std::string target;                                    // raw target with query
  std::string path;                                      // decoded path without query
  std::unordered_map<std::string, std::string> query;    // decoded
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::unordered_map<std::string, std::string> params;   // path parameters from the route
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::string route;  // the matched pattern, for metrics and audit
  Lang lang = Lang::kZhCN;
  std::optional<auth::Principal> principal;  // set for authenticated routes

  std::string Header(std::string_view name) const;
  std::string Query(std::string_view name, std::string fallback = {}) const;
  std::string Param(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
  // The principal of an authenticated route (the router guarantees it is set).
  const auth::Principal& Who() const { return *principal; }
  // Parses the body as a JSON object or returns a 400 problem.
  Result<Json> JsonBody() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by StreamResponse (event_stream.hpp): the body is a server-sent event stream.
  std::shared_ptr<EventStream> stream;

  static Response Ok(const Json& j, int status = 200);
  static Response NoContent();
  static Response Text(std::string body, std::string content_type, int status = 200);
  // application/problem+json from a domain error, localized by the request's language.
  static Response Problem(const DomainError& e, const Request& req);
  static Response Problem(int status, std::string code, std::string title_zh, const Request& req,
                          std::string field = {});
};

int StatusOf(ErrorKind kind);
Lang ParseAcceptLanguage(std::string_view header);
std::string UrlDecode(std::string_view s);
// Content-Disposition for a UTF-8 file name: filename*=UTF-8''... (RFC 6266, RFC 5987), which
// every current browser uses, and ascii_fallback (its safe characters) for clients that do not.
std::string AttachmentDisposition(std::string_view filename, std::string_view ascii_fallback);
std::unordered_map<std::string, std::string> ParseQuery(std::string_view qs);

// The one place a handler's result becomes an answer: the value as JSON with the given status,
// an error as its problem+json (localized by the request's language).
Response Answer(const Request& req, const Result<Json>& r, int status = 200);
// The same for handlers whose value is a whole response (files, streams).
Response Answer(const Request& req, Result<Response> r);

// Shorthand for handlers: turn a Result into a Response.
template <typename T, typename F>
Response Respond(const Request& req, Result<T> r, F&& to_json) {
  if (!r.ok()) return Answer(req, Result<Json>(r.error()));
  return Answer(req, Result<Json>(Json(to_json(r.value()))));
}

}  // namespace jiceng::core::http
