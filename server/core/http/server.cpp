// Beast lives here and nowhere else.
#include "core/http/server.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>
#include <utility>  // Boost 1.74 with g++ 12 needs this before asio/awaitable.hpp

#include "core/http/client_address.hpp"
#include "core/http/event_stream.hpp"
#include "core/http/static_files.hpp"

namespace jiceng::core::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether the client of an event stream has gone: it closed (EOF), the connection failed, or it
// sent bytes (an event stream is one-way; a TLS close_notify arrives as bytes too).
bool PeerGone(tcp::socket& socket) {
  char c;
  ssize_t n = ::recv(socket.native_handle(), &c, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
  return true;
}

bool SaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  app::ServerConfig config;
  const Router& router;
  ServerHooks hooks;
  Metrics metrics;
  StaticFiles statics;
  asio::io_context ioc;
  asio::thread_pool workers;
  std::optional<asio::ssl::context> ssl;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::string id_prefix;
  std::atomic<std::uint64_t> next_id{0};
  std::atomic<int> open_streams{0};

  // Live connections, so a graceful stop can wake the idle ones.
  struct Conn {
    std::function<void()> cancel;
    std::atomic<bool> idle{true};
  };
  std::mutex conns_mu;
  std::list<Conn*> conns;
  // Open connections by client key (ClientKey of the socket address), for the caps.
  std::mutex open_mu;
  int open_total = 0;
  std::unordered_map<std::string, int> open_by_client;

  // Takes a connection slot for this peer; false when the server or the peer is at its cap.
  // A trusted proxy carries many clients, so only the overall cap applies to it.
  bool TakeSlot(const std::string& key, bool proxy) {
    std::lock_guard lock(open_mu);
    if (open_total >= config.max_connections) return false;
    int& mine = open_by_client[key];
    if (!proxy && mine >= config.max_connections_per_client) {
      if (mine == 0) open_by_client.erase(key);
      return false;
    }
    ++mine;
    ++open_total;
    return true;
  }
  void GiveSlot(const std::string& key) {
    std::lock_guard lock(open_mu);
    --open_total;
    if (--open_by_client[key] <= 0) open_by_client.erase(key);
  }
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;

  Impl(app::ServerConfig c, const Router& r, ServerHooks h)
      : config(std::move(c)),
        router(r),
        hooks(std::move(h)),
        statics(config.web_root),
        ioc(std::max(1, config.io_threads)),
        workers(std::max(1, config.worker_threads)),
        acceptor(ioc) {
    unsigned char rnd[4];
    randombytes_buf(rnd, sizeof rnd);
    char hex[9];
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    id_prefix = hex;
  }

  // The body limit of the route a request header names (the server's unless the route has one),
  // and the largest of all, used until the header is known.
  std::int64_t BodyLimitOf(const bhttp::request<bhttp::string_body>& msg) const {
    std::string_view target = msg.target();
    Router::Match m =
        router.Find(msg.method_string(), UrlDecode(target.substr(0, target.find('?'))));
    if (m.route && m.route->body_limit_bytes > 0) return m.route->body_limit_bytes;
    return config.body_limit_bytes;
  }
  std::int64_t MaxBodyLimit() const {
    std::int64_t max = config.body_limit_bytes;
    for (const auto& r : router.routes()) max = std::max(max, r.body_limit_bytes);
    return max;
  }

  Request ToRequest(bhttp::request<bhttp::string_body>& msg, const std::string& remote) {
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    std::string_view target = req.target;
    auto q = target.find('?');
    req.path = UrlDecode(target.substr(0, q));
    if (q != std::string_view::npos) req.query = ParseQuery(target.substr(q + 1));
    for (const auto& field : msg) {
      req.headers[LowerCase(field.name_string())] = std::string(field.value());
    }
    req.body = std::move(msg.body());
    req.remote_address =
        ClientAddress(remote, req.Header("x-forwarded-for"), config.trusted_proxies);
    std::string incoming = req.Header("x-request-id");
    req.request_id =
        SaneRequestId(incoming) ? incoming : id_prefix + "-" + std::to_string(++next_id);
    req.lang = ParseAcceptLanguage(req.Header("accept-language"));
    return req;
  }

  // Authentication and the route's permission, unless public; the refusal to answer, if any.
  // Sessions are checked on the headers, before a body is read (see Session), so req.principal
  // may already be set.
  std::optional<Response> Authorize(Request& req, const RouteSpec& route) {
    if (route.access == Access::kPublic) return std::nullopt;
    if (!req.principal) {
      if (!hooks.authenticate) return Response::Problem(401, "auth.required", "请先登录", req);
      Result<auth::Principal> who = hooks.authenticate(req);
      if (!who.ok()) return Response::Problem(who.error(), req);
      req.principal = std::move(who).value();
    }
    if (!route.permission.empty() && !req.principal->Has(route.permission)) {
      return Response::Problem(403, "auth.forbidden", "没有执行此操作的权限", req);
    }
    return std::nullopt;
  }

  // Before reading a body: the caller of a protected route must be logged in and allowed, so
  // that nobody can make the server read (and hold) a large body without a session. Runs on
  // the worker pool (a session may need the database). Fills early.principal, or early.refusal.
  struct EarlyCheck {
    std::optional<auth::Principal> principal;
    std::optional<Response> refusal;
    Request req;  // the header as a request (for the refusal's request id)
  };
  asio::awaitable<EarlyCheck> CheckBeforeBody(const bhttp::request<bhttp::string_body>& header,
                                              const std::string& remote) {
    EarlyCheck out;
    std::string_view target = header.target();
    Router::Match m =
        router.Find(header.method_string(), UrlDecode(target.substr(0, target.find('?'))));
    if (!m.route || m.route->access == Access::kPublic) co_return out;
    Request& req = out.req;
    req.method = std::string(header.method_string());
    req.target = std::string(target);
    req.path = UrlDecode(target.substr(0, target.find('?')));
    for (const auto& field : header)
      req.headers[LowerCase(field.name_string())] = std::string(field.value());
    req.remote_address =
        ClientAddress(remote, req.Header("x-forwarded-for"), config.trusted_proxies);
    req.request_id = id_prefix + "-" + std::to_string(++next_id);
    req.params = m.params;
    const RouteSpec& route = *m.route;
    out.refusal = co_await asio::co_spawn(
        workers,
        [&]() -> asio::awaitable<std::optional<Response>> {
          try {
            co_return Authorize(req, route);
          } catch (...) {
            co_return Response::Problem(500, "server.internal", "服务器内部错误", req);
          }
        },
        asio::use_awaitable);
    if (!out.refusal) out.principal = req.principal;
    co_return out;
  }

  // Authorisation and the handler; runs on a worker thread for blocking routes.
  Response Dispatch(Request& req, const RouteSpec& route) {
    try {
      if (auto refused = Authorize(req, route)) return std::move(*refused);
      return route.handler(req);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.route, e.what());
    } catch (...) {
      spdlog::error("request {} {} {} failed with an unknown exception", req.request_id, req.method,
                    req.route);
    }
    return Response::Problem(500, "server.internal", "服务器内部错误", req);
  }

  asio::awaitable<Response> Handle(Request& req) {
    if (auto resp = statics.Serve(req)) co_return std::move(*resp);
    Router::Match m = router.Find(req.method, req.path);
    if (!m.route) {
      req.route = "unmatched";
      if (m.path_matched)
        co_return Response::Problem(405, "http.method_not_allowed", "不支持该请求方法", req);
      co_return Response::Problem(404, "http.not_found", "请求的资源不存在", req);
    }
    req.route = m.route->pattern;
    req.params = std::move(m.params);
    const RouteSpec& route = *m.route;
    if (!route.blocking) co_return Dispatch(req, route);
    co_return co_await asio::co_spawn(
        workers, [&]() -> asio::awaitable<Response> { co_return Dispatch(req, route); },
        asio::use_awaitable);
  }

  bhttp::response<bhttp::string_body> ToMessage(Response& r, const Request& req, unsigned version,
                                                bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "jiceng");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Request-Id", req.request_id);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "same-origin");
    if (r.content_type.rfind("text/html", 0) == 0) {
      res.set("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' "
              "'unsafe-inline'; connect-src 'self'; object-src 'none'; form-action 'self'; "
              "base-uri 'none'; frame-ancestors 'none'");
    }
    if (r.content_type.rfind("application/", 0) == 0 && req.path.rfind("/api/", 0) == 0) {
      res.set(bhttp::field::cache_control, "no-store");
    }
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.keep_alive(keep_alive);
    std::size_t length = r.body.size();
    if (req.method != "HEAD") res.body() = std::move(r.body);
    res.content_length(length);
    return res;
  }

  // Serves a server-sent event stream on this connection until the client goes, the producer
  // ends it, the session behind it ends, or the server stops; the connection closes after it.
  // Between polls the coroutine waits on a timer, holding no thread.
  template <typename Stream>
  asio::awaitable<void> ServeEvents(Stream& stream, const Request& req, Response& resp,
                                    unsigned version) {
    auto& lowest = beast::get_lowest_layer(stream);
    beast::error_code ec;
    std::shared_ptr<EventStream> events = std::move(resp.stream);
    if (open_streams.fetch_add(1) >= MaxEventStreams()) {
      open_streams.fetch_sub(1);
      Response busy =
          Response::Problem(503, "http.too_many_streams", "实时连接数已达上限，请稍后再试", req);
      busy.headers.emplace_back("Retry-After", "30");
      auto res = ToMessage(busy, req, version, false);
      lowest.expires_after(std::chrono::seconds(30));
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      co_return;
    }
    struct Slot {
      std::atomic<int>& open;
      ~Slot() { open.fetch_sub(1); }
    } slot{open_streams};

    bhttp::response<bhttp::empty_body> head{bhttp::status::ok, version};
    head.set(bhttp::field::server, "jiceng");
    head.set(bhttp::field::content_type, resp.content_type);
    head.set(bhttp::field::cache_control, "no-cache");
    head.set("X-Request-Id", req.request_id);
    head.set("X-Content-Type-Options", "nosniff");
    head.set("X-Accel-Buffering", "no");  // nginx: pass events on at once
    for (auto& [k, v] : resp.headers) head.insert(k, v);
    head.keep_alive(false);  // no Content-Length: the body ends when the connection does
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    lowest.expires_after(std::chrono::seconds(30));
    co_await bhttp::async_write_header(stream, serializer,
                                       asio::redirect_error(asio::use_awaitable, ec));
    if (ec || req.method == "HEAD") co_return;

    asio::steady_timer timer(lowest.get_executor());
    const auto tick = std::min<Clock::duration>(events->interval(), std::chrono::seconds(1));
    auto last_write = Clock::now();
    auto last_auth = Clock::now();
    auto next_poll = Clock::now();  // the first poll at once
    std::string out = events->Opening();
    bool done = false;
    while (!stopping) {
      if (Clock::now() >= next_poll) {
        out += co_await asio::co_spawn(
            workers, [&]() -> asio::awaitable<std::string> { co_return events->Poll(done); },
            asio::use_awaitable);
        next_poll = Clock::now() + events->interval();
      }
      if (out.empty() && Clock::now() - last_write >= events->heartbeat())
        out = FormatComment("heartbeat");
      if (!out.empty()) {
        lowest.expires_after(std::chrono::seconds(30));  // a client that stops reading is dropped
        co_await asio::async_write(stream, asio::buffer(out),
                                   asio::redirect_error(asio::use_awaitable, ec));
        lowest.expires_never();
        if (ec) break;
        out.clear();
        last_write = Clock::now();
      }
      if (done || stopping || PeerGone(lowest.socket())) break;
      if (req.principal && hooks.authenticate && Clock::now() - last_auth >= events->reauth()) {
        last_auth = Clock::now();
        bool valid = co_await asio::co_spawn(
            workers,
            [&]() -> asio::awaitable<bool> {
              try {
                co_return hooks.authenticate(req).ok();
              } catch (...) {
                co_return false;
              }
            },
            asio::use_awaitable);
        if (!valid) break;
      }
      auto wait = std::clamp<Clock::duration>(next_poll - Clock::now(),
                                              std::chrono::milliseconds(10), tick);
      timer.expires_after(wait);
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  template <typename Stream>
  asio::awaitable<void> Session(Stream stream, std::string remote) {
    Conn conn;
    auto& lowest = beast::get_lowest_layer(stream);
    // Cancel runs on this connection's strand, and only if the connection still exists then.
    conn.cancel = [this, &conn, &lowest] {
      asio::post(lowest.get_executor(), [this, &conn, &lowest] {
        std::lock_guard lock(conns_mu);
        if (std::find(conns.begin(), conns.end(), &conn) != conns.end()) lowest.cancel();
      });
    };
    {
      std::lock_guard lock(conns_mu);
      conns.push_back(&conn);
    }
    metrics.ConnectionOpened();
    beast::error_code ec;
    beast::flat_buffer buffer;
    buffer.max_size(64 * 1024 + static_cast<std::size_t>(config.body_limit_bytes));
    while (!stopping) {
      // Idle timeout while waiting for the next request; header timeout once it has started.
      if (buffer.size() == 0) {
        conn.idle = true;
        lowest.expires_after(std::chrono::seconds(config.idle_timeout_seconds));
        std::size_t n = co_await stream.async_read_some(
            buffer.prepare(8192), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        buffer.commit(n);
      }
      conn.idle = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(32 * 1024);
      // The largest limit of any route here; the matched route's own limit is applied below, once
      // the header names the route.
      parser.body_limit(static_cast<std::uint64_t>(MaxBodyLimit()));
      lowest.expires_after(std::chrono::seconds(config.header_timeout_seconds));
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      if (!ec) {
        auto limit = static_cast<std::uint64_t>(BodyLimitOf(parser.get()));
        // A declared Content-Length over the limit fails here, before any body is read.
        if (parser.content_length() && *parser.content_length() > limit)
          ec = bhttp::error::body_limit;
        parser.body_limit(limit);
      }
      std::optional<auth::Principal> early_principal;
      if (!ec && !parser.is_done()) {
        EarlyCheck early = co_await CheckBeforeBody(parser.get(), remote);
        if (early.refusal) {
          // The body stays unread, so the connection cannot carry another request.
          auto res = ToMessage(*early.refusal, early.req, parser.get().version(), false);
          co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
          break;
        }
        early_principal = std::move(early.principal);
      }
      if (!ec) {
        lowest.expires_after(std::chrono::seconds(60));
        co_await bhttp::async_read(stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      auto started = Clock::now();
      if (ec == bhttp::error::body_limit) {
        Request req;
        req.request_id = id_prefix + "-" + std::to_string(++next_id);
        Response r = Response::Problem(413, "http.body_too_large", "请求体超过大小限制", req);
        auto res = ToMessage(r, req, 11, false);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      if (ec) break;
      auto msg = parser.release();
      bool keep_alive = msg.keep_alive();
      unsigned version = msg.version();
      Request req = ToRequest(msg, remote);
      req.principal = std::move(early_principal);
      Response resp = co_await Handle(req);
      keep_alive = keep_alive && !stopping;  // a stop that began meanwhile closes after this answer
      double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      metrics.Observe(req.route.empty() ? "static" : req.route, req.method, resp.status, seconds);
      if (config.access_log) {
        spdlog::info("{} {} {} {} {:.2f}ms {}", req.request_id, remote, req.method, req.path,
                     seconds * 1e3, resp.status);
      }
      if (resp.stream) {
        co_await ServeEvents(stream, req, resp, version);
        break;
      }
      auto res = ToMessage(resp, req, version, keep_alive);
      lowest.expires_after(std::chrono::seconds(60));
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keep_alive) break;
    }
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
      lowest.expires_after(std::chrono::seconds(2));
      co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }
    lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
    metrics.ConnectionClosed();
    std::lock_guard lock(conns_mu);
    conns.remove(&conn);
  }

  asio::awaitable<void> StartSession(tcp::socket socket) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);  // small JSON answers must not wait for Nagle
    std::string remote = socket.remote_endpoint(ec).address().to_string();
    const std::string key = ClientKey(remote);
    if (!TakeSlot(key, AddressIn(remote, config.trusted_proxies))) {
      // Over the cap: a short answer and the door closes (no TLS handshake, no parsing).
      metrics.ConnectionRefused();
      static constexpr std::string_view kBusy =
          "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 10\r\n"
          "Content-Length: 0\r\n\r\n";
      if (!ssl) {
        co_await asio::async_write(socket, asio::buffer(kBusy),
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      socket.close(ec);
      co_return;
    }
    struct Slot {
      Impl& impl;
      std::string key;
      ~Slot() { impl.GiveSlot(key); }
    } slot{*this, key};
    beast::tcp_stream tcp_stream(std::move(socket));
    if (!ssl) {
      co_await Session(std::move(tcp_stream), std::move(remote));
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp_stream), *ssl);
    beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(config.header_timeout_seconds));
    co_await tls.async_handshake(asio::ssl::stream_base::server,
                                 asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await Session(std::move(tls), std::move(remote));
  }

  asio::awaitable<void> Accept() {
    while (!stopping) {
      beast::error_code ec;
      auto strand = asio::make_strand(ioc);
      tcp::socket socket(strand);
      co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      asio::co_spawn(strand, StartSession(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(app::ServerConfig config, const Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(hooks))) {}

Server::~Server() { Stop(); }

Metrics& Server::metrics() { return impl_->metrics; }

int Server::port() const { return impl_->acceptor.local_endpoint().port(); }

Result<void> Server::Start() {
  auto& im = *impl_;
  if (sodium_init() < 0) return DomainError::Internal("crypto.init", "加密库初始化失败");
  if (!im.config.tls_certificate.empty() || !im.config.tls_key.empty()) {
    im.ssl.emplace(asio::ssl::context::tls_server);
    beast::error_code ec;
    im.ssl->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1);
    im.ssl->use_certificate_chain_file(im.config.tls_certificate, ec);
    if (!ec) im.ssl->use_private_key_file(im.config.tls_key, asio::ssl::context::pem, ec);
    if (ec) {
      return DomainError::Invalid("config.tls", "无法读取 TLS 证书或私钥：" + ec.message(),
                                  "server.tls_certificate");
    }
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(im.config.bind, ec);
  if (ec)
    return DomainError::Invalid("config.bind", "监听地址无效：" + im.config.bind, "server.bind");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(im.config.port));
  im.acceptor.open(endpoint.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(endpoint, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return DomainError::Invalid(
        "server.bind",
        "无法监听 " + im.config.bind + ":" + std::to_string(im.config.port) + "：" + ec.message(),
        "server.port");
  }
  asio::co_spawn(im.ioc, im.Accept(), asio::detached);
  for (int i = 0; i < std::max(1, im.config.io_threads); ++i) {
    im.threads.emplace_back([&im] { im.ioc.run(); });
  }
  return {};
}

void Server::Wait(bool handle_signals) {
  auto& im = *impl_;
  std::optional<asio::signal_set> signals;
  if (handle_signals) {
    signals.emplace(im.ioc, SIGTERM, SIGINT);
    signals->async_wait([this](const beast::error_code& ec, int sig) {
      if (ec) return;
      spdlog::info("signal {} received: finishing in-flight requests", sig);
      std::thread([this] { Stop(); }).detach();
    });
  }
  std::unique_lock lock(im.done_mu);
  im.done_cv.wait(lock, [&] { return im.done; });
  if (signals) {
    beast::error_code ec;
    signals->cancel(ec);
  }
}

void Server::Stop() {
  auto& im = *impl_;
  if (im.stopping.exchange(true)) {
    std::unique_lock lock(im.done_mu);
    im.done_cv.wait(lock, [&] { return im.done; });
    return;
  }
  asio::post(im.ioc, [&im] {
    beast::error_code ec;
    im.acceptor.close(ec);
  });
  // Wake idle keep-alive connections; busy ones finish their request and then close.
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    {
      std::lock_guard lock(im.conns_mu);
      if (im.conns.empty()) break;
      for (auto* c : im.conns) {
        if (c->idle) c->cancel();
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  im.workers.join();
  im.ioc.stop();
  for (auto& t : im.threads) {
    if (t.joinable()) t.join();
  }
  // Notify under the lock: a waiter may destroy the server as soon as it sees done.
  std::lock_guard lock(im.done_mu);
  im.done = true;
  im.done_cv.notify_all();
}

}  // namespace jiceng::core::http
