#include "core/app/rate_limiter.hpp"

#include "core/http/client_address.hpp"

namespace jiceng::core::app {

RateLimiter::Verdict RateLimiter::Check(const std::string& key, std::int64_t now_ms, int limit) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > kMaxKeys) Prune(now_ms);
  // One IPv6 client holds a whole /64: counting addresses would let it rotate through them.
  Window& w = windows_[http::ClientKey(key)];
  while (!w.hits.empty() && w.hits.front() <= now_ms - window_ms_) w.hits.pop_front();
  if (static_cast<int>(w.hits.size()) >= limit) {
    if (w.reported) return Verdict::kDeny;
    w.reported = true;
    return Verdict::kDenyFirst;
  }
  w.hits.push_back(now_ms);
  w.reported = false;
  return Verdict::kAllow;
}

void RateLimiter::Prune(std::int64_t now_ms) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    if (it->second.hits.empty() || it->second.hits.back() <= now_ms - window_ms_) {
      it = windows_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace jiceng::core::app
