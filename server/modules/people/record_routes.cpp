// What the house, household, unit and visit routes share: paging, body readers, the grid check
// and field history. The routes themselves are in house_routes.cpp, household_routes.cpp,
// unit_routes.cpp and visit_routes.cpp.
#include "modules/people/record_routes.hpp"

#include <algorithm>

#include "core/http/params.hpp"
#include "core/module_names.hpp"

namespace jiceng::people {

core::auth::Scope ListScope(const Request& req) {
  auto narrowed = NarrowScope(req.Who().scope, req.Query("org"));
  return narrowed ? *narrowed : core::auth::Scope();
}

Result<void> CheckGrid(PeopleContext& ctx, const core::auth::Scope& scope, const std::string& code,
                       const std::string& field) {
  if (code.empty()) return DomainError::Invalid("people.grid.required", "请选择所属网格", field);
  bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (code.size() != 15 || !digits || !scope.Covers(code) || !ctx.org_name(code)) {
    return DomainError::Invalid("people.grid.not_found", "所属网格不存在或不在您的管辖范围内",
                                field);
  }
  return {};
}

Result<void> RejectUnknownFields(const Json& body, std::initializer_list<const char*> allowed,
                                 bool with_version) {
  if (!body.is_object()) return DomainError::Invalid("http.bad_json", "请求体应为 JSON 对象");
  for (const auto& item : body.items()) {
    const std::string& key = item.key();  // a named variable: clang 14 cannot capture a binding
    bool known =
        (with_version && key == "version") ||
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (!known) return DomainError::Invalid("people.field.unknown", "未知字段：" + key, key);
  }
  return {};
}

Result<std::optional<std::string>> OptionalText(const Json& body, const char* key,
                                                std::size_t max_chars) {
  auto it = body.find(key);
  if (it == body.end()) return std::optional<std::string>();
  if (it->is_null()) return std::optional<std::string>(std::string());
  if (!it->is_string())
    return DomainError::Invalid("people.field.type", "字段类型错误，应为文字", key);
  const std::string& raw = it->get_ref<const std::string&>();
  std::size_t b = raw.find_first_not_of(" \t\r\n");
  std::string s = b == std::string::npos ? std::string()
                                         : raw.substr(b, raw.find_last_not_of(" \t\r\n") - b + 1);
  if (core::text::Utf8Length(s) > max_chars) {
    return DomainError::Invalid("people.field.too_long",
                                "内容过长（最多 " + std::to_string(max_chars) + " 个字）", key);
  }
  return std::optional<std::string>(std::move(s));
}

Result<std::optional<std::optional<std::int64_t>>> OptionalId(const Json& body, const char* key) {
  using Out = std::optional<std::optional<std::int64_t>>;
  auto it = body.find(key);
  if (it == body.end()) return Out();
  if (it->is_null()) return Out(std::optional<std::int64_t>());
  if (!it->is_number_integer())
    return DomainError::Invalid("people.field.type", "字段类型错误，应为整数", key);
  return Out(std::optional<std::int64_t>(it->get<std::int64_t>()));
}

Result<void> ApplyTextFields(const Json& body, std::initializer_list<TextField> fields) {
  for (const TextField& f : fields) {
    JC_ASSIGN_OR_RETURN(auto value, OptionalText(body, f.key, f.max_chars));
    if (value) *f.target = std::move(*value);
  }
  return {};
}

Result<std::int64_t> RequiredVersion(const Json& body) {
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    return DomainError::Invalid("people.version.required", "请提供记录的版本号（version）",
                                "version");
  }
  return body["version"].get<std::int64_t>();
}

Result<void> CheckNewGrid(PeopleContext& ctx, const core::auth::Scope& scope, const Json& body) {
  if (!body.contains("org_code")) return {};
  JC_ASSIGN_OR_RETURN(auto code, OptionalText(body, "org_code", 20));
  return CheckGrid(ctx, scope, code.value_or(""));
}

Json ChangedFields(const std::vector<FieldChange>& changes) {
  Json fields = Json::array();
  for (const auto& c : changes) fields.push_back(c.field);
  return fields;
}

Response ConflictWithCurrent(const Request& req, const DomainError& e, const Json& current) {
  Response resp = Response::Problem(e, req);
  Json body = Json::parse(resp.body, nullptr, false);
  if (!body.is_discarded()) {
    body["current"] = current;
    resp.body = body.dump();
  }
  return resp;
}

void RegisterRecordRoutes(core::http::Router& router, const RecordRoutes& spec) {
  using core::http::Answering;
  std::string one = spec.path + "/{id}";
  if (spec.list)
    router.Get(spec.path, Answering(spec.list), spec.read_permission, spec.list_summary);
  if (spec.create) {
    router.Post(spec.path,
                Answering(
                    [create = spec.create](Request& req) -> Result<Json> {
                      JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                      return create(req, body);
                    },
                    201),
                spec.write_permission, spec.create_summary);
  }
  if (spec.get) {
    router.Get(one, Answering([spec](Request& req) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(std::int64_t id,
                                     core::http::PathId(req, "id", spec.not_found));
                 return spec.get(req, id);
               }),
               spec.read_permission, spec.get_summary);
  }
  if (spec.update) {
    router.Patch(
        one,
        [spec](Request& req) {
          std::int64_t id = 0;
          auto updated = [&]() -> Result<Json> {
            JC_ASSIGN_OR_RETURN(id, core::http::PathId(req, "id", spec.not_found));
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            return spec.update(req, id, body);
          }();
          if (!updated.ok() && updated.error().code == VersionConflict().code) {
            auto current = (spec.current ? spec.current : spec.get)(req, id);
            if (current.ok()) return ConflictWithCurrent(req, updated.error(), *current);
          }
          return core::http::Answer(req, updated);
        },
        spec.write_permission, spec.update_summary);
  }
}

Json OptionalIdJson(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

Json PageJson(Json items, const std::optional<std::string>& next_cursor) {
  return {{"items", std::move(items)},
          {"next_cursor", next_cursor ? Json(*next_cursor) : Json(nullptr)}};
}

}  // namespace jiceng::people
