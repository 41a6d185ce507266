// Prometheus metrics of the HTTP server: requests by route and status, latency histogram,
// open connections, plus gauges supplied by others (database queue depth).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace jiceng::core::http {

struct Request;

// Whether a request may read /metrics: from a loopback client (127.0.0.0/8, ::1; behind a
// trusted proxy the client is the one it names, so a proxied outsider is no loopback client),
// or with "Authorization: Bearer <token>" when a token is configured ([server] metrics_token).
// Everyone else gets 404, as if there were no such page: the figures tell which routes are used
// and how busy the server is.
bool MetricsAllowed(const Request& req, const std::string& token);

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  void ConnectionOpened() { ++open_connections_; }
  void ConnectionClosed() { --open_connections_; }
  void ConnectionRefused() { ++refused_connections_; }
  std::int64_t open_connections() const { return open_connections_.load(); }
  // Adds a gauge computed when /metrics is read.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  std::string Render() const;

 private:
  struct Series {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Series> latency_;  // by route
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> refused_connections_{0};  // over the connection caps
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges_;
};

}  // namespace jiceng::core::http
