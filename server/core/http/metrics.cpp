#include "core/http/metrics.hpp"

#include <fmt/format.h>

#include "core/crypto/crypto.hpp"
#include "core/http/client_address.hpp"
#include "core/http/message.hpp"

namespace jiceng::core::http {

bool MetricsAllowed(const Request& req, const std::string& token) {
  static const std::vector<std::string> kLoopback = {"127.0.0.0/8", "::1"};
  if (AddressIn(req.remote_address, kLoopback)) return true;
  if (token.empty()) return false;
  const std::string authorization = req.Header("authorization");
  const std::string_view prefix = "Bearer ";
  return authorization.size() > prefix.size() &&
         authorization.compare(0, prefix.size(), prefix) == 0 &&
         crypto::ConstantTimeEquals(std::string_view(authorization).substr(prefix.size()), token);
}

namespace {
std::string EscapeLabel(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

void Metrics::Observe(const std::string& route, const std::string& method, int status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Series& s = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
  ++s.count;
  s.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP jiceng_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE jiceng_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("jiceng_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    EscapeLabel(route), method, status, n);
  }
  out += "# HELP jiceng_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE jiceng_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : latency_) {
    std::string r = EscapeLabel(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("jiceng_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      r, kBuckets[i], s.buckets[i]);
    }
    out += fmt::format(
        "jiceng_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r, s.count);
    out += fmt::format("jiceng_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, s.sum);
    out +=
        fmt::format("jiceng_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, s.count);
  }
  out += "# HELP jiceng_http_open_connections Open client connections.\n";
  out += "# TYPE jiceng_http_open_connections gauge\n";
  out += fmt::format("jiceng_http_open_connections {}\n", open_connections_.load());
  out += fmt::format("jiceng_http_refused_connections_total {}\n", refused_connections_.load());
  for (const auto& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name,
                       g.read());
  }
  return out;
}

}  // namespace jiceng::core::http
