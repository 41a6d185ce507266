// Open311 GeoReport v2 through the real server: discovery, services and their definitions,
// POST requests with api keys (located, deadlined, audited like staff intake), every filter of
// GET requests, one request, tokens, both formats everywhere, the spec's error format, and that
// public answers never carry the reporter's personal data. Also `jiceng apikey`.
#include <expat.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/auth/auth_service.hpp"
#include "modules/cases/open311/api_key_cli.hpp"
#include "modules/cases/open311/api_key_store.hpp"
#include "modules/cases/open311/open311_requests.hpp"
#include "modules/org/api.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

constexpr const char* kBase = "/open311/v2";

// The reporter of every request: none of these may appear in a public answer.
constexpr const char* kFirstName = "青云";
constexpr const char* kLastName = "司马";
constexpr const char* kFullName = "司马青云";
constexpr const char* kPhone = "13912345678";
constexpr const char* kEmail = "qingyun.sima@example.com";
constexpr const char* kDevice = "device-7f3a9c";
constexpr const char* kAccount = "acct-4471";

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string FormBody(const Fields& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  return out;
}

// The text of every element called `name` in a well-formed document; nullopt if not well-formed.
struct XmlTexts {
  std::string name;
  std::vector<std::string> texts;
  int depth_in = 0;
  std::string current;
};
std::optional<std::vector<std::string>> XmlElements(const std::string& xml,
                                                    const std::string& name) {
  XmlTexts state{name, {}, 0, {}};
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &state);
  XML_SetElementHandler(
      p,
      [](void* data, const XML_Char* el, const XML_Char**) {
        auto* s = static_cast<XmlTexts*>(data);
        if (s->depth_in > 0) ++s->depth_in;
        if (s->depth_in == 0 && s->name == el) s->depth_in = 1, s->current.clear();
      },
      [](void* data, const XML_Char*) {
        auto* s = static_cast<XmlTexts*>(data);
        if (s->depth_in > 0 && --s->depth_in == 0) s->texts.push_back(s->current);
      });
  XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* text, int len) {
    auto* s = static_cast<XmlTexts*>(data);
    if (s->depth_in > 0) s->current.append(text, static_cast<std::size_t>(len));
  });
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  if (!ok) return std::nullopt;
  return state.texts;
}

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

// A well-formed XML answer with the declaration first and the spec's content type.
void ExpectXml(const HttpResponse& r) {
  EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
  EXPECT_EQ(r.body.rfind(kXmlDeclaration, 0), 0u) << r.body.substr(0, 80);
  EXPECT_TRUE(XmlElements(r.body, "x").has_value()) << "not well-formed: " << r.body;
}
void ExpectJson(const HttpResponse& r) {
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_FALSE(r.json().is_discarded()) << r.body;
}

std::vector<std::string> Texts(const HttpResponse& r, const std::string& name) {
  auto t = XmlElements(r.body, name);
  EXPECT_TRUE(t.has_value()) << r.body;
  return t.value_or(std::vector<std::string>());
}

class Open311Api : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    StartApp();
    if (!app_->ok()) return;
    auto& app = app_->app();
    // The module's own context is private; keys need only its database, audit log, clock and org.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored \
    "-Wmissing-field-initializers"  // calendar and the rest keep their defaults
    ctx_ = new cases::CasesContext(app.db(), app.audit(), app.clock(),
                                   *org::AsOrgApi(app.module("org")), nullptr);
