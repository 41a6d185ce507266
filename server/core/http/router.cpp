#include "core/http/router.hpp"

#include <cctype>

namespace jiceng::core::http {

namespace {
std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 1;  // skip the leading '/'
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}
bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
}  // namespace

Handler Answering(JsonHandler fn, int status) {
  return [fn = std::move(fn), status](Request& req) { return Answer(req, fn(req), status); };
}

void Router::Add(RouteSpec spec) {
  if (spec.tag.empty()) spec.tag = tag_;
  segments_.push_back(Split(spec.pattern));
  routes_.push_back(std::move(spec));
}

void Router::Public(std::string method, std::string pattern, Handler h, std::string summary,
                    std::int64_t body_limit_bytes) {
  RouteSpec spec;
  spec.method = std::move(method);
  spec.pattern = std::move(pattern);
  spec.handler = std::move(h);
  spec.access = Access::kPublic;
  spec.summary = std::move(summary);
  spec.body_limit_bytes = body_limit_bytes;
  Add(std::move(spec));
}

#define JC_ROUTE_VERB(Name, VERB)                                                                  \
  void Router::Name(std::string pattern, Handler h, std::string permission, std::string summary) { \
    Add(RouteSpec{VERB,                                                                            \
                  std::move(pattern),                                                              \
                  std::move(h),                                                                    \
                  Access::kAuthenticated,                                                          \
                  std::move(permission),                                                           \
                  std::move(summary),                                                              \
                  {},                                                                              \
                  true});                                                                          \
  }
JC_ROUTE_VERB(Get, "GET")
JC_ROUTE_VERB(Post, "POST")
JC_ROUTE_VERB(Put, "PUT")
JC_ROUTE_VERB(Patch, "PATCH")
JC_ROUTE_VERB(Delete, "DELETE")
#undef JC_ROUTE_VERB

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match best;
  std::vector<std::string> parts = Split(path);
  int best_literals = -1;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const auto& segs = segments_[r];
    if (segs.size() != parts.size()) continue;
    std::unordered_map<std::string, std::string> params;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      if (IsParam(segs[i])) {
        if (parts[i].empty())
          ok = false;
        else
          params[segs[i].substr(1, segs[i].size() - 2)] = parts[i];
      } else if (segs[i] == parts[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    // HEAD is served by GET routes.
    bool method_ok =
        routes_[r].method == method || (method == "HEAD" && routes_[r].method == "GET");
    if (!method_ok) {
      best.path_matched = true;
      continue;
    }
    // Literal segments beat parameters: /grids/locate wins over /grids/{code}.
    if (literals > best_literals) {
      best_literals = literals;
      best.route = &routes_[r];
      best.params = std::move(params);
    }
  }
  return best;
}

Json Router::OpenApi(const std::string& version) const {
  Json paths = Json::object();
  for (const auto& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json op = {{"summary", r.summary.empty() ? r.pattern : r.summary},
               {"tags", Json::array({r.tag.empty() ? "core" : r.tag})},
               {"responses",
                {{"200", {{"description", "OK"}}},
                 {"default",
                  {{"description", "problem+json error"},
                   {"content",
                    {{"application/problem+json",
                      {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}}}}};
    if (r.access == Access::kPublic) {
      op["security"] = Json::array();
    } else if (!r.permission.empty()) {
      op["x-permission"] = r.permission;
    }
    Json params = Json::array();
    for (const auto& seg : Split(r.pattern)) {
      if (IsParam(seg)) {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
      }
    }
    if (!params.empty()) op["parameters"] = params;
    paths[r.pattern][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Jiceng 基层治理平台 API"}, {"version", version}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
              {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "jiceng_session"}}}}},
            {"schemas",
             {{"Problem",
               {{"type", "object"},
                {"properties",
                 {{"status", {{"type", "integer"}}},
                  {"code", {{"type", "string"}}},
                  {"title", {{"type", "string"}}},
                  {"detail", {{"type", "string"}}},
                  {"field", {{"type", "string"}}}}}}}}}}},
          {"security", Json::array({{{"bearer", Json::array()}}, {{"cookie", Json::array()}}})}};
}

}  // namespace jiceng::core::http
