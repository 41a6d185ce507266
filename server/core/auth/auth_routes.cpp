// HTTP binding of docs/api.md "Auth, users, roles": parse, call AuthService, answer JSON.
// Passwords are read from the body and passed on; they are never logged or echoed.
#include <algorithm>
#include <charconv>
#include <memory>

#include "core/auth/auth_internal.hpp"
#include "core/auth/auth_service.hpp"
#include "core/auth/permissions.hpp"
#include "core/http/params.hpp"

namespace jiceng::core::auth {

using http::Json;
using http::Request;
using http::Response;

class AuthRoutes : public std::enable_shared_from_this<AuthRoutes> {
 public:
  explicit AuthRoutes(AuthService& auth) : auth_(auth) {}

  void Register(http::Router& router);

 private:
  Response Login(Request& req);
  Response Logout(Request& req);
  Response Me(Request& req);
  Response ChangePassword(Request& req);
  Response ListUsers(Request& req);
  Response CreateUser(Request& req);
  Response GetUser(Request& req);
  Response UpdateUser(Request& req);
  Response ResetPassword(Request& req);
  Response Unlock(Request& req);
  Response ListLogins(Request& req);
  Response BeginTotp(Request& req);
  Response ConfirmTotp(Request& req);
  Response ResetTotp(Request& req);
  Response SetAdminRole(Request& req);

  Json User(const Request& req, const UserRecord& u) const {
    const Principal& who = req.Who();
    return UserJson(u, auth_.OrgName(u.org_code), who.user_id == u.id || who.Has("user.write"));
  }

  AuthService& auth_;
};

namespace {

RequestInfo InfoOf(const Request& req) { return {req.request_id, req.remote_address}; }

Result<std::int64_t> IdParam(const Request& req) {
  std::string text = req.Param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return DomainError::NotFound("user.not_found", "用户不存在");
  }
  return id;
}

// A string member of a JSON body; absent -> "", wrong type -> error naming the field.
Result<std::string> StringField(const Json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) {
      return DomainError::Invalid("http.bad_field", std::string("缺少字段 ") + name, name);
    }
    return std::string();
  }
  if (!it->is_string()) {
    return DomainError::Invalid("http.bad_field", std::string("字段 ") + name + " 应为文本", name);
  }
  return it->get<std::string>();
}

Result<std::vector<std::string>> RolesField(const Json& body) {
  auto it = body.find("roles");
  if (it == body.end() || !it->is_array()) {
    return DomainError::Invalid("http.bad_field", "roles 须为角色代码数组", "roles");
  }
  std::vector<std::string> roles;
  for (const auto& r : *it) {
    if (!r.is_string())
      return DomainError::Invalid("http.bad_field", "角色代码须为字符串", "roles");
    roles.push_back(r.get<std::string>());
  }
  return roles;
}

std::string Cookie(const std::string& name, const std::string& value, bool http_only, bool secure,
                   bool clear) {
  std::string c =
      name + "=" + value + (http_only ? "; HttpOnly" : "") + "; SameSite=Strict; Path=/";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

Response Fail(const DomainError& e, const Request& req) { return Response::Problem(e, req); }

}  // namespace

