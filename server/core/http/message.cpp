#include "core/http/message.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "core/http/error_titles.hpp"
#include "core/text/chinese.hpp"

namespace jiceng::core::http {

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(std::string_view name, std::string fallback) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? fallback : it->second;
}

std::string Request::Param(std::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  std::string all = Header("cookie");
  std::size_t pos = 0;
  while (pos < all.size()) {
    while (pos < all.size() && (all[pos] == ' ' || all[pos] == ';')) ++pos;
    std::size_t eq = all.find('=', pos);
    std::size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    if (eq != std::string::npos && eq < end &&
        std::string_view(all).substr(pos, eq - pos) == name) {
      return all.substr(eq + 1, end - eq - 1);
    }
    pos = end + 1;
  }
  return {};
}

Result<Json> Request::JsonBody() const {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return DomainError::Invalid("http.bad_json", "请求体不是有效的 JSON 对象", "body");
  }
  return j;
}

Response Response::Ok(const Json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

int StatusOf(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid:
      return 422;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

namespace {

// What a 500 says: nothing of what went wrong (a driver's message names tables, columns and SQL;
// an exception or a file error names paths), only the request id to find it in the log.
DomainError Internal(const DomainError& e, const Request& req) {
  spdlog::error("request {} {} {} answered 500: {} {}{}{}", req.request_id, req.method, req.route,
                e.code, e.message, e.detail.empty() ? "" : ": ", e.detail);
  return DomainError::Internal(
      "server.internal", "服务器内部错误，请稍后再试；如需帮助，请提供请求编号 " + req.request_id);
}

Response ProblemWithStatus(const DomainError& original, int status, const Request& req) {
  const DomainError& e = status == 500 ? Internal(original, req) : original;
  std::string title = e.message;
  if (req.lang == Lang::kEn) {
    title = EnglishTitle(e.code, status);
  } else if (req.lang == Lang::kZhTW) {
    title = text::ToTraditional(e.message);
  }
  Json j = {{"type", "about:blank"}, {"status", status}, {"code", e.code}, {"title", title}};
  // A database driver's detail names tables, columns and constraints: logged, never answered.
  const bool internal_detail = e.kind == ErrorKind::kInternal || e.code.rfind("db.", 0) == 0;
  if (!e.detail.empty() && !internal_detail) j["detail"] = e.detail;
  if (!e.detail.empty() && internal_detail && status != 500) {
    spdlog::info("request {} answered {} {}: {}", req.request_id, status, e.code, e.detail);
  }
  if (!e.field.empty()) j["field"] = e.field;
  if (!req.request_id.empty()) j["request_id"] = req.request_id;
  Response r = Response::Ok(j, status);
  r.content_type = "application/problem+json; charset=utf-8";
  return r;
}
}  // namespace

Response Response::Problem(const DomainError& e, const Request& req) {
  int status = StatusOf(e.kind);
  // Malformed requests (not JSON, bad query syntax) are 400; valid syntax with bad values 422.
  if (e.code.rfind("http.", 0) == 0 && e.kind == ErrorKind::kInvalid) status = 400;
  return ProblemWithStatus(e, status, req);
}

Response Response::Problem(int status, std::string code, std::string title_zh, const Request& req,
                           std::string field) {
  ErrorKind kind = status >= 500 ? ErrorKind::kInternal : ErrorKind::kInvalid;
  return ProblemWithStatus(
      DomainError{kind, std::move(code), std::move(title_zh), std::move(field), {}}, status, req);
}

Lang ParseAcceptLanguage(std::string_view header) {
  // The first listed language decides; q-values are rarely used by browsers for the first entry.
  std::string first;
  for (char c : header) {
    if (c == ',' || c == ';') break;
    if (c != ' ') first.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (first.rfind("en", 0) == 0) return Lang::kEn;
  if (first == "zh-tw" || first == "zh-hk" || first == "zh-hant" ||
      first.rfind("zh-hant", 0) == 0) {
    return Lang::kZhTW;
  }
  return Lang::kZhCN;
}

std::string AttachmentDisposition(std::string_view filename, std::string_view ascii_fallback) {
  std::string ascii;
  for (unsigned char c : ascii_fallback)
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') ascii += static_cast<char>(c);
  if (ascii.empty()) ascii = "export.xlsx";
  // Everything but RFC 5987 attr-chars is percent-encoded.
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : filename) {
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::unordered_map<std::string, std::string> ParseQuery(std::string_view qs) {
  std::unordered_map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos <= qs.size()) {
    std::size_t amp = qs.find('&', pos);
    if (amp == std::string_view::npos) amp = qs.size();
    std::string_view pair = qs.substr(pos, amp - pos);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string key = UrlDecode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
      out.emplace(std::move(key), std::move(value));
    }
    pos = amp + 1;
  }
  return out;
}

Response Answer(const Request& req, const Result<Json>& r, int status) {
  if (!r.ok()) return Response::Problem(r.error(), req);
  return Response::Ok(r.value(), status);
}

Response Answer(const Request& req, Result<Response> r) {
  if (!r.ok()) return Response::Problem(r.error(), req);
  return std::move(r).value();
}

}  // namespace jiceng::core::http
