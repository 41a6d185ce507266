// The HTTP(S) server: Boost.Beast with C++20 coroutines on a few event-loop threads; handlers
// that touch the database run on a worker pool so the event loop never blocks. Beast is kept
// inside server.cpp only (it is slow to compile).
#pragma once
#include <functional>
#include <memory>

#include "core/app/config.hpp"
#include "core/http/metrics.hpp"
#include "core/http/router.hpp"

namespace jiceng::core::http {

struct ServerHooks {
  // Resolves the caller of a non-public route (bearer token or session cookie + CSRF).
  std::function<Result<auth::Principal>(const Request&)> authenticate;
};

class Server {
 public:
  Server(app::ServerConfig config, const Router& router, ServerHooks hooks);
  ~Server();
  // Binds and starts serving on background threads; port 0 picks a free port.
  Result<void> Start();
  int port() const;
  // Blocks until Stop() or SIGTERM/SIGINT (when handle_signals) and the graceful drain ends.
  void Wait(bool handle_signals);
  // Graceful stop: stop accepting, finish in-flight requests (up to a deadline), then close.
  void Stop();
  Metrics& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiceng::core::http
