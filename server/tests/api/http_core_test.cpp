// The HTTP server as a client meets it over TCP: system routes, problem+json errors, request
// ids, keep-alive and pipelining, the body limit, the web UI's static files, cookie sessions
// with CSRF, and a graceful stop that finishes in-flight requests.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/http/router.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndexHtml = "<!doctype html><title>基层治理</title><div id=app></div>";
constexpr const char* kMobileHtml = "<!doctype html><title>网格员</title><div id=m></div>";
constexpr const char* kAppJs = "console.log('jiceng');\n";
const std::string kAppJsGz("\x1f\x8b\x08\x00gzipped-bytes\x00\x01", 20);

bool IsProblem(const HttpResponse& r) {
  return r.Header("content-type").rfind("application/problem+json", 0) == 0;
}

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// The value of an unlabelled Prometheus sample ("name 3"), or -1.
double Sample(const std::string& text, const std::string& name) {
  std::size_t pos = 0;
  while ((pos = text.find(name + " ", pos)) != std::string::npos) {
    if (pos == 0 || text[pos - 1] == '\n') {
      return std::stod(text.substr(pos + name.size() + 1));
    }
    pos += name.size();
  }
  return -1;
}

class ApiHttpCore : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    web_root_ = TempDir() + "/web-http-core";
    WriteFile(fs::path(web_root_) / "index.html", kIndexHtml);
    WriteFile(fs::path(web_root_) / "assets" / "app.js", kAppJs);
    WriteFile(fs::path(web_root_) / "assets" / "app.js.gz", kAppJsGz);
    WriteFile(fs::path(web_root_) / "m" / "index.html", kMobileHtml);
    TestAppOptions options;
    options.web_root = web_root_;
    StartApp(options);
  }

  static std::string web_root_;
};

std::string ApiHttpCore::web_root_;

TEST_F(ApiHttpCore, HealthzAnswersOk) {
  HttpResponse r = Client().Get("/healthz");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.json(), Json({{"status", "ok"}}));
  EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
}

TEST_F(ApiHttpCore, MetricsArePrometheusTextWithRequestsConnectionsAndWriteQueue) {
  ASSERT_EQ(Client().Get("/api/v1/orgs/330681", As(app_->Token("county"))).status, 200);
  HttpConnection conn(app_->port());  // stays open while /metrics is read on it
  HttpResponse r = conn.Send("GET", "/metrics", "");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.Header("content-type").rfind("text/plain", 0), 0u) << r.Header("content-type");
  const std::string& text = r.body;
  EXPECT_NE(text.find("# TYPE jiceng_http_requests_total counter"), std::string::npos);
  const std::string series =
      "jiceng_http_requests_total{route=\"/api/v1/orgs/{code}\",method=\"GET\",status=\"200\"} ";
  std::size_t at = text.find(series);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_GE(std::stod(text.substr(at + series.size())), 1.0);
  EXPECT_NE(text.find("jiceng_http_request_duration_seconds_bucket{route=\"/api/v1/orgs/{code}\""),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE jiceng_http_open_connections gauge"), std::string::npos);
  EXPECT_GE(Sample(text, "jiceng_http_open_connections"), 1.0) << text;
  EXPECT_NE(text.find("# TYPE jiceng_db_write_queue_depth gauge"), std::string::npos);
  EXPECT_GE(Sample(text, "jiceng_db_write_queue_depth"), 0.0) << text;
}

TEST_F(ApiHttpCore, OpenApiDocumentListsEveryRegisteredRoute) {
  HttpResponse r = Client().Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.error;
  Json doc = r.json();
  ASSERT_TRUE(doc.is_object()) << r.body.substr(0, 200);
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
  const Json& paths = doc["paths"];
  std::size_t n = 0;
  for (const auto& route : app_->app().router().routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(paths[route.pattern].contains(method)) << route.method << " " << route.pattern;
    ++n;
  }
  EXPECT_GE(n, 30u);
  EXPECT_TRUE(paths.contains("/api/v1/grids/{code}"));
  EXPECT_TRUE(paths.contains("/api/v1/public/grids/{code}"));
}

