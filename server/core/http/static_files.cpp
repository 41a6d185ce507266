#include "core/http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace jiceng::core::http {

namespace {
bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}
bool IsApiPath(std::string_view p) {
  return p.rfind("/api/", 0) == 0 || p.rfind("/open311/", 0) == 0 || p == "/healthz" ||
         p == "/metrics";
}
}  // namespace

std::string ContentTypeFor(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".webp")) return "image/webp";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ttf")) return "font/ttf";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const StaticFiles::File* StaticFiles::Load(const std::string& relative) {
  std::lock_guard lock(mu_);
  auto it = cache_.find(relative);
  if (it != cache_.end()) return &it->second;
  File f;
  if (!ReadFile(root_ + relative, f.body)) return nullptr;
  ReadFile(root_ + relative + ".gz", f.gzip);
  return &cache_.emplace(relative, std::move(f)).first->second;
}

std::optional<Response> StaticFiles::Serve(const Request& req) {
  if (root_.empty() || (req.method != "GET" && req.method != "HEAD") || IsApiPath(req.path)) {
    return std::nullopt;
  }
  std::string path = req.path;
  // The mobile app lives under /m/; its relative asset paths break without the slash.
  if (path == "/m") {
    Response r = Response::Text("", "text/plain; charset=utf-8", 301);
    r.headers.emplace_back("Location", "/m/");
    return r;
  }
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos)
    return std::nullopt;
  if (path.empty() || path.back() == '/') path += "index.html";
  const File* file = Load(path);
  bool has_extension = path.find('.', path.rfind('/')) != std::string::npos;
  if (!file) {
    if (has_extension) return std::nullopt;
    // Client-side routes of the single-page apps: /m/... is the mobile app, the rest the console.
    path = req.path.rfind("/m/", 0) == 0 ? "/m/index.html" : "/index.html";
    file = Load(path);
    if (!file) return std::nullopt;
  }
  Response r;
  r.content_type = ContentTypeFor(path);
  bool gzip =
      !file->gzip.empty() && req.Header("accept-encoding").find("gzip") != std::string::npos;
  r.body = gzip ? file->gzip : file->body;
  if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  // Vite names assets by content hash, so they never change; index.html must be revalidated.
  bool immutable = path.rfind("/assets/", 0) == 0 || path.rfind("/m/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control",
                         immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace jiceng::core::http
