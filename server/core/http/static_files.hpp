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

 private:
  struct File {
    std::string body;
    std::string gzip;  // empty when no .gz sibling
    bool exists = false;
  };
  const File& Load(const std::string& relative);
  std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, File> cache_;
};

std::string ContentTypeFor(std::string_view path);

}  // namespace jiceng::core::http