#pragma GCC diagnostic pop
    auto system = core::auth::AuthService::SystemActor();
    auto key = cases::IssueApiKey(*ctx_, "test-app", "", system);
    if (key.ok()) key_ = key->secret;
    auto village = cases::IssueApiKey(*ctx_, "village-app", kVillage, system);
    if (village.ok()) village_key_ = village->secret;
    auto township = cases::IssueApiKey(*ctx_, "township-app", kTownship, system);
    if (township.ok()) township_key_ = township->secret;
  }
  static void TearDownTestSuite() {
    delete ctx_;
    ctx_ = nullptr;
    SharedAppTest::TearDownTestSuite();
  }
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SharedAppTest::SetUp());
    ASSERT_FALSE(key_.empty());
    ASSERT_FALSE(village_key_.empty());
    ASSERT_FALSE(township_key_.empty());
  }

  static HttpResponse PostForm(const std::string& format, const Fields& fields) {
    RequestOptions o;
    o.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    return Client().Post(std::string(kBase) + "/requests." + format, FormBody(fields), o);
  }

  // A point inside grid 1 (grids are convex cells: the mean of the vertices lies inside).
  static std::pair<std::string, std::string> PointInGrid1() {
    static std::pair<std::string, std::string> point;
    if (!point.first.empty()) return point;
    HttpResponse r =
        Client().Get(std::string("/api/v1/orgs/") + kVillage + "/grids", User("township"));
    EXPECT_EQ(r.status, 200) << r.body;
    Json features = r.json().value("features", Json::array());
    for (const auto& f : features) {
      if (f["id"] != kGrid1) continue;
      Json ring = f["geometry"]["coordinates"][0];
      double x = 0, y = 0;
      std::size_t n = ring.size() - 1;  // the ring repeats its first vertex last
      for (std::size_t i = 0; i < n; ++i)
        x += ring[i][0].get<double>(), y += ring[i][1].get<double>();
      char lng[32], lat[32];
      std::snprintf(lng, sizeof lng, "%.7f", x / static_cast<double>(n));
      std::snprintf(lat, sizeof lat, "%.7f", y / static_cast<double>(n));
      point = {lat, lng};
    }
    EXPECT_FALSE(point.first.empty()) << "grid " << kGrid1 << " not found";
    return point;
  }

  // A complete request inside grid 1 with every personal field; `extra` replaces or adds fields.
  static Fields Request(const std::string& service_code, const Fields& extra = {}) {
    auto [lat, lng] = PointInGrid1();
    Fields f = {{"api_key", key_},
                {"service_code", service_code},
                {"lat", lat},
                {"long", lng},
                {"address_string", "枫源村村口"},
                {"email", kEmail},
                {"device_id", kDevice},
                {"account_id", kAccount},
                {"first_name", kFirstName},
                {"last_name", kLastName},
                {"phone", kPhone},
                {"description", "村口垃圾 <满溢> & \"散落\" 'everywhere'"}};
    std::size_t base = f.size();  // extra replaces these; repeated extra names all stay
    for (const auto& [k, v] : extra) {
      bool replaced = false;
      for (std::size_t i = 0; i < base; ++i) {
        if (f[i].first == k) f[i].second = v, replaced = true;
      }
      if (!replaced) f.emplace_back(k, v);
    }
    return f;
  }
  static Fields Without(Fields f, const std::string& name) {
    std::erase_if(f, [&](const auto& p) { return p.first == name; });
    return f;
  }

  // The tracking code in a POST answer's service_notice ("已受理，查询码 XXXXXXXXXX。…").
  static std::string CodeInNotice(const std::string& notice) {
    const std::string label = "查询码 ";
    std::size_t at = notice.find(label);
    if (at == std::string::npos) return {};
    return notice.substr(at + label.size(), 10);
  }
  // Creates a request and returns its id and its token (the tracking code).
  static std::pair<std::string, std::string> CreateWithToken(const std::string& service_code) {
    HttpResponse r = PostForm("json", Request(service_code));
    EXPECT_EQ(r.status, 200) << r.body;
    Json body = r.json();
    if (!body.is_array() || body.empty()) return {};
    return {body[0].value("service_request_id", std::string()),
            CodeInNotice(body[0].value("service_notice", std::string()))};
  }

  // Creates a request and returns its id.
  static std::string Create(const std::string& service_code, const Fields& extra = {}) {
    HttpResponse r = PostForm("json", Request(service_code, extra));
    EXPECT_EQ(r.status, 200) << r.body;
    Json body = r.json();
    if (!body.is_array() || body.empty()) return {};
    return body[0].value("service_request_id", std::string());
  }

  // The ids of GET requests.json?query.
  static std::set<std::string> Ids(const std::string& query) {
    HttpResponse r = Client().Get(std::string(kBase) + "/requests.json" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::set<std::string> out;
    Json items = r.json();
    if (!items.is_array()) return out;
    for (const auto& i : items) out.insert(i["service_request_id"].get<std::string>());
    return out;
  }

  // A village of the township other than grid 1's.
  static std::string OtherVillage() {
    HttpResponse r = Client().Get(std::string("/api/v1/orgs/") + kTownship + "/children?limit=50",
                                  User("township"));
    EXPECT_EQ(r.status, 200) << r.body;
    Json items = r.json().value("items", Json::array());
    for (const auto& i : items) {
      if (i["code"] != kVillage) return i["code"];
    }
    return {};
  }

  static Json StaffCase(const std::string& id) {
    HttpResponse r = Client().Get("/api/v1/cases/" + id, User("township"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static Json Act(const Json& c, const std::string& action, Json body = Json::object()) {
    body["version"] = c["version"];
    HttpResponse r = Client().Post(
        "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()) + "/actions/" + action, body,
        User("township"));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    return r.json();
  }

  // One Open311 error answer: status, the code in the body, a description mentioning `mention`.
  static void ExpectError(const HttpResponse& r, int status, const std::string& mention = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    Json errors = r.json();
    ASSERT_TRUE(errors.is_array() && !errors.empty()) << r.body;
    EXPECT_EQ(errors[0]["code"], status);
    std::string all;
    for (const auto& e : errors) all += e["description"].get<std::string>() + "\n";
    if (!mention.empty()) {
      EXPECT_NE(all.find(mention), std::string::npos) << all;
    }
  }

  static cases::CasesContext* ctx_;
  static std::string key_, village_key_, township_key_;
};
cases::CasesContext* Open311Api::ctx_ = nullptr;
std::string Open311Api::key_, Open311Api::village_key_, Open311Api::township_key_;

TEST_F(Open311Api, DiscoveryNamesTheV2EndpointInJsonAndXml) {
  HttpResponse json = Client().Get("/open311/discovery.json");
  ASSERT_EQ(json.status, 200) << json.body;
  ExpectJson(json);
  Json d = json.json();
  for (const char* field : {"changeset", "contact", "key_service", "endpoints"})
    EXPECT_TRUE(d.contains(field)) << field;
  ASSERT_EQ(d["endpoints"].size(), 1u);
  const Json& e = d["endpoints"][0];
  EXPECT_EQ(e["specification"], "http://wiki.open311.org/GeoReport_v2");
  std::string url = e["url"];
  EXPECT_EQ(url.rfind("http://", 0), 0u) << url;
  EXPECT_EQ(url.substr(url.size() - 11), "/open311/v2");
  EXPECT_EQ(e["type"], "production");
  EXPECT_EQ(e["formats"], Json::array({"text/xml", "application/json"}));
  EXPECT_EQ(json.Header("access-control-allow-origin"), "*");

  HttpResponse xml = Client().Get("/open311/discovery.xml");
  ASSERT_EQ(xml.status, 200);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "specification"),
            std::vector<std::string>{"http://wiki.open311.org/GeoReport_v2"});
  EXPECT_EQ(Texts(xml, "format"), (std::vector<std::string>{"text/xml", "application/json"}));
  EXPECT_EQ(Texts(xml, "url"), std::vector<std::string>{url});
}

TEST_F(Open311Api, ServicesListEveryActiveCategoryWithMetadataFlagsInBothFormats) {
  Json categories =
      Client().Get("/api/v1/case-categories?active=1", User("county")).json()["items"];
  ASSERT_GE(categories.size(), 69u);
  HttpResponse json = Client().Get(std::string(kBase) + "/services.json");
  ASSERT_EQ(json.status, 200) << json.body;
  ExpectJson(json);
  Json services = json.json();
  ASSERT_EQ(services.size(), categories.size());
  std::map<std::string, Json> by_code;
  for (const auto& s : services) by_code[s["service_code"]] = s;
  for (const auto& c : categories) {
    ASSERT_TRUE(by_code.count(c["code"])) << c["code"];
    const Json& s = by_code[c["code"]];
    EXPECT_EQ(s["service_name"], c["name"]);
    EXPECT_EQ(s["group"], c["major_name"]);
    EXPECT_EQ(s["type"], "realtime");
    EXPECT_TRUE(s["metadata"].is_boolean());
    // Every component has its component number; so metadata is true.
    if (c["kind"] == "component") {
      EXPECT_TRUE(s["metadata"].get<bool>()) << c["code"];
    }
  }
  EXPECT_TRUE(by_code["E0102"]["metadata"].get<bool>());
  EXPECT_TRUE(by_code["E0504"]["metadata"].get<bool>());
  EXPECT_FALSE(by_code["E0101"]["metadata"].get<bool>());
  EXPECT_EQ(by_code["E0102"]["service_name"], "暴露垃圾");

  HttpResponse xml = Client().Get(std::string(kBase) + "/services.xml");
  ASSERT_EQ(xml.status, 200);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "service").size(), categories.size());
  EXPECT_EQ(Texts(xml, "service_code").size(), categories.size());
  EXPECT_NE(
      xml.body.find("<service_code>E0102</service_code><service_name>暴露垃圾</service_name>"),
      std::string::npos);
  EXPECT_NE(xml.body.find("<metadata>true</metadata>"), std::string::npos);
  EXPECT_NE(xml.body.find("<metadata>false</metadata>"), std::string::npos);

  // jurisdiction_id is optional; an unknown one is 404.
  EXPECT_EQ(Client().Get(std::string(kBase) + "/services.json?jurisdiction_id=330681").status, 200);
  ExpectError(Client().Get(std::string(kBase) + "/services.json?jurisdiction_id=999999"), 404,
              "jurisdiction_id");
}

