// Memory, disk and connections cannot be exhausted without logging in: a protected route's body
// is not read before the session is checked, login takes a few KB, connections are capped per
// client; and behind a trusted proxy the client is the one it names (limits and the audit
// source key on it), while anyone else's X-Forwarded-For is ignored.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "tests/test_app.hpp"

namespace jiceng::testing {
namespace {

TEST(ApiExhaustion, AProtectedBodyIsNotReadWithoutASession) {
  TestAppOptions options;
  options.seed_demo = false;
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  // The resident import takes 200 MB, but only from a logged-in importer: announce 150 MB and
  // send none of it. The answer must come at once, not after the body (or a timeout).
  HttpConnection conn(app.port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.WriteRaw(
      "POST /api/v1/imports/residents HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\n"
      "Content-Length: 157286400\r\n\r\n"));
  HttpResponse r = conn.ReadResponse();
  EXPECT_EQ(r.status, 401) << r.error;
  EXPECT_EQ(r.json().value("code", ""), "auth.required");
  EXPECT_TRUE(conn.PeerClosed());  // the unread body cannot be followed by another request
}

TEST(ApiExhaustion, LoginBodiesAreSmall) {
  TestAppOptions options;
  options.seed_demo = false;
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  const std::string padding(5000, 'a');
  HttpResponse big = app.client().Post(
      "/api/v1/auth/login", Json{{"username", "x"}, {"password", "y"}, {"pad", padding}});
  EXPECT_EQ(big.status, 413);
  HttpResponse small =
      app.client().Post("/api/v1/auth/login", Json{{"username", "x"}, {"password", "y"}});
  EXPECT_EQ(small.status, 401);
}

TEST(ApiExhaustion, ConnectionsPerClientAreCapped) {
  TestAppOptions options;
  options.seed_demo = false;
  options.max_connections_per_client = 4;
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  std::vector<std::unique_ptr<HttpConnection>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<HttpConnection>(app.port()));
    HttpResponse ok = open.back()->Send("GET", "/healthz", "");
    ASSERT_EQ(ok.status, 200) << i;  // each connection is really open and served
  }
  HttpConnection fifth(app.port());
  HttpResponse refused = fifth.Send("GET", "/healthz", "");
  EXPECT_EQ(refused.status, 503);
  // A slot frees when a connection closes.
  open.pop_back();
  HttpResponse again;
  for (int attempt = 0; attempt < 50 && again.status != 200; ++attempt) {
    HttpConnection next(app.port());
    again = next.Send("GET", "/healthz", "");
    if (again.status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(again.status, 200);
}

TEST(ApiExhaustion, BehindATrustedProxyTheForwardedClientIsTheSource) {
  TestAppOptions options;
  options.trusted_proxies = {"127.0.0.1"};
  TestApp app(options);
  ASSERT_TRUE(app.ok()) << app.error();
  RequestOptions via_proxy;
  via_proxy.headers = {{"X-Forwarded-For", "6.6.6.6, 203.0.113.9"}};
  HttpResponse bad = app.client().Post(
      "/api/v1/auth/login", Json{{"username", "county"}, {"password", "Wrong-pass-1"}}, via_proxy);
  EXPECT_EQ(bad.status, 401);
  HttpResponse log =
      app.client().Get("/api/v1/auth/logins?username=county", As(app.Token("auditor")));
  ASSERT_EQ(log.status, 200) << log.body;
  const Json items = log.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["source"], "203.0.113.9");  // not the proxy, not the forged first entry
}

TEST(ApiExhaustion, AnUntrustedPeerCannotChooseItsAddress) {
  TestApp app;  // no trusted proxies
  ASSERT_TRUE(app.ok()) << app.error();
  RequestOptions forged;
  forged.headers = {{"X-Forwarded-For", "203.0.113.9"}};
  (void)app.client().Post("/api/v1/auth/login",
                          Json{{"username", "county"}, {"password", "Wrong-pass-1"}}, forged);
  HttpResponse log =
      app.client().Get("/api/v1/auth/logins?username=county", As(app.Token("auditor")));
  const Json items = log.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["source"], "127.0.0.1");
}

}  // namespace
}  // namespace jiceng::testing
