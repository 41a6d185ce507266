#include "modules/cases/open311/open311_intake.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>

#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/intake/intake.hpp"
#include "modules/cases/open311/api_key_store.hpp"
#include "modules/cases/open311/attribute_store.hpp"
#include "modules/cases/open311/open311_store.hpp"
#include "modules/cases/open311/open311_xml.hpp"

namespace jiceng::cases::open311 {

namespace {

// A database failure: the spec's "general service error" (400) unless the server is only
// overloaded for a moment (503, worth a retry).
Failure ServiceError(const core::DomainError& e) {
  if (e.kind == core::ErrorKind::kUnavailable || e.kind == core::ErrorKind::kRateLimited) {
    return Failure::Of(503, "服务繁忙，请稍后重试 (the service is busy; please retry shortly)");
  }
  spdlog::error("open311: create_request failed: {} {}", e.code, e.message);
  return Failure::Of(400,
                     "服务暂时无法受理，请稍后重试；如持续出现请联系我们 (general service error; "
                     "please retry later and notify us if it persists)");
}

std::optional<double> ParseDegrees(const std::string& text, double limit) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v) ||
      std::fabs(v) > limit) {
    return std::nullopt;
  }
  return v;
}

bool Ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Chinese names are family name first (张 + 三 = 张三); Latin ones "given family".
std::string FullName(const std::string& first, const std::string& last) {
  if (first.empty() || last.empty()) return first + last;
  if (Ascii(first) && Ascii(last)) return first + " " + last;
  return last + first;
}

bool PlausibleEmail(const std::string& e) {
  std::size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos ||
      e.size() > 254)
    return false;
  std::size_t dot = e.find('.', at + 2);
  if (dot == std::string::npos || dot + 1 >= e.size()) return false;
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7F) return false;
  return true;
}

bool PlausibleUrl(const std::string& u) {
  if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0) return false;
  if (u.size() > 2048 || u.size() <= 8) return false;
  for (unsigned char c : u)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>') return false;
  return true;
}

void TooLong(std::vector<Error>& errors, const std::string& value, std::size_t max,
             const char* field) {
  if (core::text::Utf8Length(value) > max) {
    errors.push_back({400, std::string(field) + " 不能超过 " + std::to_string(max) + " 个字 (" +
                               field + " is limited to " + std::to_string(max) + " characters)"});
  }
}

// What the adapter has settled before the core runs: the key, the service and the jurisdiction.
struct Granted {
  ApiKey key;
  core::auth::Scope key_scope;
  Category category;
  std::vector<ServiceAttribute> definition;
  std::optional<org::OrgNode> jurisdiction;
};

// The key (403), the jurisdiction (404, or 403 outside the key's) and the service (404), in one
// read.
Outcome<Granted> Grant(CasesContext& ctx, const Submission& s) {
  if (s.api_key.empty()) {
    return Failure::Of(403,
                       "缺少 api_key (api_key is required -- can't proceed with create_request)");
  }
  std::optional<ApiKey> key;
  std::optional<Category> category;
  std::vector<ServiceAttribute> definition;
  auto read = ctx.db.Read([&](core::db::Session& db) -> Result<void> {
    JC_ASSIGN_OR_RETURN(key, ApiKeyStore(db).FindActive(s.api_key));
    if (!key || s.service_code.empty()) return {};
    JC_ASSIGN_OR_RETURN(category, CategoryStore(db).Get(s.service_code));
    if (!category || !category->active) return {};
    JC_ASSIGN_OR_RETURN(definition, AttributeStore(db).Of(s.service_code));
    return {};
  });
  if (!read.ok()) return ServiceError(read.error());
  if (!key)
    return Failure::Of(
        403,
        "api_key 无效或已吊销 (invalid api_key received -- can't proceed with create_request)");
  Granted g{
      *key,
      key->org_code.empty() ? core::auth::Scope::All() : core::auth::Scope::Of({key->org_code}),
      {},
      std::move(definition),
      std::nullopt};
  if (!s.jurisdiction_id.empty()) {
    auto node = ctx.org.GetNode(core::auth::Scope::All(), s.jurisdiction_id);
    if (!node.ok()) return ServiceError(node.error());
    if (!*node || (*node)->level == org::OrgLevel::kDepartment) {
      return Failure::Of(404, "jurisdiction_id 不存在 (jurisdiction_id provided was not found): " +
                                  s.jurisdiction_id);
    }
    if (!g.key_scope.Covers(s.jurisdiction_id)) {
      return Failure::Of(
          403, "该 api_key 不能在此辖区上报 (api_key is not valid for this jurisdiction_id)");
    }
    g.jurisdiction = **node;
  }
  if (!s.service_code.empty() && (!category || !category->active)) {
    return Failure::Of(404, "service_code 不存在或已停用 (service_code provided was not found): " +
                                s.service_code);
  }
  if (category) g.category = std::move(*category);
  return g;
}