TEST_F(Open311Api, ServiceDefinitionHasTheAttributesInBothFormats) {
  HttpResponse json = Client().Get(std::string(kBase) + "/services/E0504.json");
  ASSERT_EQ(json.status, 200) << json.body;
  ExpectJson(json);
  Json d = json.json();
  EXPECT_EQ(d["service_code"], "E0504");
  ASSERT_EQ(d["attributes"].size(), 2u);
  const Json& plate = d["attributes"][0];
  EXPECT_EQ(plate["code"], "plate");
  EXPECT_EQ(plate["variable"], true);
  EXPECT_EQ(plate["datatype"], "string");
  EXPECT_EQ(plate["required"], false);
  EXPECT_EQ(plate["order"], 1);
  EXPECT_EQ(plate["description"], "车牌号");
  EXPECT_TRUE(plate["datatype_description"].is_string());
  const Json& obstruction = d["attributes"][1];
  EXPECT_EQ(obstruction["datatype"], "multivaluelist");
  EXPECT_EQ(obstruction["order"], 2);
  ASSERT_EQ(obstruction["values"].size(), 4u);
  EXPECT_EQ(obstruction["values"][0], (Json{{"key", "sidewalk"}, {"name", "占用人行道"}}));

  HttpResponse xml = Client().Get(std::string(kBase) + "/services/E0504.xml");
  ASSERT_EQ(xml.status, 200);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "service_code"), std::vector<std::string>{"E0504"});
  EXPECT_EQ(Texts(xml, "attribute").size(), 2u);
  EXPECT_EQ(Texts(xml, "code"), (std::vector<std::string>{"plate", "obstruction"}));
  EXPECT_EQ(Texts(xml, "key"),
            (std::vector<std::string>{"sidewalk", "fire_lane", "tactile_paving", "entrance"}));
  for (const char* element : {"variable", "datatype", "required", "datatype_description", "order",
                              "description", "values", "value", "name"}) {
    EXPECT_FALSE(Texts(xml, element).empty()) << element;
  }

  // A component's number; 其他部件 requires the name; gas leaks only inform.
  Json component = Client().Get(std::string(kBase) + "/services/C0101.json").json();
  EXPECT_EQ(component["attributes"][0]["code"], "component_id");
  EXPECT_NE(component["attributes"][0]["datatype_description"].get<std::string>().find("16 位"),
            std::string::npos);
  Json other = Client().Get(std::string(kBase) + "/services/C9901.json").json();
  EXPECT_EQ(other["attributes"][1]["code"], "component_name");
  EXPECT_EQ(other["attributes"][1]["required"], true);
  Json gas = Client().Get(std::string(kBase) + "/services/E0403.json").json();
  EXPECT_EQ(gas["attributes"][0]["variable"], false);
  // Without attributes: an empty list.
  Json plain = Client().Get(std::string(kBase) + "/services/E0101.json").json();
  EXPECT_EQ(plain["attributes"], Json::array());
}

TEST_F(Open311Api, UnknownServicesAndResourcesAre404InTheSpecErrorFormat) {
  HttpResponse json = Client().Get(std::string(kBase) + "/services/X9999.json");
  ExpectError(json, 404, "service_code");
  ExpectJson(json);
  HttpResponse xml = Client().Get(std::string(kBase) + "/services/X9999.xml");
  EXPECT_EQ(xml.status, 404);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "code"), std::vector<std::string>{"404"});
  EXPECT_EQ(Texts(xml, "error").size(), 1u);
  EXPECT_EQ(Texts(xml, "errors").size(), 1u);
  // No format: the required one (XML).
  HttpResponse bare = Client().Get(std::string(kBase) + "/services/E0102");
  EXPECT_EQ(bare.status, 404);
  ExpectXml(bare);
  HttpResponse nope = Client().Get(std::string(kBase) + "/nope.json");
  ExpectError(nope, 404);
}

