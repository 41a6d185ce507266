// The latency counters of the benchmarks that time each query themselves (the cases list, the
// case indicators, the people search): each query timed by a Stopwatch, then p50, p99 and max
// of the per-query milliseconds.
#pragma once
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace jiceng::bench {

// Milliseconds since it was started: the latency of one query.
class Stopwatch {
 public:
  double Ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

inline double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

inline void ReportLatency(benchmark::State& state, const std::vector<double>& ms) {
  state.counters["p50_ms"] = Percentile(ms, 0.50);
  state.counters["p99_ms"] = Percentile(ms, 0.99);
  state.counters["max_ms"] = Percentile(ms, 1.0);
}

// The same, with the mean number of rows a query answered.
inline void ReportLatency(benchmark::State& state, const std::vector<double>& ms, double rows) {
  ReportLatency(state, ms);
  state.counters["rows"] = rows / static_cast<double>(ms.size());
}

}  // namespace jiceng::bench
