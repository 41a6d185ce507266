#include "modules/cases/open311/open311_intake.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>

#include "core/text/phone.hpp"
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

using core::Result;

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

bool ManualLevel(org::OrgLevel level) {
  return level == org::OrgLevel::kCounty || level == org::OrgLevel::kTownship ||
         level == org::OrgLevel::kVillage || level == org::OrgLevel::kGrid;
}

}  // namespace

Outcome<Submission> SubmissionFromForm(const Form& form) {
  Submission s;
  std::vector<Error> errors;
  for (const auto& [name, value] : form.pairs()) {
    if (!ValidUtf8(name) || !ValidUtf8(value)) {
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
  if (s.api_key.empty()) {
    return Failure::Of(403,
                       "缺少 api_key (api_key is required -- can't proceed with create_request)");
  }
  // One read: the key, the service and its attributes.
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
  core::auth::Scope key_scope =
      key->org_code.empty() ? core::auth::Scope::All() : core::auth::Scope::Of({key->org_code});

  std::optional<org::OrgNode> jurisdiction;
  if (!s.jurisdiction_id.empty()) {
    auto node = ctx.org.GetNode(core::auth::Scope::All(), s.jurisdiction_id);
    if (!node.ok()) return ServiceError(node.error());
    if (!*node || (*node)->level == org::OrgLevel::kDepartment) {
      return Failure::Of(404, "jurisdiction_id 不存在 (jurisdiction_id provided was not found): " +
                                  s.jurisdiction_id);
    }
    if (!key_scope.Covers(s.jurisdiction_id)) {
      return Failure::Of(
          403, "该 api_key 不能在此辖区上报 (api_key is not valid for this jurisdiction_id)");
    }
    jurisdiction = **node;
  }
  if (!s.service_code.empty() && (!category || !category->active)) {
    return Failure::Of(404, "service_code 不存在或已停用 (service_code provided was not found): " +
                                s.service_code);
  }

  // Every problem of the arguments at once (the spec's error response is an array).
  std::vector<Error> errors;
  if (s.service_code.empty())
    errors.push_back({400, "缺少 service_code (service_code was not provided)"});
  std::optional<double> lat, lng;
  if (!s.lat.empty() || !s.lng.empty()) {
    if (s.lat.empty() || s.lng.empty()) {
      errors.push_back({400, "lat 和 long 需同时提供 (lat and long must both be sent)"});
    } else {
      lat = ParseDegrees(s.lat, 90);
      lng = ParseDegrees(s.lng, 180);
      if (!lat || !lng) {
        errors.push_back(
            {400, "lat/long 应为 WGS84 十进制度数 (lat and long must be WGS84 decimal degrees)"});
        lat.reset(), lng.reset();
      }
    }
  } else if (s.address_string.empty() && s.address_id.empty()) {
    errors.push_back({400,
                      "缺少位置：请提供 lat 和 long，或 address_string、address_id (a location was "
                      "not provided: "
                      "lat & long, address_string or address_id)"});
  }
  TooLong(errors, s.description, 4000, "description");
  TooLong(errors, s.address_string, 200, "address_string");
  TooLong(errors, s.address_id, 64, "address_id");
  TooLong(errors, s.device_id, 128, "device_id");
  TooLong(errors, s.account_id, 128, "account_id");
  std::string reporter_name = FullName(s.first_name, s.last_name);
  if (core::text::Utf8Length(reporter_name) > 50) {
    errors.push_back(
        {400,
         "姓名不能超过 50 个字 (first_name and last_name are limited to 50 characters together)"});
  }
  if (!s.email.empty() && !PlausibleEmail(s.email))
    errors.push_back({400, "email 格式不正确 (email is not valid)"});
  std::string phone;
  if (!s.phone.empty()) {
    auto normalized = core::text::NormalizePhone(s.phone);
    if (normalized.ok()) {
      phone = *normalized;
    } else {
      errors.push_back({400,
                        "phone 格式不正确，应为中国大陆手机或固定电话号码 (phone is not a valid "
                        "mainland China number)"});
    }
  }
  if (!s.media_url.empty() && !PlausibleUrl(s.media_url)) {
    errors.push_back({400, "media_url 应为 http(s) 网址 (media_url must be an http or https URL)"});
  }
  nlohmann::json answers = nlohmann::json::object();
  if (category) {
    auto problems = CheckAttributes(definition, s.attributes, answers);
    errors.insert(errors.end(), problems.begin(), problems.end());
  }
  if (!errors.empty()) return Failure{400, std::move(errors)};

  // Locate: a point goes through the grid index. Without one there is no geocoder offline: the
  // request goes to the jurisdiction's node for the dispatch centre to locate by hand.
  Case c;
  bool located = true;
  if (lat) {
    auto grid = ctx.org.LocateGrid(*lng, *lat);
    if (!grid) {
      return Failure::Of(
          400,
          "该位置不在本平台任何网格内 (the location lies outside every grid of this jurisdiction)");
    }
    c.org_code = *grid;
  } else {
    std::optional<org::OrgNode> target = jurisdiction;
    if (!target && !key->org_code.empty()) {
      auto node = ctx.org.GetNode(core::auth::Scope::All(), key->org_code);
      if (!node.ok()) return ServiceError(node.error());
      target = *node;
    }
    if (!target || !ManualLevel(target->level)) {
      return Failure::Of(
          400,
          "请提供 lat 和 long：本平台无法按地址定位，且未指定区县或乡镇辖区 (lat and long are "
          "required here: addresses cannot be geocoded and no county or township "
          "jurisdiction_id was given)");
    }
    c.org_code = target->code;
    located = target->level == org::OrgLevel::kGrid;
  }
  if (!key_scope.Covers(c.org_code)) {
    return Failure::Of(
        403,
        "该位置不在此 api_key 的辖区内 (the location is outside the jurisdiction of this api_key)");
  }
  if (jurisdiction && !core::auth::Scope::Of({jurisdiction->code}).Covers(c.org_code)) {
    return Failure::Of(
        400, "该位置不在 jurisdiction_id 辖区内 (the location is outside jurisdiction_id)");
  }

  IntakeDraft d;
  d.c = std::move(c);
  d.c.channel = "open311";
  d.c.category_code = category->code;
  d.c.description = s.description;
  d.c.address = s.address_string;
  d.c.lng = lng;
  d.c.lat = lat;
  d.c.reporter_name = reporter_name;
  d.c.reporter_phone = phone;
  d.actor_name = "open311:" + key->name;
  d.event_data = {{"api_key", key->name}};
  if (!located) d.event_data["located"] = false;
  d.audit.actor = d.actor_name;
  d.audit.request_id = request_id;
  d.audit.source = source;
  d.audit_summary = {{"api_key", key->name}};
  SubmissionFields fields{answers.dump(), s.address_id, s.media_url, key->id,
                          s.email,        s.device_id,  s.account_id};
  d.extra = [&](core::db::Session& db, const Case& written) -> Result<void> {
    return Open311Store(db, *ctx.cipher).SaveSubmissionFields(key_scope, written.id, fields);
  };
  auto written = WriteIntake(ctx, d);
  if (!written.ok()) return ServiceError(written.error());

  Submitted out;
  out.c = std::move(*written);
  out.service_notice = "已受理，查询码 " + out.c.tracking_code + "。";
  if (!located) out.service_notice += "将由指挥中心根据地址人工定位。";
  out.service_notice += HandlingNotice(*category);
  return out;
}

}  // namespace jiceng::cases::open311
