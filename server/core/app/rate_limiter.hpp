// A sliding-window limit of events per key (a client address): logins, public case reports,
// tracking-code lookups. In memory, per process; a restart forgets the windows.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jiceng::core::app {

class RateLimiter {
 public:
  enum class Verdict { kAllow, kDenyFirst, kDeny };

  explicit RateLimiter(std::int64_t window_ms) : window_ms_(window_ms) {}

  // key is a client address (IPv6 addresses count by their /64). Counts the event unless the key
  // already had `limit` events in the window. kDenyFirst is the first refusal of a burst: callers
  // log only that one, so a flood is not a flood of writes.
  Verdict Check(const std::string& key, std::int64_t now_ms, int limit);

 private:
  static constexpr std::size_t kMaxKeys = 10'000;
  struct Window {
    std::deque<std::int64_t> hits;
    bool reported = false;
  };
  void Prune(std::int64_t now_ms);

  std::int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace jiceng::core::app
