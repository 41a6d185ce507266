// API tests through the real server: a TestApp runs the Application (core + org module) on a
// fresh database of the driver under test, optionally with the demo county seeded, and serves
// on a free port of 127.0.0.1. HttpClient / HttpConnection speak HTTP/1.1 over plain POSIX
// sockets, so tests can also write raw bytes (pipelining, malformed requests).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/app/application.hpp"
#include "core/time/clock.hpp"

namespace jiceng::testing {

using Json = nlohmann::json;

struct HttpResponse {
  int status = 0;                                   // 0 = no response (connection failed)
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string error;  // why status is 0

  // The first value of a header, or "".
  std::string Header(const std::string& name) const;
  std::vector<std::string> Headers(const std::string& name) const;
  // The body parsed as JSON (a discarded value if it is not JSON).
  Json json() const;
};

struct RequestOptions {
  std::string bearer;  // Authorization: Bearer ...
  std::string cookie;  // Cookie: ... (as sent: "a=1; b=2")
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
};

// One TCP connection; requests on it are sent one after another (keep-alive) or written raw.
class HttpConnection {
 public:
  explicit HttpConnection(int port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  bool WriteRaw(const std::string& bytes);
  // Reads exactly one response (Content-Length or chunked; close-delimited when neither).
  HttpResponse ReadResponse(bool head_request = false);
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body,
                    const RequestOptions& options = {});
  // True when the peer has closed the connection (reads EOF within the receive timeout).
  bool PeerClosed();
  void Close();

 private:
  bool Fill();  // reads more bytes into buffer_; false on EOF or error
  int fd_ = -1;
  std::string buffer_;
  std::string error_;
};

// Formats one request the way a client would send it.
std::string FormatRequest(const std::string& method, const std::string& target,
                          const std::string& body, const RequestOptions& options = {});

// One connection per call.
class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  HttpResponse Get(const std::string& target, const RequestOptions& options = {}) const;
  HttpResponse Post(const std::string& target, const std::string& body,
                    const RequestOptions& options = {}) const;
  HttpResponse Post(const std::string& target, const Json& body,
                    const RequestOptions& options = {}) const {
    return Post(target, body.dump(), options);
  }
  HttpResponse Put(const std::string& target, const Json& body,
                   const RequestOptions& options = {}) const;
  HttpResponse Delete(const std::string& target, const RequestOptions& options = {}) const;
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body,
                    const RequestOptions& options = {}) const;
  int port() const { return port_; }

 private:
  int port_;
};

// Convenience for bearer-authenticated requests.
inline RequestOptions As(const std::string& token) {
  RequestOptions o;
  o.bearer = token;
  return o;
}

// True if a TCP connection to 127.0.0.1:port is refused (nobody listens).
bool ConnectionRefused(int port);

struct TestAppOptions {
  bool seed_demo = true;            // the demo county 诸暨市 with accounts (~1.5 s)
  std::int64_t demo_residents = 0;  // synthetic residents added by the people module's seed
  std::int64_t demo_cases = 0;      // synthetic cases over the past year (cases module)
  std::string web_root;
  std::int64_t body_limit_bytes = 0;  // 0 = the default
  std::vector<std::string> trusted_proxies;
  int max_connections_per_client = 0;  // 0 = the default
  // Adds GET /test/slow (public): blocks its worker until TestApp::ReleaseSlow().
  bool slow_route = false;
  // Runs the server on a settable clock starting at this instant (UTC ms) instead of the
  // system clock: deadline tests set the day and advance time (see TestApp::clock()).
  std::optional<std::int64_t> manual_clock_ms;
  // Last word on the configuration, after the settings above (a setting no option names).
  std::function<void(core::app::Config&)> configure;
};

class TestApp {
 public:
  static constexpr const char* kDemoPassword = "Demo-Pass-2026";

  explicit TestApp(TestAppOptions options = {});
  ~TestApp();

  // Empty when the application opened, seeded and serves; else what failed.
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

  core::app::Application& app() { return *app_; }
  int port() const { return port_; }
  HttpClient client() const { return HttpClient(port_); }

  // Logs in through the API once per username (demo password) and caches the answer.
  std::string Token(const std::string& username);
  // Drops cached tokens (after moving a manual clock past the session idle timeout).
  void ForgetTokens();
  // Drops one account's cached token (after that session logged out).
  void ForgetToken(const std::string& username);
  // The manual clock (options.manual_clock_ms), or nullptr on the system clock.
  core::time::ManualClock* clock() { return manual_clock_; }
  // A fresh login (not cached) as a bearer client ("bearer": true): the whole response. For an
  // administrator that enrolled a second factor through Token(), the current TOTP code is sent too.
  HttpResponse Login(const std::string& username, const std::string& password = kDemoPassword);
  // The first login of an account an administrator created: logs in with the password it was
  // given, changes it (as the console makes the person do) and returns the session token.
  std::string FirstLogin(const std::string& username, const std::string& given_password);
  // The current TOTP code of an administrator enrolled through Token() ("" if none).
  std::string TotpCode(const std::string& username);

  // For the slow route: waits until a request has entered the handler; then lets it finish.
  bool WaitSlowEntered(std::chrono::milliseconds timeout);
  void ReleaseSlow();

 private:
  bool EnrolTotp(const std::string& username, const std::string& token);
  struct SlowGate;
  std::shared_ptr<SlowGate> gate_;
  std::unique_ptr<core::app::Application> app_;
  core::time::ManualClock* manual_clock_ = nullptr;  // owned by app_
  std::string error_;
  int port_ = 0;
  std::mutex mu_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> totp_secrets_;  // by username, raw bytes
};

}  // namespace jiceng::testing