TEST_F(Open311Api, PostCreatesALocatedDeadlinedAuditedCase) {
  HttpResponse r = PostForm("json", Request("E0102", {{"attribute[volume]", "large"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  ExpectJson(r);
  Json answer = r.json();
  ASSERT_TRUE(answer.is_array() && answer.size() == 1) << r.body;
  std::string id = answer[0]["service_request_id"];
  EXPECT_FALSE(answer[0].contains("token"));  // realtime: the id, not a token
  EXPECT_EQ(answer[0]["account_id"], kAccount);
  std::string notice = answer[0]["service_notice"];

  // What staff see: channel open311, located to grid 1, the dispatch deadline, the reporter.
  Json c = StaffCase(id);
  EXPECT_EQ(c["channel"], "open311");
  EXPECT_EQ(c["org_code"], kGrid1);
  EXPECT_EQ(c["status"], "reported");
  EXPECT_EQ(c["category_code"], "E0102");
  EXPECT_FALSE(c["stage_due_at"].is_null());
  EXPECT_EQ(c["reporter_name"], kFullName);
  EXPECT_EQ(c["description"], "村口垃圾 <满溢> & \"散落\" 'everywhere'");
  // The code is in the notice for the submitter, never in a staff answer.
  EXPECT_FALSE(c.contains("tracking_code"));
  std::string code = CodeInNotice(notice);
  EXPECT_EQ(code.size(), 10u) << notice;
  EXPECT_EQ(Client()
                .Get(std::string(kBase) + "/tokens/" + code + ".json")
                .json()[0]["service_request_id"],
            id);
  ASSERT_FALSE(c["timeline"].empty());
  EXPECT_EQ(c["timeline"][0]["action"], "report");
  EXPECT_EQ(c["timeline"][0]["actor_name"], "open311:test-app");

  // Attributes stored; email, device and account encrypted at rest.
  auto rows = app_->app().db().Query(
      "SELECT attributes, reporter_email_enc, reporter_device_enc, reporter_account_enc, "
      "api_key_id FROM cases_cases "
      "WHERE id = $1",
      {std::stoll(id)});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(Json::parse((*rows)[0].Text(0)), (Json{{"volume", "large"}}));
  for (std::size_t i = 1; i <= 3; ++i) {
    std::string stored = (*rows)[0].Text(i);
    EXPECT_FALSE(stored.empty());
    for (const char* clear : {kEmail, kDevice, kAccount})
      EXPECT_EQ(stored.find(clear), std::string::npos);
  }
  EXPECT_FALSE((*rows)[0].IsNull(4));

  // Audited as the key.
  HttpResponse audit = Client().Get("/api/v1/audit?action=cases.case.report", User("auditor"));
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("open311:test-app"), std::string::npos);
}

TEST_F(Open311Api, PostAnswersInXmlAndTakesAMultivaluelist) {
  Fields extra = {{"attribute[plate]", "浙D12345"},
                  {"attribute[obstruction][]", "sidewalk"},
                  {"attribute[obstruction][]", "fire_lane"}};
  HttpResponse r = PostForm("xml", Request("E0504", extra));
  ASSERT_EQ(r.status, 200) << r.body;
  ExpectXml(r);
  auto ids = Texts(r, "service_request_id");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(Texts(r, "request").size(), 1u);
  EXPECT_EQ(Texts(r, "account_id"), std::vector<std::string>{kAccount});
  auto rows = app_->app().db().Query("SELECT attributes FROM cases_cases WHERE id = $1",
                                     {std::stoll(ids[0])});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Json::parse((*rows)[0].Text(0)),
            (Json{{"plate", "浙D12345"}, {"obstruction", Json::array({"sidewalk", "fire_lane"})}}));
  // A number and a datetime.
  EXPECT_FALSE(Create("E0108", {{"attribute[depth_cm]", "20.5"}}).empty());
  EXPECT_FALSE(Create("E0301", {{"attribute[observed_at]", "2026-05-01T23:30:00+08:00"},
                                {"attribute[time_of_day]", "night"}})
                   .empty());
}

TEST_F(Open311Api, PostWithoutAValidApiKeyIs403) {
  ExpectError(PostForm("json", Without(Request("E0102"), "api_key")), 403, "api_key");
  HttpResponse bad = PostForm("xml", Request("E0102", {{"api_key", "jc311_not-a-key"}}));
  EXPECT_EQ(bad.status, 403);
  ExpectXml(bad);
  EXPECT_EQ(Texts(bad, "code"), std::vector<std::string>{"403"});
  // A revoked key stops working at once.
  auto system = core::auth::AuthService::SystemActor();
  auto issued = cases::IssueApiKey(*ctx_, "short-lived", "", system);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(PostForm("json", Request("E0102", {{"api_key", issued->secret}})).status, 200);
  ASSERT_TRUE(cases::RevokeApiKey(*ctx_, "short-lived", system).ok());
  ExpectError(PostForm("json", Request("E0102", {{"api_key", issued->secret}})), 403);
  // A key limited to a village: not elsewhere, nor for another jurisdiction.
  EXPECT_EQ(PostForm("json", Request("E0102", {{"api_key", village_key_}})).status, 200);
  ExpectError(PostForm("json", Request("E0102",
                                       {{"api_key", village_key_}, {"jurisdiction_id", "330681"}})),
              403);
}

TEST_F(Open311Api, BadArgumentsAre400AndUnknownServicesAre404) {
  ExpectError(PostForm("json", Without(Request("E0102"), "service_code")), 400, "service_code");
  ExpectError(PostForm("json", Request("E0102", {{"service_code", "X9999"}})), 404, "service_code");
  ExpectError(PostForm("json", Without(Without(Without(Request("E0102"), "lat"), "long"),
                                       "address_string")),
              400, "lat");
  ExpectError(PostForm("json", Without(Request("E0102"), "long")), 400, "long");
  ExpectError(PostForm("json", Request("E0102", {{"lat", "north"}})), 400, "WGS84");
  // Far outside every grid (Beijing), and outside China.
  ExpectError(PostForm("json", Request("E0102", {{"lat", "39.9042"}, {"long", "116.4074"}})), 400,
              "grid");
  ExpectError(PostForm("json", Request("E0102", {{"lat", "0"}, {"long", "0"}})), 400, "grid");
  ExpectError(PostForm("json", Request("E0102", {{"email", "not an email"}})), 400, "email");
  ExpectError(PostForm("json", Request("E0102", {{"phone", "12"}})), 400, "phone");
  ExpectError(PostForm("json", Request("E0102", {{"media_url", "javascript:alert(1)"}})), 400,
              "media_url");
  ExpectError(PostForm("json", Request("E0102", {{"description", std::string(4001, 'x')}})), 400,
              "4000");
  // Attributes: a value outside the list, a missing required one, an unknown one, a bad number,
  // several values for a single value list, a pattern, input to an information-only attribute.
  ExpectError(PostForm("json", Request("E0102", {{"attribute[volume]", "huge"}})), 400,
              "attribute[volume]");
  ExpectError(PostForm("json", Request("C9901")), 400, "attribute[component_name]");
  EXPECT_EQ(PostForm("json", Request("C9901", {{"attribute[component_name]", "配电箱"}})).status,
            200);
  ExpectError(PostForm("json", Request("E0102", {{"attribute[colour]", "red"}})), 400,
              "attribute[colour]");
  ExpectError(PostForm("json", Request("E0108", {{"attribute[depth_cm]", "deep"}})), 400,
              "attribute[depth_cm]");
  ExpectError(PostForm("json", Request("E0102", {{"attribute[volume][]", "small"},
                                                 {"attribute[volume][]", "large"}})),
              400, "attribute[volume]");
  ExpectError(PostForm("json", Request("C0101", {{"attribute[component_id]", "12345"}})), 400,
              "attribute[component_id]");
  EXPECT_EQ(
      PostForm("json", Request("C0101", {{"attribute[component_id]", "3306810101000123"}})).status,
      200);
  ExpectError(PostForm("json", Request("E0403", {{"attribute[safety_notice]", "ok"}})), 400,
              "attribute[safety_notice]");
  ExpectError(PostForm("json", Request("E0301", {{"attribute[observed_at]", "yesterday"}})), 400,
              "attribute[observed_at]");
  ExpectError(PostForm("json", Request("E0102", {{"attribute[volume", "small"}})), 400,
              "attribute[volume");
  // Every problem at once.
  HttpResponse several = PostForm(
      "json", Without(Request("E0102", {{"email", "x"}, {"lat", "north"}}), "service_code"));
  EXPECT_EQ(several.status, 400);
  EXPECT_GE(several.json().size(), 3u) << several.body;
  // Only a form body is accepted.
  RequestOptions json_body;
  HttpResponse wrong_type =
      Client().Post(std::string(kBase) + "/requests.json", Json{{"api_key", key_}}, json_body);
  ExpectError(wrong_type, 400, "x-www-form-urlencoded");
  // Text that is not UTF-8.
  RequestOptions form;
  form.content_type = "application/x-www-form-urlencoded";
  ExpectError(Client().Post(std::string(kBase) + "/requests.json",
                            "api_key=" + key_ + "&description=%FF%FE", form),
              400, "UTF-8");
}

TEST_F(Open311Api, AnAddressWithoutCoordinatesGoesToTheJurisdictionForManualLocation) {
  Fields no_point = Without(Without(Request("E0102"), "lat"), "long");
  // An installation-wide key and no jurisdiction: nothing to route to without a geocoder.
  ExpectError(PostForm("json", no_point), 400, "lat");
  // With a township jurisdiction: the case waits at the township for manual location.
  HttpResponse r = PostForm(
      "json", Request("E0102", {{"lat", ""}, {"long", ""}, {"jurisdiction_id", kTownship}}));
  ASSERT_EQ(r.status, 200) << r.body;
  Json answer = r.json();
  EXPECT_NE(answer[0]["service_notice"].get<std::string>().find("人工定位"), std::string::npos);
  Json c = StaffCase(answer[0]["service_request_id"]);
  EXPECT_EQ(c["org_code"], kTownship);
  EXPECT_TRUE(c["lng"].is_null());
  EXPECT_EQ(c["address"], "枫源村村口");
  // A township key routes there by itself; address_id alone is a location too.
  Fields by_id = Without(no_point, "address_string");
  for (auto& f : by_id) {
    if (f.first == "api_key") f.second = township_key_;
  }
  by_id.emplace_back("address_id", "FY-0012");
  HttpResponse township = PostForm("json", by_id);
  ASSERT_EQ(township.status, 200) << township.body;
  std::string id = township.json()[0]["service_request_id"];
  EXPECT_EQ(StaffCase(id)["org_code"], kTownship);
  Json one = Client().Get(std::string(kBase) + "/requests/" + id + ".json").json();
  EXPECT_EQ(one[0]["address_id"], "FY-0012");
  EXPECT_TRUE(one[0]["lat"].is_null());
  // An unknown jurisdiction is 404.
  ExpectError(PostForm("json", Request("E0102", {{"jurisdiction_id", "999999"}})), 404,
              "jurisdiction_id");
}

TEST_F(Open311Api, GetRequestsAppliesEveryFilter) {
  std::string a = Create("E0102");
  std::string b = Create("E0504");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  std::set<std::string> all = Ids("");
  EXPECT_TRUE(all.count(a) && all.count(b));
  EXPECT_LE(all.size(), 1000u);

  EXPECT_EQ(Ids("?service_request_id=" + a + "," + b), (std::set<std::string>{a, b}));
  EXPECT_EQ(Ids("?service_request_id=" + a), (std::set<std::string>{a}));
  // service_request_id overrides the other arguments.
  EXPECT_EQ(Ids("?service_request_id=" + b + "&service_code=E0102&status=closed"),
            (std::set<std::string>{b}));

  std::set<std::string> parking = Ids("?service_code=E0504");
  EXPECT_TRUE(parking.count(b));
  EXPECT_FALSE(parking.count(a));
  std::set<std::string> both_codes = Ids("?service_code=E0504,E0102");
  EXPECT_TRUE(both_codes.count(a) && both_codes.count(b));
  Json only = Client().Get(std::string(kBase) + "/requests.json?service_code=E0504").json();
  for (const auto& r : only) EXPECT_EQ(r["service_code"], "E0504");

  EXPECT_TRUE(Ids("?status=open").count(a));
  EXPECT_FALSE(Ids("?status=closed").count(a));
  EXPECT_TRUE(Ids("?status=open,closed").count(a));
  ExpectError(Client().Get(std::string(kBase) + "/requests.json?status=pending"), 400, "status");

  // Dates: W3C datetimes with Z or an offset; a '+' sent unencoded still reads as '+'.
  EXPECT_TRUE(Ids("?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z").empty());
  EXPECT_TRUE(Ids("?start_date=2099-01-01T00:00:00Z").empty());
  EXPECT_FALSE(Ids("?end_date=2000-01-01T00:00:00+08:00").count(a));
  std::string today = core::time::FormatShanghai(app_->app().clock().NowMs()).substr(0, 10);
  std::string window =
      "?start_date=" + today + "T00:00:00%2B08:00&end_date=" + today + "T23:59:59+08:00";
  EXPECT_TRUE(Ids(window).count(a)) << window;
  EXPECT_TRUE(Ids("?start_date=" + today).count(a));
  ExpectError(
      Client().Get(std::string(kBase) +
                   "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
      400, "90");
  ExpectError(
      Client().Get(std::string(kBase) +
                   "/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),
      400, "end_date");
  ExpectError(Client().Get(std::string(kBase) + "/requests.json?start_date=last+week"), 400,
              "start_date");
  ExpectError(Client().Get(std::string(kBase) + "/requests.json?service_request_id=1,x"), 400,
              "service_request_id");

  EXPECT_TRUE(Ids(std::string("?jurisdiction_id=") + kTownship).count(a));
  EXPECT_TRUE(Ids(std::string("?jurisdiction_id=") + kVillage).count(a));
  std::string other = OtherVillage();
  ASSERT_FALSE(other.empty());
  EXPECT_FALSE(Ids("?jurisdiction_id=" + other).count(a));
  ExpectError(Client().Get(std::string(kBase) + "/requests.json?jurisdiction_id=999999"), 404,
              "jurisdiction_id");

  // The same list in XML.
  HttpResponse xml =
      Client().Get(std::string(kBase) + "/requests.xml?service_request_id=" + a + "," + b);
  ASSERT_EQ(xml.status, 200);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "request").size(), 2u);
  auto xml_ids = Texts(xml, "service_request_id");
  EXPECT_EQ(std::set<std::string>(xml_ids.begin(), xml_ids.end()), (std::set<std::string>{a, b}));
}

TEST_F(Open311Api, OneRequestInBothFormatsFollowsTheCase) {
  auto [lat, lng] = PointInGrid1();
  std::string id = Create("E0102", {{"media_url", "https://img.example.com/a.jpg?x=1&y=2"}});
  ASSERT_FALSE(id.empty());
  HttpResponse json = Client().Get(std::string(kBase) + "/requests/" + id + ".json");
  ASSERT_EQ(json.status, 200) << json.body;
  ExpectJson(json);
  Json list = json.json();
  ASSERT_EQ(list.size(), 1u);
  Json r = list[0];
  EXPECT_EQ(r["service_request_id"], id);
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["status_notes"], "待立案");
  EXPECT_EQ(r["service_name"], "暴露垃圾");
  EXPECT_EQ(r["service_code"], "E0102");
  EXPECT_EQ(r["description"], "村口垃圾 <满溢> & \"散落\" 'everywhere'");
  EXPECT_TRUE(r["agency_responsible"].is_null());
  EXPECT_NE(r["service_notice"].get<std::string>().find("1 个工作日"), std::string::npos);
  std::string requested = r["requested_datetime"];
  EXPECT_EQ(requested.size(), 25u);
  EXPECT_EQ(requested.substr(19), "+08:00");
  EXPECT_EQ(r["updated_datetime"], requested);
  EXPECT_TRUE(r["expected_datetime"].is_null());
  EXPECT_EQ(r["address"], "枫源村村口");
  // The point to about 100 m: 3 decimals of a degree, not the 7 submitted.
  EXPECT_DOUBLE_EQ(r["lat"].get<double>(), std::round(std::stod(lat) * 1000) / 1000);
  EXPECT_DOUBLE_EQ(r["long"].get<double>(), std::round(std::stod(lng) * 1000) / 1000);
  EXPECT_NE(r["lat"].get<double>(), std::stod(lat));
  EXPECT_EQ(r["media_url"], "https://img.example.com/a.jpg?x=1&y=2");
  for (const char* field : {"address_id", "zipcode"}) EXPECT_TRUE(r.contains(field)) << field;

  HttpResponse xml = Client().Get(std::string(kBase) + "/requests/" + id + ".xml");
  ASSERT_EQ(xml.status, 200);
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "description"),
            std::vector<std::string>{"村口垃圾 <满溢> & \"散落\" 'everywhere'"});
  EXPECT_NE(xml.body.find("村口垃圾 &lt;满溢&gt; &amp; &quot;散落&quot; &apos;everywhere&apos;"),
            std::string::npos);
  EXPECT_EQ(Texts(xml, "media_url"),
            std::vector<std::string>{"https://img.example.com/a.jpg?x=1&y=2"});
  EXPECT_EQ(Texts(xml, "requested_datetime"), std::vector<std::string>{requested});
  for (const char* element : {"service_request_id", "status", "status_notes", "service_name",
                              "service_code", "description", "agency_responsible", "service_notice",
                              "requested_datetime", "updated_datetime", "expected_datetime",
                              "address", "address_id", "zipcode", "lat", "long", "media_url"}) {
    EXPECT_EQ(Texts(xml, element).size(), 1u) << element;
  }

  // Dispatched: the department is responsible and a handling deadline is expected.
  Json c = StaffCase(id);
  c = Act(c, "file");
  c = Act(c, "dispatch", {{"department_code", kCityManagement}});
  Json dispatched = Client().Get(std::string(kBase) + "/requests/" + id + ".json").json()[0];
  EXPECT_EQ(dispatched["status"], "open");
  EXPECT_EQ(dispatched["status_notes"], "待签收");
  EXPECT_FALSE(dispatched["agency_responsible"].is_null());
  EXPECT_FALSE(dispatched["expected_datetime"].is_null());
  EXPECT_GE(dispatched["updated_datetime"].get<std::string>(), requested);

  // Rejected counts as closed.
  std::string rejected = Create("E0102");
  Act(StaffCase(rejected), "reject", {{"note", "重复上报"}});
  Json closed = Client().Get(std::string(kBase) + "/requests/" + rejected + ".json").json()[0];
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["status_notes"], "不予立案");
  EXPECT_TRUE(Ids("?status=closed").count(rejected));
  EXPECT_FALSE(Ids("?status=open").count(rejected));

  ExpectError(Client().Get(std::string(kBase) + "/requests/99999999.json"), 404,
              "service_request_id");
  ExpectError(Client().Get(std::string(kBase) + "/requests/abc.json"), 404);
  HttpResponse missing_xml = Client().Get(std::string(kBase) + "/requests/99999999.xml");
  EXPECT_EQ(missing_xml.status, 404);
  ExpectXml(missing_xml);
}