// The core's answer to an argument in the spec's words; "" for one Open311 never sends.
std::string SpecWords(const core::DomainError& e) {
  if (e.code == "cases.description.too_long")
    return "description 不能超过 4000 个字 (description is limited to 4000 characters)";
  if (e.code == "cases.address.too_long")
    return "address_string 不能超过 200 个字 (address_string is limited to 200 characters)";
  if (e.code == "cases.reporter_name.too_long") {
    return "姓名不能超过 50 个字 (first_name and last_name are limited to 50 characters together)";
  }
  if (e.code == "cases.reporter_phone") {
    return "phone 格式不正确，应为中国大陆手机或固定电话号码 (phone is not a valid mainland China "
           "number)";
  }
  return {};
}

// The core's errors after the arguments passed: where the case would lie.
Failure LocationFailure(const core::DomainError& e) {
  if (e.code == "cases.location.outside") {
    return Failure::Of(
        400,
        "该位置不在本平台任何网格内 (the location lies outside every grid of this jurisdiction)");
  }
  if (e.code == "cases.grid.not_found") {
    return Failure::Of(
        400,
        "请提供 lat 和 long：本平台无法按地址定位，且未指定区县或乡镇辖区 (lat and long are "
        "required here: addresses cannot be geocoded and no county or township "
        "jurisdiction_id was given)");
  }
  if (e.code == "cases.location.out_of_scope") {
    return Failure::Of(
        403,
        "该位置不在此 api_key 的辖区内 (the location is outside the jurisdiction of this api_key)");
  }
  if (e.code == "cases.open311.jurisdiction") {
    return Failure::Of(
        400, "该位置不在 jurisdiction_id 辖区内 (the location is outside jurisdiction_id)");
  }
  return ServiceError(e);
}

// The form as the core's report; every problem of the arguments at once (the spec's error
// response is an array): the form's own (location text, lengths of Open311-only fields, email,
// media_url, attributes) and the core's common checks in the spec's words.
std::vector<Error> MapArguments(const Submission& s, const Granted& g, const IntakeOptions& o,
                                IntakeReport& r, nlohmann::json& answers) {
  std::vector<Error> errors;
  if (s.service_code.empty())
    errors.push_back({400, "缺少 service_code (service_code was not provided)"});
  if (!s.lat.empty() || !s.lng.empty()) {
    if (s.lat.empty() || s.lng.empty()) {
      errors.push_back({400, "lat 和 long 需同时提供 (lat and long must both be sent)"});
    } else {
      r.lat = ParseDegrees(s.lat, 90);
      r.lng = ParseDegrees(s.lng, 180);
      if (!r.lat || !r.lng) {
        errors.push_back(
            {400, "lat/long 应为 WGS84 十进制度数 (lat and long must be WGS84 decimal degrees)"});
        r.lat.reset(), r.lng.reset();
      }
    }
  } else if (s.address_string.empty() && s.address_id.empty()) {
    errors.push_back({400,
                      "缺少位置：请提供 lat 和 long，或 address_string、address_id (a location was "
                      "not provided: "
                      "lat & long, address_string or address_id)"});
  }
  for (const auto& e : CheckIntake(r, o)) errors.push_back({400, SpecWords(e)});
  TooLong(errors, s.address_id, 64, "address_id");
  TooLong(errors, s.device_id, 128, "device_id");
  TooLong(errors, s.account_id, 128, "account_id");
  if (!s.email.empty() && !PlausibleEmail(s.email))
    errors.push_back({400, "email 格式不正确 (email is not valid)"});
  if (!s.media_url.empty() && !PlausibleUrl(s.media_url)) {
    errors.push_back({400, "media_url 应为 http(s) 网址 (media_url must be an http or https URL)"});
  }
  if (!s.service_code.empty()) {
    auto problems = CheckAttributes(g.definition, s.attributes, answers);
    errors.insert(errors.end(), problems.begin(), problems.end());
  }
  return errors;
}

}  // namespace

