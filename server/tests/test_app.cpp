#include "tests/test_app.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>

#include "core/auth/totp.hpp"
#include "modules/autonomy/api.hpp"
#include "modules/cases/api.hpp"
#include "modules/org/api.hpp"
#include "modules/org/divisions.hpp"
#include "modules/party/api.hpp"
#include "modules/people/api.hpp"
#include "tests/http_head.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {

namespace {

int ConnectTo(int port, std::string& error) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  timeval tv{10, 0};  // a broken server fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// HttpResponse

std::string HttpResponse::Header(const std::string& name) const {
  auto it = headers.find(LowerAscii(name));
  return it == headers.end() ? std::string() : it->second;
}

std::vector<std::string> HttpResponse::Headers(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = headers.equal_range(LowerAscii(name));
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

Json HttpResponse::json() const { return Json::parse(body, nullptr, false); }

// ---------------------------------------------------------------------------------------------
// HttpConnection

HttpConnection::HttpConnection(int port) { fd_ = ConnectTo(port, error_); }

HttpConnection::~HttpConnection() { Close(); }

void HttpConnection::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool HttpConnection::WriteRaw(const std::string& bytes) {
  std::size_t sent = 0;
  while (fd_ >= 0 && sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return fd_ >= 0;
}

bool HttpConnection::Fill() {
  if (fd_ < 0) return false;
  char chunk[16384];
  for (;;) {
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = std::string("recv: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) {
      error_ = "connection closed by peer";
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool HttpConnection::PeerClosed() {
  if (!buffer_.empty()) return false;
  if (fd_ < 0) return true;
  char c;
  for (;;) {
    ssize_t n = ::recv(fd_, &c, 1, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
    buffer_.push_back(c);
    return false;
  }
}

HttpResponse HttpConnection::ReadResponse(bool head_request) {
  HttpResponse res;
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) {
      res.error = error_;
      return res;
    }
  }
  std::string head = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  ResponseHead parsed = ParseResponseHead(head);
  // "HTTP/1.1 200 OK"
  if (parsed.status_line.find(' ') == std::string::npos ||
      parsed.status_line.rfind("HTTP/1.", 0) != 0) {
    res.error = "bad status line: " + parsed.status_line;
    return res;
  }
  int status = parsed.status;
  res.headers = std::move(parsed.headers);
  bool no_body = head_request || status == 204 || status == 304 || (status >= 100 && status < 200);
  std::string length = res.Header("content-length");
  if (no_body) {
    // nothing to read
  } else if (LowerAscii(res.Header("transfer-encoding")).find("chunked") != std::string::npos) {
    for (;;) {
      std::size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        if (!Fill()) {
          res.error = error_;
          return res;
        }
      }
      std::size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
      while (buffer_.size() < eol + 2 + size + 2) {
        if (!Fill()) {
          res.error = error_;
          return res;
        }
      }
      res.body.append(buffer_, eol + 2, size);
      buffer_.erase(0, eol + 2 + size + 2);
      if (size == 0) break;  // (trailers are not used by the server)
    }
  } else if (!length.empty()) {
    std::size_t n = std::stoul(length);
    while (buffer_.size() < n) {
      if (!Fill()) {
        res.error = error_;
        return res;
      }
    }
    res.body = buffer_.substr(0, n);
    buffer_.erase(0, n);
  } else {
    while (Fill()) {
    }
    res.body = std::move(buffer_);
    buffer_.clear();
  }
  res.status = status;
  return res;
}

std::string FormatRequest(const std::string& method, const std::string& target,
                          const std::string& body, const RequestOptions& options) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!options.bearer.empty()) out += "Authorization: Bearer " + options.bearer + "\r\n";
  if (!options.cookie.empty()) out += "Cookie: " + options.cookie + "\r\n";
  for (const auto& [k, v] : options.headers) out += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    if (!options.content_type.empty()) out += "Content-Type: " + options.content_type + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "\r\n";
  out += body;
  return out;
}

HttpResponse HttpConnection::Send(const std::string& method, const std::string& target,
                                  const std::string& body, const RequestOptions& options) {
  HttpResponse res;
  if (!connected()) {
    res.error = error_;
    return res;
  }
  if (!WriteRaw(FormatRequest(method, target, body, options))) {
    res.error = error_;
    return res;
  }
  return ReadResponse(method == "HEAD");
}

// ---------------------------------------------------------------------------------------------
// HttpClient

HttpResponse HttpClient::Send(const std::string& method, const std::string& target,
                              const std::string& body, const RequestOptions& options) const {
  HttpConnection conn(port_);
  return conn.Send(method, target, body, options);
}

HttpResponse HttpClient::Get(const std::string& target, const RequestOptions& options) const {
  return Send("GET", target, "", options);
}

HttpResponse HttpClient::Post(const std::string& target, const std::string& body,
                              const RequestOptions& options) const {
  return Send("POST", target, body, options);
}

HttpResponse HttpClient::Put(const std::string& target, const Json& body,
                             const RequestOptions& options) const {
  return Send("PUT", target, body.dump(), options);
}

HttpResponse HttpClient::Delete(const std::string& target, const RequestOptions& options) const {
  return Send("DELETE", target, "", options);
}

bool ConnectionRefused(int port) {
  std::string error;
  int fd = ConnectTo(port, error);
  if (fd >= 0) {
    ::close(fd);
    return false;
  }
  return error.find(std::strerror(ECONNREFUSED)) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// TestApp

struct TestApp::SlowGate {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false;
  bool released = false;
};

namespace {

// Registers GET /test/slow, whose handler waits until the test releases it: a request that is
// certainly in flight, for graceful-stop tests.
class SlowRouteModule final : public core::app::Module {
 public:
  using Gate = std::function<void()>;
  explicit SlowRouteModule(Gate gate) : gate_(std::move(gate)) {}
  std::string name() const override { return "test_slow_route"; }
  core::Result<void> Start(core::app::AppContext&) override { return {}; }
  void RegisterRoutes(core::http::Router& router) override {
    core::http::RouteSpec spec;
    spec.method = "GET";
    spec.pattern = "/test/slow";
    spec.access = core::http::Access::kPublic;
    spec.summary = "Test only: waits for the test to release it";
    Gate gate = gate_;
    spec.handler = [gate](core::http::Request&) {
      gate();
      return core::http::Response::Ok({{"slow", "done"}});
    };
    router.Add(std::move(spec));
  }

 private:
  Gate gate_;
};

}  // namespace

TestApp::TestApp(TestAppOptions options) : gate_(std::make_shared<SlowGate>()) {
  core::app::Config config;
  config.database.url = FreshDatabaseUrl();
  // PostgreSQL: the server runs as a role that owns nothing, as in production (docs/audit.md).
  if (std::string server_url = ServerRoleUrl(config.database.url); !server_url.empty()) {
    config.database.owner_url = config.database.url;
    config.database.url = server_url;
  }
  config.database.read_connections = 2;
  config.server.bind = "127.0.0.1";
  config.server.port = 0;
  config.server.access_log = false;
  config.server.io_threads = 1;
  config.server.worker_threads = 4;
  config.server.web_root = options.web_root;
  if (options.body_limit_bytes > 0) config.server.body_limit_bytes = options.body_limit_bytes;
  config.server.trusted_proxies = options.trusted_proxies;
  if (options.max_connections_per_client > 0)
    config.server.max_connections_per_client = options.max_connections_per_client;
  config.auth.login_rate_per_minute = 1000;  // every test client logs in from 127.0.0.1
  // One data key per test app, inside the test run's temp folder (removed with it).
  static std::atomic<int> key_counter{0};
  config.security.key_file = TempDir() + "/key" + std::to_string(++key_counter) + ".key";
  if (options.configure) options.configure(config);
  if (config.database.url.empty()) {
    error_ = "no database URL for driver " + TestDriver();
    return;
  }

  core::app::ModuleList modules;
  modules.push_back(org::MakeOrgModule());
  const org::OrgApi& org_api = *org::AsOrgApi(modules.back().get());
  modules.push_back(people::MakePeopleModule(org_api));
  modules.push_back(cases::MakeCasesModule(org_api));
  modules.push_back(party::MakePartyModule(org_api));
  modules.push_back(autonomy::MakeAutonomyModule(org_api));
  if (options.slow_route) {
    std::shared_ptr<SlowGate> gate = gate_;
    modules.push_back(std::make_unique<SlowRouteModule>([gate] {
      std::unique_lock lock(gate->mu);
      gate->entered = true;
      gate->cv.notify_all();
      gate->cv.wait(lock, [&] { return gate->released; });
    }));
  }
  std::unique_ptr<core::time::Clock> clock;
  if (options.manual_clock_ms) {
    auto manual = std::make_unique<core::time::ManualClock>(*options.manual_clock_ms);
    manual_clock_ = manual.get();
    clock = std::move(manual);
  }
  app_ = std::make_unique<core::app::Application>(std::move(config), std::move(modules),
                                                  std::move(clock));
  if (auto r = app_->Open(); !r.ok()) {
    error_ = "open: " + r.error().message + " " + r.error().detail;
    return;
  }
  if (options.seed_demo) {
    core::app::DemoOptions demo;
    demo.password = kDemoPassword;
    demo.divisions_dir = org::FindDivisionDataDir("");
    demo.residents = options.demo_residents;
    demo.cases = options.demo_cases;
    for (const char* name : {"org", "people", "cases", "party", "autonomy"}) {
      if (auto r = app_->module(name)->SeedDemo(app_->context(), demo); !r.ok()) {
        error_ = "seed: " + r.error().message + " " + r.error().detail;
        return;
      }
    }
  }
  if (auto r = app_->Serve(); !r.ok()) {
    error_ = "serve: " + r.error().message + " " + r.error().detail;
    return;
  }
  port_ = app_->port();
}

TestApp::~TestApp() {
  ReleaseSlow();
  if (app_) app_->Stop();
}

HttpResponse TestApp::Login(const std::string& username, const std::string& password) {
  // A bearer client: the token comes in the body (a browser's login gets only the cookie).
  Json body{{"username", username}, {"password", password}, {"bearer", true}};
  if (std::string otp = TotpCode(username); !otp.empty()) body["otp"] = otp;
  return client().Post("/api/v1/auth/login", body);
}

std::string TestApp::FirstLogin(const std::string& username, const std::string& given_password) {
  HttpResponse login = Login(username, given_password);
  Json j = login.json();
  if (login.status != 200 || !j.is_object()) return {};
  const std::string token = j.value("token", "");
  if (j.value("pending", "") != "password_change") return token;
  HttpResponse changed = client().Post(
      "/api/v1/auth/password",
      Json{{"old_password", given_password}, {"new_password", given_password + "-own"}}, As(token));
  return changed.status == 204 ? token : std::string();
}

std::string TestApp::TotpCode(const std::string& username) {
  std::string secret;
  {
    std::lock_guard lock(mu_);
    auto it = totp_secrets_.find(username);
    if (it == totp_secrets_.end()) return {};
    secret = it->second;
  }
  return core::auth::TotpCode(secret, app_->context().clock.NowMs());
}

// An administrator's first session may only enrol a second factor: enrol one, as a person
// would with the console's QR code, and keep the secret for later logins.
bool TestApp::EnrolTotp(const std::string& username, const std::string& token) {
  HttpResponse begun = client().Post("/api/v1/auth/totp", Json::object(), As(token));
  auto secret = core::auth::TotpSecretFromBase32(begun.json().value("secret", ""));
  if (begun.status != 200 || !secret) return false;
  // The server's own clock (manual in deadline tests), as an authenticator app would be in step.
  const std::string code = core::auth::TotpCode(*secret, app_->context().clock.NowMs());
  HttpResponse confirmed =
      client().Post("/api/v1/auth/totp/confirm", Json{{"code", code}}, As(token));
  if (confirmed.status != 200) return false;
  std::lock_guard lock(mu_);
  totp_secrets_[username] = *secret;
  return true;
}

std::string TestApp::Token(const std::string& username) {
  {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(username);
    if (it != tokens_.end()) return it->second;
  }
  HttpResponse res = Login(username);
  std::string token;
  Json j = res.json();
  if (res.status == 200 && j.is_object()) token = j.value("token", "");
  if (token.empty()) return {};
  if (j.value("pending", "") == "totp_enrol" && !EnrolTotp(username, token)) return {};
  std::lock_guard lock(mu_);
  tokens_[username] = token;
  return token;
}

void TestApp::ForgetTokens() {
  std::lock_guard lock(mu_);
  tokens_.clear();
}

void TestApp::ForgetToken(const std::string& username) {
  std::lock_guard lock(mu_);
  tokens_.erase(username);
}

bool TestApp::WaitSlowEntered(std::chrono::milliseconds timeout) {
  std::unique_lock lock(gate_->mu);
  return gate_->cv.wait_for(lock, timeout, [&] { return gate_->entered; });
}

void TestApp::ReleaseSlow() {
  std::lock_guard lock(gate_->mu);
  gate_->released = true;
  gate_->cv.notify_all();
}

}  // namespace jiceng::testing