TEST_F(Open311Api, TokensAreTrackingCodes) {
  auto [id, token] = CreateWithToken("E0102");
  HttpResponse json = Client().Get(std::string(kBase) + "/tokens/" + token + ".json");
  ASSERT_EQ(json.status, 200) << json.body;
  ExpectJson(json);
  Json expected = Json::array();
  expected.push_back({{"service_request_id", id}, {"token", token}});
  EXPECT_EQ(json.json(), expected);
  HttpResponse xml = Client().Get(std::string(kBase) + "/tokens/" + token + ".xml");
  ExpectXml(xml);
  EXPECT_EQ(Texts(xml, "service_request_id"), std::vector<std::string>{id});
  EXPECT_EQ(Texts(xml, "token"), std::vector<std::string>{token});
  ExpectError(Client().Get(std::string(kBase) + "/tokens/NOSUCHTOKEN.json"), 404, "token");
  // The code of a resident's report through the resident form is that resident's credential,
  // not an Open311 token: answered as an unknown token.
  HttpResponse resident = Client().Post(
      "/api/v1/public/cases",
      Json{{"category_code", "C0108"}, {"description", "路灯不亮了"}, {"grid_code", kGrid1}});
  ASSERT_EQ(resident.status, 201) << resident.body;
  std::string resident_code = resident.json()["tracking_code"];
  ExpectError(Client().Get(std::string(kBase) + "/tokens/" + resident_code + ".json"), 404,
              "token");
}