TEST_F(ApiHttpCore, UnknownApiPathIsAProblem404) {
  HttpResponse r = Client().Get("/api/v1/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(IsProblem(r)) << r.Header("content-type");
  Json j = r.json();
  EXPECT_EQ(j["code"], "http.not_found");
  EXPECT_EQ(j["status"], 404);
  EXPECT_FALSE(j["title"].get<std::string>().empty());
  EXPECT_EQ(j["request_id"], r.Header("x-request-id"));
  EXPECT_EQ(r.body.find("<!doctype"), std::string::npos);
}

TEST_F(ApiHttpCore, WrongMethodOnAKnownPathIs405) {
  HttpResponse r = Client().Send("DELETE", "/healthz", "");
  EXPECT_EQ(r.status, 405);
  EXPECT_TRUE(IsProblem(r));
  EXPECT_EQ(r.json()["code"], "http.method_not_allowed");
  // A protected path with a method it lacks: still 405, and no login is needed to learn that.
  HttpResponse patch = Client().Send("PATCH", "/api/v1/grids/330681109290001", "{}");
  EXPECT_EQ(patch.status, 405) << patch.body;
}

TEST_F(ApiHttpCore, RequestIdIsEchoedWhenSaneAndGeneratedOtherwise) {
  RequestOptions given;
  given.headers = {{"X-Request-Id", "client-abc_1.2"}};
  EXPECT_EQ(Client().Get("/healthz", given).Header("x-request-id"), "client-abc_1.2");
  HttpResponse problem = Client().Get("/api/v1/nope", given);
  EXPECT_EQ(problem.json()["request_id"], "client-abc_1.2");

  std::string a = Client().Get("/healthz").Header("x-request-id");
  std::string b = Client().Get("/healthz").Header("x-request-id");
  EXPECT_FALSE(a.empty());
  EXPECT_FALSE(b.empty());
  EXPECT_NE(a, b);

  // Ids that would pollute logs are replaced.
  for (const std::string& bad :
       {std::string("has space"), std::string(100, 'x'), std::string("semi;colon")}) {
    RequestOptions o;
    o.headers = {{"X-Request-Id", bad}};
    std::string got = Client().Get("/healthz", o).Header("x-request-id");
    EXPECT_FALSE(got.empty());
    EXPECT_NE(got, bad);
  }
}

TEST_F(ApiHttpCore, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpConnection conn(app_->port());
  ASSERT_TRUE(conn.connected()) << conn.error();
  const std::string token = app_->Token("township");
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(conn.Send("GET", "/healthz", "").status, 200);
    EXPECT_EQ(conn.Send("GET", "/api/v1/nope", "").status, 404);
    HttpResponse roots = conn.Send("GET", "/api/v1/orgs/roots", "", As(token));
    ASSERT_EQ(roots.status, 200) << roots.error;
    EXPECT_NE(roots.Header("connection"), "close");
  }
  HttpResponse ui = conn.Send("GET", "/api/v1/ui-config", "");
  EXPECT_EQ(ui.status, 200);
  EXPECT_TRUE(ui.json().contains("map"));
}

TEST_F(ApiHttpCore, PipelinedRequestsAreAnsweredInOrder) {
  HttpConnection conn(app_->port());
  ASSERT_TRUE(conn.connected()) << conn.error();
  auto with_id = [](const std::string& id, const std::string& token = {}) {
    RequestOptions o;
    o.bearer = token;
    o.headers = {{"X-Request-Id", id}};
    return o;
  };
  // A database route (worker pool) first, then an event-loop route: order must still hold.
  std::string bytes =
      FormatRequest("GET", "/api/v1/orgs/roots", "", with_id("pipe-1", app_->Token("village"))) +
      FormatRequest("GET", "/healthz", "", with_id("pipe-2")) +
      FormatRequest("GET", "/api/v1/nope", "", with_id("pipe-3"));
  ASSERT_TRUE(conn.WriteRaw(bytes));
  HttpResponse first = conn.ReadResponse();
  HttpResponse second = conn.ReadResponse();
  HttpResponse third = conn.ReadResponse();
  ASSERT_EQ(first.status, 200) << first.error;
  EXPECT_EQ(first.Header("x-request-id"), "pipe-1");
  EXPECT_EQ(first.json()["items"][0]["code"], "330681109290");
  ASSERT_EQ(second.status, 200) << second.error;
  EXPECT_EQ(second.Header("x-request-id"), "pipe-2");
  EXPECT_EQ(second.json()["status"], "ok");
  ASSERT_EQ(third.status, 404) << third.error;
  EXPECT_EQ(third.Header("x-request-id"), "pipe-3");
}