Outcome<Submission> SubmissionFromForm(const Form& form) {
  Submission s;
  std::vector<Error> errors;
  for (const auto& [name, value] : form.pairs()) {
    if (!core::text::ValidUtf8(name) || !core::text::ValidUtf8(value)) {
      return Failure::Of(400,
                         "请求内容不是有效的 UTF-8 文本 (the request body is not valid UTF-8)");
    }
    if (name.rfind("attribute", 0) == 0 && name != "attribute") {
      auto attribute = ParseAttributeName(name);
      if (!attribute) {
        errors.push_back(
            {400, name +
                      " 不是有效的属性参数，应为 attribute[code]=value 或 attribute[code][]=value "
                      "(malformed attribute argument)"});
        continue;
      }
      s.attributes.push_back({attribute->code, value, attribute->list_item});
    }
  }
  if (!errors.empty()) return Failure{400, std::move(errors)};
  s.api_key = form.Get("api_key");
  s.jurisdiction_id = form.Get("jurisdiction_id");
  s.service_code = form.Get("service_code");
  s.lat = form.Get("lat");
  s.lng = form.Get("long");
  s.address_string = form.Get("address_string");
  s.address_id = form.Get("address_id");
  s.email = form.Get("email");
  s.device_id = form.Get("device_id");
  s.account_id = form.Get("account_id");
  s.first_name = form.Get("first_name");
  s.last_name = form.Get("last_name");
  s.phone = form.Get("phone");
  s.description = form.Get("description");
  s.media_url = form.Get("media_url");
  return s;
}

std::string HandlingNotice(const Category& category) {
  auto rule = FindDeadline(category, "handling", "normal");
  if (!rule || rule->amount <= 0) return {};
  std::string span;
  if (rule->unit == "working_days") {
    span = std::to_string(rule->amount) + " 个工作日";
  } else if (rule->unit == "working_minutes") {
    span = rule->amount % 60 == 0 ? std::to_string(rule->amount / 60) + " 个工作小时"
                                  : std::to_string(rule->amount) + " 个工作分钟";
  } else {
    span = rule->amount % 60 == 0 ? std::to_string(rule->amount / 60) + " 小时"
                                  : std::to_string(rule->amount) + " 分钟";
  }
  return "按规定，派遣到责任部门后 " + span + "内处置。";
}

Outcome<Submitted> SubmitRequest(CasesContext& ctx, const Submission& s,
                                 const std::string& request_id, const std::string& source) {
  auto granted = Grant(ctx, s);
  if (auto* failure = std::get_if<Failure>(&granted)) return *failure;
  const Granted& g = std::get<Granted>(granted);

  IntakeReport r;
  r.category_code = g.category.code;
  r.description = s.description;
  r.address = s.address_string;
  r.reporter_name = FullName(s.first_name, s.last_name);
  r.reporter_phone = s.phone;
  // No geocoder offline: without a point the request goes to the jurisdiction's node (or the
  // key's) for the dispatch centre to locate by hand.
  r.node_code = g.jurisdiction ? g.jurisdiction->code : g.key.org_code;
  IntakeOptions o;
  o.channel = "open311";
  o.max_description = 4000;
  o.description_optional = true;
  o.point_in_china = false;
  o.nodes = IntakeNodes::kCountyDown;
  o.scope = g.key_scope;
  o.mark_unlocated = true;
  o.check_location = [&](const std::string& org_code) -> Result<void> {
    if (g.jurisdiction && !core::auth::Scope::Of({g.jurisdiction->code}).Covers(org_code))
      return core::DomainError::Invalid("cases.open311.jurisdiction",
                                        "不在 jurisdiction_id 辖区内");
    return {};
  };
  nlohmann::json answers = nlohmann::json::object();
  auto errors = MapArguments(s, g, o, r, answers);
  if (!errors.empty()) return Failure{400, std::move(errors)};

  IntakeDraft d;
  d.actor_name = "open311:" + g.key.name;
  d.event_data = {{"api_key", g.key.name}};
  d.audit.actor = d.actor_name;
  d.audit.request_id = request_id;
  d.audit.source = source;
  d.audit_summary = {{"api_key", g.key.name}};
  SubmissionFields fields{answers.dump(), s.address_id, s.media_url, g.key.id,
                          s.email,        s.device_id,  s.account_id};
  d.extra = [&](core::db::Session& db, const Case& written) -> Result<void> {
    return Open311Store(db, *ctx.cipher).SaveSubmissionFields(g.key_scope, written.id, fields);
  };
  auto written = Intake(ctx, r, o, d);
  if (!written.ok()) return LocationFailure(written.error());

  Submitted out;
  out.c = std::move(*written);
  out.service_notice = "已受理，查询码 " + out.c.tracking_code + "。";
  if (d.event_data.contains("located")) out.service_notice += "将由指挥中心根据地址人工定位。";
  out.service_notice += HandlingNotice(g.category);
  return out;
}

}  // namespace jiceng::cases::open311