TEST_F(Open311Api, PublicAnswersNeverCarryTheReportersPersonalData) {
  auto [id, token] = CreateWithToken("E0102");
  std::vector<std::string> targets;
  for (const char* ext : {"json", "xml"}) {
    targets.push_back(std::string(kBase) + "/requests." + ext);
    targets.push_back(std::string(kBase) + "/requests." + ext + "?service_request_id=" + id);
    targets.push_back(std::string(kBase) + "/requests/" + id + "." + ext);
    targets.push_back(std::string(kBase) + "/tokens/" + token + "." + ext);
  }
  for (const auto& t : targets) {
    HttpResponse r = Client().Get(t);
    ASSERT_EQ(r.status, 200) << t;
    EXPECT_NE(r.body.find(id), std::string::npos) << t;
    for (const char* secret :
         {kFirstName, kLastName, kFullName, kPhone, kEmail, kDevice, kAccount}) {
      EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " in " << t;
    }
    // The tracking code is a credential: only the token resource echoes it (to whoever has it).
    if (t.find("/tokens/") == std::string::npos) {
      EXPECT_EQ(r.body.find(token), std::string::npos) << t;
    }
  }
  // People's circumstances (an elderly person living alone) are not put on a map.
  std::string elderly = Create("E0605", {{"description", "独居老人多日未出门"}});
  for (const char* ext : {"json", "xml"}) {
    HttpResponse r = Client().Get(std::string(kBase) + "/requests/" + elderly + "." + ext);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("独居老人多日未出门"), std::string::npos);
    EXPECT_EQ(r.body.find("枫源村村口"), std::string::npos);
    EXPECT_NE(r.body.find("独居老人异常"), std::string::npos);  // the service name stays
  }
  Json withheld = Client().Get(std::string(kBase) + "/requests/" + elderly + ".json").json()[0];
  EXPECT_TRUE(withheld["lat"].is_null());
  EXPECT_TRUE(withheld["description"].is_null());
  EXPECT_EQ(withheld["status"], "open");
}