TEST_F(ApiHttpCore, HashedAssetsAreGzippedAndCachedForever) {
  RequestOptions gzip;
  gzip.headers = {{"Accept-Encoding", "gzip, deflate, br"}};
  HttpResponse r = Client().Get("/assets/app.js", gzip);
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.Header("content-encoding"), "gzip");
  EXPECT_EQ(r.body, kAppJsGz);
  EXPECT_NE(r.Header("cache-control").find("immutable"), std::string::npos)
      << r.Header("cache-control");
  EXPECT_NE(r.Header("cache-control").find("max-age=31536000"), std::string::npos);
  EXPECT_NE(r.Header("vary").find("Accept-Encoding"), std::string::npos);
  EXPECT_EQ(r.Header("content-type").rfind("text/javascript", 0), 0u);

  HttpResponse plain = Client().Get("/assets/app.js");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.body, kAppJs);
}

TEST_F(ApiHttpCore, IndexHtmlIsRevalidatedAndServesClientRoutes) {
  for (const char* path : {"/", "/index.html", "/org/tree", "/org/tree/330681109"}) {
    SCOPED_TRACE(path);
    HttpResponse r = Client().Get(path);
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, kIndexHtml);
    EXPECT_EQ(r.Header("cache-control"), "no-cache");
    EXPECT_EQ(r.Header("content-type").rfind("text/html", 0), 0u);
    EXPECT_FALSE(r.Header("content-security-policy").empty());
  }
}

// Pages may not post forms elsewhere, re-base their relative links, load plugins or be framed:
// the directives that stay open when only default-src is set.
TEST_F(ApiHttpCore, PagesForbidForeignFormsBaseTagsPluginsAndFraming) {
  HttpResponse r = Client().Get("/");
  ASSERT_EQ(r.status, 200) << r.error;
  const std::string csp = r.Header("content-security-policy");
  for (const char* directive : {"default-src 'self'", "form-action 'self'", "base-uri 'none'",
                                "object-src 'none'", "frame-ancestors 'none'"}) {
    EXPECT_NE(csp.find(directive), std::string::npos) << directive << " missing from " << csp;
  }
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << "scripts stay 'self' only: " << csp;
}

TEST_F(ApiHttpCore, MobileAppServesItsOwnClientRoutesAndMGetsItsSlash) {
  for (const char* path : {"/m/", "/m/houses", "/m/residents/12"}) {
    SCOPED_TRACE(path);
    HttpResponse r = Client().Get(path);
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, kMobileHtml);
  }
  // Without the slash the app's relative asset paths would resolve against "/".
  HttpResponse bare = Client().Get("/m");
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.Header("location"), "/m/");
}