void AuthRoutes::Register(http::Router& router) {
  // Every handler holds a reference to this object, so it lives as long as the router.
  auto self = shared_from_this();
  router.SetTag("auth");
  http::RouteSpec login;
  login.method = "POST";
  login.pattern = "/api/v1/auth/login";
  login.handler = [self](Request& req) { return self->Login(req); };
  login.access = http::Access::kPublic;
  // A name, a password and a code: anything bigger is refused unread, before the rate limit.
  login.body_limit_bytes = 4 * 1024;
  login.summary = "登录";
  login.tag = "auth";
  router.Add(std::move(login));

  router.Post(
      "/api/v1/auth/logout", [self](Request& r) { return self->Logout(r); }, "", "退出登录");
  router.Get(
      "/api/v1/auth/me", [self](Request& r) { return self->Me(r); }, "", "当前用户");
  router.Post(
      "/api/v1/auth/password", [self](Request& r) { return self->ChangePassword(r); }, "",
      "修改本人密码");
  router.Get(
      "/api/v1/users", [self](Request& r) { return self->ListUsers(r); }, "user.read", "用户列表");
  router.Post(
      "/api/v1/users", [self](Request& r) { return self->CreateUser(r); }, "user.write",
      "创建用户");
  router.Get(
      "/api/v1/users/{id}", [self](Request& r) { return self->GetUser(r); }, "user.read",
      "用户详情");
  router.Patch(
      "/api/v1/users/{id}", [self](Request& r) { return self->UpdateUser(r); }, "user.write",
      "修改用户");
  router.Post(
      "/api/v1/users/{id}/password", [self](Request& r) { return self->ResetPassword(r); },
      "security.password.reset", "重置用户密码");
  router.Post(
      "/api/v1/users/{id}/unlock", [self](Request& r) { return self->Unlock(r); },
      "security.unlock", "解锁用户");
  router.Get(
      "/api/v1/roles",
      [](Request&) {
        Json out = Json::array();
        for (const auto& r : Roles()) {
          out.push_back({{"code", r.code}, {"name", r.name}, {"permissions", r.permissions}});
        }
        return Response::Ok(out);
      },
      "user.read", "角色模板");
  router.Get(
      "/api/v1/permissions",
      [](Request&) {
        Json out = Json::array();
        for (const auto& p : Permissions()) out.push_back({{"code", p.code}, {"name", p.name}});
        return Response::Ok(out);
      },
      "user.read", "权限目录");
  router.Post(
      "/api/v1/auth/totp", [self](Request& r) { return self->BeginTotp(r); }, "",
      "绑定动态口令：获取二维码");
  router.Post(
      "/api/v1/auth/totp/confirm", [self](Request& r) { return self->ConfirmTotp(r); }, "",
      "绑定动态口令：确认并获取恢复码");
  router.Post(
      "/api/v1/users/{id}/totp/reset", [self](Request& r) { return self->ResetTotp(r); },
      "security.totp.reset", "重置用户的动态口令");
  router.Put(
      "/api/v1/users/{id}/admin-role", [self](Request& r) { return self->SetAdminRole(r); },
      "security.admin_role", "授予或撤销管理员角色");
  router.Get(
      "/api/v1/auth/logins", [self](Request& r) { return self->ListLogins(r); }, "audit.read",
      "登录日志");
}