// Security issue 12, finding 8: the public list is not a map of residents' doors nor a copy of
// their words. Points are published to about 100 m; a resident's description and address only
// when the resident chose to publish them (public_description on the resident form).
TEST_F(Open311Api, ResidentTextIsPublishedOnlyByChoiceAndPointsAreRounded) {
  auto [lat_text, lng_text] = PointInGrid1();
  double lat = std::stod(lat_text), lng = std::stod(lng_text);
  auto resident = [&](Json extra) {
    Json body = {{"category_code", "C0108"},
                 {"description", "我家楼下路灯坏了，张阿姨摔了一跤"},
                 {"address", "幸福路 12 号 3 单元"},
                 {"lng", lng},
                 {"lat", lat}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    return Client().Post("/api/v1/public/cases", body);
  };
  HttpResponse bad = resident({{"public_description", "yes"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["code"], "cases.field.type");
  EXPECT_EQ(bad.json()["field"], "public_description");
  ASSERT_EQ(resident({}).status, 201);
  ASSERT_EQ(resident({{"public_description", true}}).status, 201);
  HttpResponse worker = Client().Post("/api/v1/cases",
                                      Json{{"category_code", "E0102"},
                                           {"description", "网格员巡查：垃圾桶满溢"},
                                           {"lng", lng},
                                           {"lat", lat}},
                                      User("grid1"));
  ASSERT_EQ(worker.status, 201) << worker.body;
  std::string worker_id = std::to_string(worker.json()["id"].get<std::int64_t>());
  // The staff answers say which residents chose to publish.
  Json staff = Client().Get("/api/v1/cases?channel=resident&limit=2", User("township")).json();
  ASSERT_EQ(staff["items"].size(), 2u);
  EXPECT_EQ(staff["items"][0]["public_description"], true);   // the newest: published
  EXPECT_EQ(staff["items"][1]["public_description"], false);  // the default
  std::string published_id = std::to_string(staff["items"][0]["id"].get<std::int64_t>());
  std::string private_id = std::to_string(staff["items"][1]["id"].get<std::int64_t>());

  const double rounded_lat = std::round(lat * 1000) / 1000,
               rounded_lng = std::round(lng * 1000) / 1000;
  auto one = [&](const std::string& id) {
    HttpResponse r = Client().Get(std::string(kBase) + "/requests/" + id + ".json");
    EXPECT_EQ(r.status, 200) << r.body;
    Json items = r.json();
    return items.is_array() && !items.empty() ? items[0] : Json();
  };
  Json hidden = one(private_id);
  EXPECT_TRUE(hidden["description"].is_null()) << hidden.dump();
  EXPECT_TRUE(hidden["address"].is_null()) << hidden.dump();
  EXPECT_EQ(hidden["service_code"], "C0108");  // status, service and dates stay
  EXPECT_DOUBLE_EQ(hidden["lat"].get<double>(), rounded_lat);
  EXPECT_DOUBLE_EQ(hidden["long"].get<double>(), rounded_lng);
  Json shown = one(published_id);
  EXPECT_EQ(shown["description"], "我家楼下路灯坏了，张阿姨摔了一跤");
  EXPECT_EQ(shown["address"], "幸福路 12 号 3 单元");
  EXPECT_DOUBLE_EQ(shown["lat"].get<double>(), rounded_lat);
  Json patrol = one(worker_id);
  EXPECT_EQ(patrol["description"], "网格员巡查：垃圾桶满溢");
  EXPECT_DOUBLE_EQ(patrol["lat"].get<double>(), rounded_lat);
  EXPECT_DOUBLE_EQ(patrol["long"].get<double>(), rounded_lng);
  // The list, in both formats, never carries the unpublished text nor a full-precision point.
  for (const char* ext : {"json", "xml"}) {
    HttpResponse list =
        Client().Get(std::string(kBase) + "/requests." + ext + "?service_request_id=" + private_id +
                     "," + published_id + "," + worker_id);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.body.find("我家楼下路灯坏了"), list.body.rfind("我家楼下路灯坏了")) << ext;
    EXPECT_EQ(list.body.find(lat_text), std::string::npos) << ext;
    EXPECT_EQ(list.body.find(lng_text), std::string::npos) << ext;
  }
}

TEST(Open311Redact, RoundsEveryPointAndWithholdsResidentsTextByDefault) {
  EXPECT_DOUBLE_EQ(cases::open311::RoundCoordinate(120.2345678), 120.235);
  EXPECT_DOUBLE_EQ(cases::open311::RoundCoordinate(29.7123449), 29.712);
  EXPECT_DOUBLE_EQ(cases::open311::RoundCoordinate(-0.0004), 0.0);
  cases::open311::PublicRequest r;
  r.channel = "resident";
  r.description = "d", r.address = "a", r.lat = 29.71234, r.lng = 120.23456;
  cases::open311::Redact(r);
  EXPECT_EQ(r.description, "");
  EXPECT_EQ(r.address, "");
  EXPECT_DOUBLE_EQ(*r.lat, 29.712);
  EXPECT_DOUBLE_EQ(*r.lng, 120.235);
  cases::open311::PublicRequest p;
  p.channel = "resident", p.public_description = true, p.description = "d", p.address = "a";
  cases::open311::Redact(p);
  EXPECT_EQ(p.description, "d");
  EXPECT_EQ(p.address, "a");
  cases::open311::PublicRequest w;
  w.channel = "grid_worker", w.description = "d", w.withheld = true, w.lat = 1.0;
  cases::open311::Redact(w);
  EXPECT_EQ(w.description, "");
  EXPECT_FALSE(w.lat);
}

TEST_F(Open311Api, ApiKeyCommandPrintsTheKeyLastAndManagesKeys) {
  auto run = [&](std::vector<std::string> args) -> std::pair<int, std::string> {
    CLI::App cli("jiceng");
    auto commands = cases::AddApiKeyCommands(cli, []() -> cases::CasesContext& { return *ctx_; });
    std::vector<const char*> argv = {"jiceng"};
    for (const auto& a : args) argv.push_back(a.c_str());
    cli.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
    for (auto& c : commands) {
      if (!c.command->parsed()) continue;
      ::testing::internal::CaptureStdout();
      ::testing::internal::CaptureStderr();
      int code = c.run(app_->app().context());
      std::string out = ::testing::internal::GetCapturedStdout();
      std::string err = ::testing::internal::GetCapturedStderr();
      return {code, out + err};
    }
    return {-1, ""};
  };
  auto [code, out] = run({"apikey", "add", "cli-client", "--org", kTownship});
  ASSERT_EQ(code, 0) << out;
  std::string trimmed = out.substr(0, out.find_last_not_of('\n') + 1);
  std::string key = trimmed.substr(trimmed.rfind('\n') + 1);
  EXPECT_EQ(key.rfind("jc311_", 0), 0u) << out;
  EXPECT_EQ(PostForm("json", Request("E0102", {{"api_key", key}})).status, 200);

  auto [list_code, listed] = run({"apikey", "list"});
  EXPECT_EQ(list_code, 0);
  EXPECT_NE(listed.find("cli-client\t330681109"), std::string::npos) << listed;
  EXPECT_EQ(listed.find(key), std::string::npos);  // never the key itself
  // Stored as a hash only.
  auto rows =
      app_->app().db().Query("SELECT key_hash FROM cases_api_keys WHERE name = 'cli-client'");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Text(0), cases::HashApiKey(key));

  auto [taken, taken_out] = run({"apikey", "add", "cli-client"});
  EXPECT_EQ(taken, 1);
  EXPECT_NE(taken_out.find("cases.apikey.exists"), std::string::npos) << taken_out;
  EXPECT_EQ(run({"apikey", "add", "bad name"}).first, 1);
  EXPECT_EQ(run({"apikey", "add", "nowhere", "--org", "999999"}).first, 1);
  EXPECT_EQ(run({"apikey", "revoke", "cli-client"}).first, 0);
  EXPECT_EQ(PostForm("json", Request("E0102", {{"api_key", key}})).status, 403);
  EXPECT_NE(run({"apikey", "list"}).second.find("revoked"), std::string::npos);
  EXPECT_EQ(run({"apikey", "revoke", "no-such-client"}).first, 1);
}

// Security issue 12, findings 6 and 8: the public reads are limited per client (the address, or the
// client a trusted proxy names), so the reports cannot be copied wholesale nor tracking codes
// guessed. A suite of its own: the limits are counted per server.
class Open311Limits : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.trusted_proxies = {"127.0.0.1"};
    StartApp(options);
  }
  static RequestOptions From(const std::string& client) {
    RequestOptions o;
    o.headers.emplace_back("X-Forwarded-For", client);
    return o;
  }
};