TEST_F(ApiHttpCore, ApiPathsAndMissingFilesNeverGetIndexHtml) {
  for (const char* path : {"/api/v1/nope", "/api/v1/orgs/x/y/z", "/assets/missing.js",
                           "/assets/../../etc/passwd", "/open311/v2/nope"}) {
    SCOPED_TRACE(path);
    HttpResponse r = Client().Get(path);
    EXPECT_EQ(r.status, 404) << r.body.substr(0, 100);
    EXPECT_EQ(r.body.find("<!doctype"), std::string::npos);
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
}

// A browser's login: no "bearer", so the session comes as a cookie only.
HttpResponse BrowserLogin(const HttpClient& client, const std::string& username) {
  return client.Post("/api/v1/auth/login",
                     Json{{"username", username}, {"password", TestApp::kDemoPassword}});
}

// The value of a cookie the answer sets ("" if none).
std::string SetCookieValue(const HttpResponse& r, const std::string& name) {
  for (const auto& c : r.Headers("set-cookie")) {
    if (c.rfind(name + "=", 0) == 0)
      return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
  }
  return {};
}

TEST_F(ApiHttpCore, LoginSetsAnHttpOnlyStrictSessionCookieAndACsrfCookie) {
  HttpResponse r = BrowserLogin(Client(), "county");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = r.json();
  std::string session, csrf;
  for (const auto& c : r.Headers("set-cookie")) {
    if (c.rfind("jiceng_session=", 0) == 0) session = c;
    if (c.rfind("jiceng_csrf=", 0) == 0) csrf = c;
  }
  ASSERT_FALSE(session.empty());
  ASSERT_FALSE(csrf.empty());
  EXPECT_FALSE(j.contains("token")) << "the session token is the HttpOnly cookie's alone";
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("; SameSite=Strict"), std::string::npos) << session;
  EXPECT_NE(session.find("; Path=/"), std::string::npos) << session;
  EXPECT_EQ(csrf.rfind("jiceng_csrf=" + j["csrf_token"].get<std::string>() + ";", 0), 0u);
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << "the page must read the CSRF cookie";
  EXPECT_NE(csrf.find("; SameSite=Strict"), std::string::npos) << csrf;
  EXPECT_NE(r.Header("cache-control").find("no-store"), std::string::npos);
  EXPECT_EQ(r.body.find(TestApp::kDemoPassword), std::string::npos);
}

TEST_F(ApiHttpCore, CookieSessionsNeedTheCsrfTokenOnUnsafeMethods) {
  HttpResponse login = BrowserLogin(Client(), "township");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = SetCookieValue(login, "jiceng_session");
  const std::string csrf = login.json()["csrf_token"];
  ASSERT_FALSE(token.empty());
  RequestOptions cookie;
  cookie.cookie = "jiceng_session=" + token + "; jiceng_csrf=" + csrf;

  EXPECT_EQ(Client().Get("/api/v1/auth/me", cookie).status, 200);  // safe method: no token

  HttpResponse missing = Client().Post("/api/v1/grids", std::string("not json"), cookie);
  EXPECT_EQ(missing.status, 403) << missing.body;
  EXPECT_EQ(missing.json()["code"], "auth.csrf");

  RequestOptions wrong = cookie;
  wrong.headers = {{"X-CSRF-Token", csrf + "x"}};
  EXPECT_EQ(Client().Post("/api/v1/grids", std::string("not json"), wrong).json()["code"],
            "auth.csrf");

  RequestOptions right = cookie;
  right.headers = {{"X-CSRF-Token", csrf}};
  HttpResponse passed = Client().Post("/api/v1/grids", std::string("not json"), right);
  EXPECT_EQ(passed.status, 400) << passed.body;  // through auth, stopped by the body
  EXPECT_EQ(passed.json()["code"], "http.bad_json");

  // Bearer clients need no CSRF token.
  HttpResponse bearer = Client().Post("/api/v1/grids", std::string("not json"), As(token));
  EXPECT_EQ(bearer.status, 400) << bearer.body;

  EXPECT_EQ(Client().Post("/api/v1/auth/logout", std::string(), cookie).status, 403);
  HttpResponse out = Client().Post("/api/v1/auth/logout", std::string(), right);
  EXPECT_EQ(out.status, 204) << out.body;
  HttpResponse after = Client().Get("/api/v1/auth/me", cookie);
  EXPECT_EQ(after.status, 401) << after.body;
}

// --- body limit ---------------------------------------------------------------------------

class ApiHttpLimits : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.seed_demo = false;
    options.body_limit_bytes = 1024;
    StartApp(options);
  }
};

TEST_F(ApiHttpLimits, BodyOverTheLimitIs413AndClosesTheConnection) {
  HttpConnection conn(app_->port());
  ASSERT_TRUE(conn.connected());
  std::string big = "{\"username\":\"" + std::string(5000, 'a') + "\",\"password\":\"x\"}";
  ASSERT_TRUE(conn.WriteRaw(FormatRequest("POST", "/api/v1/auth/login", big)));
  HttpResponse r = conn.ReadResponse();
  EXPECT_EQ(r.status, 413) << r.error;
  EXPECT_TRUE(IsProblem(r));
  EXPECT_EQ(r.json()["code"], "http.body_too_large");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  EXPECT_TRUE(conn.PeerClosed());
}

