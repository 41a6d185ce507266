// Serves the built web UI: long cache for hashed assets, no-cache for index.html, precompressed
// .gz siblings when the client accepts gzip, and the SPA fallback to index.html.
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/http/message.hpp"

namespace jiceng::core::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // nullopt when the path is not a UI path (API routes answer their own 404).
  std::optional<Response> Serve(const Request& req);
  const std::string& root() const { return root_; }

  // How many files the cache holds (for tests of its bound).
  std::size_t CachedFiles() {
    std::lock_guard lock(mu_);
    return cache_.size();
  }

 private:
  struct File {
    std::string body;
    std::string gzip;  // empty when no .gz sibling
  };
  // The file under the root, read once; nullptr when there is none. Only files that exist are
  // kept, so the cache is bounded by the built UI, however many missing paths are asked for.
  const File* Load(const std::string& relative);
  std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, File> cache_;
};

std::string ContentTypeFor(std::string_view path);

}  // namespace jiceng::core::http
