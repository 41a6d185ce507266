// The head of an HTTP/1.1 response as the test clients read it (test_app's HttpConnection and
// the SSE client): the status line, then header fields. Header-only, like sse_client.hpp.
#pragma once
#include <cctype>
#include <cstdlib>
#include <map>
#include <string>

namespace jiceng::testing {

inline std::string LowerAscii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Without the blanks (and a stray CR) around it.
inline std::string TrimBlanks(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

struct ResponseHead {
  std::string status_line;                          // "HTTP/1.1 200 OK"
  int status = 0;                                   // 0 when the line holds no code
  std::multimap<std::string, std::string> headers;  // lower-case names, trimmed values
};

// Splits a head (up to, not including, its empty line) into the status line and the fields.
inline ResponseHead ParseResponseHead(const std::string& head) {
  ResponseHead out;
  std::size_t line_end = head.find("\r\n");
  out.status_line = head.substr(0, line_end);
  std::size_t sp = out.status_line.find(' ');
  out.status = sp == std::string::npos ? 0 : std::atoi(out.status_line.c_str() + sp + 1);
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    std::size_t end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(pos, end - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      out.headers.emplace(LowerAscii(line.substr(0, colon)), TrimBlanks(line.substr(colon + 1)));
    }
    pos = end + 2;
  }
  return out;
}

}  // namespace jiceng::testing
