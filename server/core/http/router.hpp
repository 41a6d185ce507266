// Routes with path parameters ({code}) and their access rules. The server checks access before
// calling a handler: public routes need nothing; others need a principal (401) and, if given,
// a permission (403).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/http/message.hpp"

namespace jiceng::core::http {

using Handler = std::function<Response(Request&)>;
// A handler that returns its result; Answering() turns it into a Handler.
using JsonHandler = std::function<Result<Json>(Request&)>;

// A Handler answering fn's value with status, or its error as problem+json (see Answer).
Handler Answering(JsonHandler fn, int status = 200);

enum class Access { kPublic, kAuthenticated };

struct RouteSpec {
  std::string method;
  std::string pattern;  // "/api/v1/orgs/{code}/children"
  Handler handler;
  Access access = Access::kAuthenticated;
  std::string permission;  // required permission, empty = any authenticated user
  std::string summary;     // for the OpenAPI document
  std::string tag;         // module name
  bool blocking = true;    // runs on the worker pool (may touch the database)
  // Largest request body this route takes; 0 = the server's body_limit_bytes. File uploads
  // (resident imports) need more than the JSON routes should ever accept.
  std::int64_t body_limit_bytes = 0;
};

class Router {
 public:
  void Add(RouteSpec spec);
  // Convenience for the common case.
  void Get(std::string pattern, Handler h, std::string permission = {}, std::string summary = {});
  void Post(std::string pattern, Handler h, std::string permission = {}, std::string summary = {});
  void Put(std::string pattern, Handler h, std::string permission = {}, std::string summary = {});
  void Patch(std::string pattern, Handler h, std::string permission = {}, std::string summary = {});
  void Delete(std::string pattern, Handler h, std::string permission = {},
              std::string summary = {});
  // A route open to anyone (no session, no permission); body_limit_bytes as in RouteSpec.
  void Public(std::string method, std::string pattern, Handler h, std::string summary,
              std::int64_t body_limit_bytes = 0);
  void SetTag(std::string tag) { tag_ = std::move(tag); }

  struct Match {
    const RouteSpec* route = nullptr;
    bool path_matched = false;  // path exists with another method -> 405
    std::unordered_map<std::string, std::string> params;
  };
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<RouteSpec>& routes() const { return routes_; }

  // OpenAPI 3.0 description of every route.
  Json OpenApi(const std::string& version) const;

 private:
  std::vector<RouteSpec> routes_;
  std::vector<std::vector<std::string>> segments_;
  std::string tag_;
};

}  // namespace jiceng::core::http
