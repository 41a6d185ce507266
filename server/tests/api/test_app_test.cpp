// The test harness of the API tests.
#include "tests/test_app.hpp"

#include <gtest/gtest.h>

namespace jiceng::testing {
namespace {

TEST(ApiHarness, FormatsRequestsWithLengthAndCredentials) {
  RequestOptions o;
  o.bearer = "tok";
  o.cookie = "a=1";
  o.headers = {{"X-Request-Id", "r1"}};
  std::string req = FormatRequest("POST", "/p?q=1", "{}", o);
  EXPECT_EQ(req,
            "POST /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer tok\r\n"
            "Cookie: a=1\r\nX-Request-Id: r1\r\nContent-Type: application/json\r\n"
            "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(FormatRequest("GET", "/", ""), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

TEST(ApiHarness, HeadersAreCaseInsensitiveAndRepeatable) {
  HttpResponse r;
  r.headers.emplace("set-cookie", "a=1");
  r.headers.emplace("set-cookie", "b=2");
  EXPECT_EQ(r.Header("Set-Cookie"), "a=1");
  EXPECT_EQ(r.Headers("SET-COOKIE"), (std::vector<std::string>{"a=1", "b=2"}));
  EXPECT_EQ(r.Header("x-missing"), "");
}

}  // namespace
}  // namespace jiceng::testing
