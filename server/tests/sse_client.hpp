// A server-sent events client for tests: one GET over a plain POSIX socket, the response
// header, then events one at a time as the server writes them (header-only: the test binary's
// sources are globbed from *_test.cpp).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/http_head.hpp"

namespace jiceng::testing {

struct SseEvent {
  std::string event;  // "message" when the server named none
  std::string data;
  std::string id;
};

class SseClient {
 public:
  // Connects and sends GET target with the given extra header lines ("Authorization: ...").
  SseClient(int port, const std::string& target, const std::vector<std::string>& headers = {}) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Close();
      return;
    }
    std::string req =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    for (const auto& h : headers) req += h + "\r\n";
    req += "\r\n";
    if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
      Close();
  }
  ~SseClient() { Close(); }
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  // Reads the status line and headers; false if none came within timeout.
  bool ReadHead(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return false;
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    ResponseHead parsed = ParseResponseHead(head);
    status = parsed.status;
    for (const auto& [name, value] : parsed.headers) headers[name] = value;  // the last one wins
    return true;
  }

  // Reads the head (see ReadHead): its status, or 0 when none came within timeout.
  int ReadStatus(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    return ReadHead(timeout) ? status : 0;
  }

  // The next event (comments are collected in `comments`, retry in `retry_ms`); nullopt when
  // none came within timeout or the connection ended.
  std::optional<SseEvent> Next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      std::size_t end;
      while ((end = buffer_.find("\n\n")) == std::string::npos) {
        if (!Fill(deadline)) return std::nullopt;
      }
      std::string block = buffer_.substr(0, end + 1);
      buffer_.erase(0, end + 2);
      SseEvent e;
      bool has_data = false;
      std::size_t pos = 0;
      while (pos < block.size()) {
        std::size_t nl = block.find('\n', pos);
        std::string line = block.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty()) continue;
        if (line[0] == ':') {
          comments.push_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
          continue;
        }
        std::size_t colon = line.find(':');
        std::string field = line.substr(0, colon);
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        if (field == "event") e.event = value;
        if (field == "id") e.id = value;
        if (field == "retry") retry_ms = std::atoi(value.c_str());
        if (field == "data") {
          if (has_data) e.data += "\n";
          e.data += value;
          has_data = true;
        }
      }
      if (!has_data) continue;  // a comment or retry block
      if (e.event.empty()) e.event = "message";
      return e;
    }
  }

  // True once the server has closed the connection (within timeout).
  bool ClosedByServer(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Fill(deadline)) {
    }
    return eof_;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool connected() const { return fd_ >= 0; }

  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::vector<std::string> comments;
  int retry_ms = 0;
  const std::string& raw_rest() const { return buffer_; }

 private:
  // Reads more bytes; false on timeout, EOF or error.
  bool Fill(std::chrono::steady_clock::time_point deadline) {
    if (fd_ < 0) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r <= 0) return false;
    char buf[8192];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = n == 0 || errno == ECONNRESET;
      Close();
      return false;
    }
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool eof_ = false;
  std::string buffer_;
};

}  // namespace jiceng::testing