TEST_F(Open311Limits, ReadsAndTokensAreLimitedPerClient) {
  const std::string a = "203.0.113.7", b = "203.0.113.8";
  // 120 reads a minute: the list and single requests count together.
  for (int i = 0; i < 120; ++i) {
    std::string target = i % 2 ? std::string(kBase) + "/requests.json"
                               : std::string(kBase) + "/requests/99999999.xml";
    HttpResponse r = Client().Get(target, From(a));
    ASSERT_NE(r.status, 429) << i;
  }
  for (const char* target : {"/requests.json", "/requests.xml", "/requests/1.json"}) {
    HttpResponse r = Client().Get(std::string(kBase) + target, From(a));
    EXPECT_EQ(r.status, 429) << target;
    EXPECT_EQ(r.Header("retry-after"), "60");
    EXPECT_NE(r.body.find("cases.open311.rate_limited"), std::string::npos) << r.body;
    if (std::string(target).find(".json") != std::string::npos) {
      Json errors = r.json();
      ASSERT_TRUE(errors.is_array() && !errors.empty()) << r.body;
      EXPECT_EQ(errors[0]["code"], 429);
    } else {
      EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
    }
  }
  // Another client is not held back, and tokens have their own, tighter limit.
  EXPECT_EQ(Client().Get(std::string(kBase) + "/requests.json", From(b)).status, 200);
  for (int i = 0; i < 30; ++i) {
    HttpResponse r = Client().Get(std::string(kBase) + "/tokens/ABCDEFGHJK.json", From(b));
    ASSERT_EQ(r.status, 404) << i << r.body;
  }
  HttpResponse guessing = Client().Get(std::string(kBase) + "/tokens/ABCDEFGHJL.json", From(b));
  EXPECT_EQ(guessing.status, 429) << guessing.body;
  EXPECT_NE(guessing.body.find("cases.open311.rate_limited"), std::string::npos);
  // Discovery and services are not limited.
  EXPECT_EQ(Client().Get("/open311/discovery.json", From(a)).status, 200);
  EXPECT_EQ(Client().Get(std::string(kBase) + "/services.json", From(a)).status, 200);
}

}  // namespace
}  // namespace jiceng::testing