TEST_F(ApiHttpLimits, DeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent) {
  ExpectDeclaredBodyRefused("/api/v1/auth/login");
}

TEST_F(ApiHttpLimits, ChunkedBodyOverTheLimitIs413) {
  HttpConnection conn(app_->port());
  std::string chunk(5000, 'a');  // over login's own 4 KB
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  ASSERT_TRUE(conn.WriteRaw(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      std::string(size) + "\r\n" + chunk + "\r\n0\r\n\r\n"));
  HttpResponse r = conn.ReadResponse();
  EXPECT_EQ(r.status, 413) << r.error;
  EXPECT_EQ(r.json()["code"], "http.body_too_large");
}

TEST_F(ApiHttpLimits, BodyWithinTheLimitIsServed) {
  HttpResponse r = app_->client().Post("/api/v1/auth/login",
                                       Json{{"username", "nobody"}, {"password", "Wrong-pass-1"}});
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.json()["code"], "auth.bad_credentials");
}

// --- graceful stop ------------------------------------------------------------------------

struct StopOutcome {
  bool listener_closed_during_stop = false;
  HttpResponse in_flight;  // the answer to the request that was running when Stop() began
  bool busy_closed = false;
  bool idle_closed = false;
  bool refused_after = false;
};

// Starts a request that blocks in its handler, calls Stop() on another thread, lets the request
// finish only once the listener is closed (Stop has begun), and records what clients saw.
StopOutcome StopWhileARequestIsInFlight() {
  StopOutcome out;
  TestAppOptions options;
  options.seed_demo = false;
  options.slow_route = true;
  TestApp app(options);
  EXPECT_TRUE(app.ok()) << app.error();
  if (!app.ok()) return out;
  const int port = app.port();

  HttpConnection busy(port);
  EXPECT_TRUE(busy.WriteRaw(FormatRequest("GET", "/test/slow", "")));
  EXPECT_TRUE(app.WaitSlowEntered(std::chrono::seconds(10)));
  HttpConnection idle(port);  // a keep-alive connection with nothing in flight
  EXPECT_EQ(idle.Send("GET", "/healthz", "").status, 200);

  std::thread stopper([&] { app.app().Stop(); });
  for (int i = 0; i < 1000 && !out.listener_closed_during_stop; ++i) {
    out.listener_closed_during_stop = ConnectionRefused(port);
    if (!out.listener_closed_during_stop) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  app.ReleaseSlow();
  out.in_flight = busy.ReadResponse();
  stopper.join();
  out.busy_closed = busy.PeerClosed();
  out.idle_closed = idle.PeerClosed();
  out.refused_after = ConnectionRefused(port);
  return out;
}

TEST(ApiHttpStop, StopFinishesTheInFlightRequestThenRefusesConnections) {
  StopOutcome out = StopWhileARequestIsInFlight();
  EXPECT_TRUE(out.listener_closed_during_stop) << "the listener stayed open after Stop()";
  EXPECT_EQ(out.in_flight.status, 200) << out.in_flight.error;
  EXPECT_EQ(out.in_flight.json()["slow"], "done");
  EXPECT_TRUE(out.busy_closed);
  EXPECT_TRUE(out.idle_closed);
  EXPECT_TRUE(out.refused_after);
}

TEST(ApiHttpStop, AnswerDuringStopAnnouncesConnectionClose) {
  StopOutcome out = StopWhileARequestIsInFlight();
  ASSERT_EQ(out.in_flight.status, 200) << out.in_flight.error;
  EXPECT_EQ(out.in_flight.Header("connection"), "close");
}

// More concurrent requests than read connections, each answer needing a second read (grid
// workers' names): nested reads join the running one, so nothing waits for a free connection.
TEST_F(ApiHttpCore, ConcurrentRequestsWithNestedReadsAllComplete) {
  const std::string token = app_->Token("county");
  constexpr int kThreads = 24;
  std::vector<int> statuses(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = Client().Get("/api/v1/orgs/330681109290/grids", As(token)).status;
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(statuses[i], 200) << "request " << i;
}

}  // namespace
}  // namespace jiceng::testing