Response AuthRoutes::Login(Request& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  auto username = StringField(*body, "username", true);
  if (!username.ok()) return Fail(username.error(), req);
  auto password = StringField(*body, "password", true);
  if (!password.ok()) return Fail(password.error(), req);
  auto otp = StringField(*body, "otp", false);
  if (!otp.ok()) return Fail(otp.error(), req);
  // A browser gets its session as an HttpOnly cookie and never sees the token: a script that
  // reads the answer (XSS) cannot carry the session away. A client that sends the bearer header
  // itself (CLI, scripts, tests) asks for the token with "bearer": true and gets no cookie.
  bool bearer = false;
  if (auto it = body->find("bearer"); it != body->end() && !it->is_null()) {
    if (!it->is_boolean()) {
      return Fail(DomainError::Invalid("http.bad_field", "字段 bearer 应为布尔值", "bearer"), req);
    }
    bearer = it->get<bool>();
  }
  auto result = auth_.Login(*username, *password, *otp, req.remote_address, req.request_id);
  if (!result.ok()) return Fail(result.error(), req);
  const LoginResult& r = result.value();
  Json user = UserJson(r.user, auth_.OrgName(r.user.org_code), true);
  Json answer = {{"csrf_token", r.csrf_token},
                 {"expires_at", time::FormatIsoUtc(r.expires_at)},
                 {"pending", auth_.PrincipalFor(r.user).pending},
                 {"user", user}};
  if (bearer) answer["token"] = r.token;
  Response res = Response::Ok(answer);
  if (!bearer) {
    const bool secure = auth_.config().secure_cookie;
    res.headers.emplace_back("Set-Cookie", Cookie("jiceng_session", r.token, true, secure, false));
    res.headers.emplace_back("Set-Cookie",
                             Cookie("jiceng_csrf", r.csrf_token, false, secure, false));
  }
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

Response AuthRoutes::Logout(Request& req) {
  auto r = auth_.Logout(req.Who(), InfoOf(req));
  if (!r.ok()) return Fail(r.error(), req);
  Response res = Response::NoContent();
  const bool secure = auth_.config().secure_cookie;
  res.headers.emplace_back("Set-Cookie", Cookie("jiceng_session", "", true, secure, true));
  res.headers.emplace_back("Set-Cookie", Cookie("jiceng_csrf", "", false, secure, true));
  return res;
}

Response AuthRoutes::Me(Request& req) {
  auto user = auth_.GetUser(Scope::All(), req.Who().user_id);
  if (!user.ok()) return Fail(user.error(), req);
  return Response::Ok({{"user", User(req, *user)}, {"pending", req.Who().pending}});
}

Response AuthRoutes::ChangePassword(Request& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  auto old_password = StringField(*body, "old_password", true);
  if (!old_password.ok()) return Fail(old_password.error(), req);
  auto new_password = StringField(*body, "new_password", true);
  if (!new_password.ok()) return Fail(new_password.error(), req);
  auto r = auth_.ChangePassword(req.Who(), *old_password, *new_password, InfoOf(req));
  if (!r.ok()) return Fail(r.error(), req);
  return Response::NoContent();
}

Response AuthRoutes::ListUsers(Request& req) {
  auto limit = http::LimitParam(req);
  if (!limit.ok()) return Fail(limit.error(), req);
  auto page = auth_.ListUsers(req.Who().ManagementScope(), req.Query("q"), req.Query("org_code"),
                              *limit, req.Query("cursor"));
  if (!page.ok()) return Fail(page.error(), req);
  Json items = Json::array();
  for (const auto& u : page->items) items.push_back(User(req, u));
  return Response::Ok(
      {{"items", items}, {"next_cursor", page->next_cursor ? Json(*page->next_cursor) : Json()}});
}

Response AuthRoutes::CreateUser(Request& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  NewUser in;
  for (auto [field, target] :
       {std::pair{"username", &in.username}, std::pair{"display_name", &in.display_name},
        std::pair{"org_code", &in.org_code}, std::pair{"password", &in.password}}) {
    auto v = StringField(*body, field, true);
    if (!v.ok()) return Fail(v.error(), req);
    *target = std::move(v).value();
  }
  auto phone = StringField(*body, "phone", false);
  if (!phone.ok()) return Fail(phone.error(), req);
  in.phone = std::move(phone).value();
  auto roles = RolesField(*body);
  if (!roles.ok()) return Fail(roles.error(), req);
  in.roles = std::move(roles).value();
  auto user = auth_.CreateUser(req.Who(), in, InfoOf(req));
  if (!user.ok()) return Fail(user.error(), req);
  return Response::Ok(User(req, *user), 201);
}

Response AuthRoutes::GetUser(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto user = auth_.GetUser(req.Who().ManagementScope(), *id);
  if (!user.ok()) return Fail(user.error(), req);
  return Response::Ok(User(req, *user));
}

Response AuthRoutes::UpdateUser(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  UserPatch patch;
  for (auto [field, target] :
       {std::pair{"display_name", &patch.display_name}, std::pair{"org_code", &patch.org_code},
        std::pair{"phone", &patch.phone}}) {
    if (!body->contains(field)) continue;
    auto v = StringField(*body, field, true);
    if (!v.ok()) return Fail(v.error(), req);
    *target = std::move(v).value();
  }
  if (body->contains("roles")) {
    auto roles = RolesField(*body);
    if (!roles.ok()) return Fail(roles.error(), req);
    patch.roles = std::move(roles).value();
  }
  if (body->contains("disabled")) {
    if (!(*body)["disabled"].is_boolean()) {
      return Fail(DomainError::Invalid("http.bad_field", "disabled 须为布尔值", "disabled"), req);
    }
    patch.disabled = (*body)["disabled"].get<bool>();
  }
  auto user = auth_.UpdateUser(req.Who(), *id, patch, InfoOf(req));
  if (!user.ok()) return Fail(user.error(), req);
  return Response::Ok(User(req, *user));
}

Response AuthRoutes::ResetPassword(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  auto password = StringField(*body, "password", true);
  if (!password.ok()) return Fail(password.error(), req);
  auto r = auth_.ResetPassword(req.Who(), *id, *password, InfoOf(req));
  if (!r.ok()) return Fail(r.error(), req);
  return Response::NoContent();
}

Response AuthRoutes::Unlock(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto r = auth_.Unlock(req.Who(), *id, InfoOf(req));
  if (!r.ok()) return Fail(r.error(), req);
  return Response::NoContent();
}

Response AuthRoutes::ListLogins(Request& req) {
  auto limit = http::LimitParam(req);
  if (!limit.ok()) return Fail(limit.error(), req);
  auto page = auth_.ListLogins(req.Who().ManagementScope(), req.Query("username"),
                               req.Query("outcome"), *limit, req.Query("cursor"));
  if (!page.ok()) return Fail(page.error(), req);
  Json items = Json::array();
  for (const auto& e : page->items) {
    items.push_back({{"id", e.id},
                     {"at", time::FormatIsoUtc(e.at)},
                     {"username", e.username},
                     {"source", e.source},
                     {"outcome", e.outcome},
                     {"reason", e.reason}});
  }
  return Response::Ok(
      {{"items", items}, {"next_cursor", page->next_cursor ? Json(*page->next_cursor) : Json()}});
}

Response AuthRoutes::BeginTotp(Request& req) {
  auto enrolment = auth_.BeginTotp(req.Who(), InfoOf(req));
  if (!enrolment.ok()) return Fail(enrolment.error(), req);
  Response res = Response::Ok({{"secret", enrolment->secret_base32},
                               {"uri", enrolment->uri},
                               {"qr_svg", enrolment->qr_svg}});
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

Response AuthRoutes::ConfirmTotp(Request& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  auto code = StringField(*body, "code", true);
  if (!code.ok()) return Fail(code.error(), req);
  auto codes = auth_.ConfirmTotp(req.Who(), *code, InfoOf(req));
  if (!codes.ok()) return Fail(codes.error(), req);
  Response res = Response::Ok({{"recovery_codes", *codes}});
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

Response AuthRoutes::ResetTotp(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto r = auth_.ResetTotp(req.Who(), *id, InfoOf(req));
  if (!r.ok()) return Fail(r.error(), req);
  return Response::NoContent();
}

Response AuthRoutes::SetAdminRole(Request& req) {
  auto id = IdParam(req);
  if (!id.ok()) return Fail(id.error(), req);
  auto body = req.JsonBody();
  if (!body.ok()) return Fail(body.error(), req);
  auto role = StringField(*body, "role", false);
  if (!role.ok()) return Fail(role.error(), req);
  auto user = auth_.SetAdminRole(req.Who(), *id,
                                 role->empty() ? std::nullopt : std::optional<std::string>(*role),
                                 InfoOf(req));
  if (!user.ok()) return Fail(user.error(), req);
  return Response::Ok(User(req, *user));
}

void AuthService::RegisterRoutes(http::Router& router) {
  std::make_shared<AuthRoutes>(*this)->Register(router);
}

}  // namespace jiceng::core::auth
