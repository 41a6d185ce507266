#include "core/http/event_stream.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>

namespace jiceng::core::http {

namespace {

std::atomic<int> g_max_streams{kDefaultMaxEventStreams};

// Appends "field: value\n" for every line of value ("\r\n", "\r" and "\n" all end a line in the
// protocol, so a value can never smuggle in a field of its own).
void AppendLines(std::string& out, std::string_view field, std::string_view value) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t end = value.find_first_of("\r\n", pos);
    out.append(field);
    out.append(": ");
    out.append(
        value.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    out.push_back('\n');
    if (end == std::string_view::npos) break;
    pos = end + ((value[end] == '\r' && end + 1 < value.size() && value[end + 1] == '\n') ? 2 : 1);
  }
}

// Event names and ids are single tokens; anything after a line break is dropped.
std::string_view FirstLine(std::string_view s) { return s.substr(0, s.find_first_of("\r\n")); }

}  // namespace

std::string FormatEvent(const ServerEvent& e) {
  std::string out;
  out.reserve(e.data.size() + e.event.size() + 32);
  if (!e.event.empty()) AppendLines(out, "event", FirstLine(e.event));
  if (!e.id.empty()) AppendLines(out, "id", FirstLine(e.id));
  AppendLines(out, "data", e.data);
  out.push_back('\n');
  return out;
}

std::string FormatComment(std::string_view text) {
  std::string out;
  AppendLines(out, "", text);  // ": text\n" per line
  out.push_back('\n');
  return out;
}

EventStream::EventStream(Producer producer, EventStreamOptions options)
    : producer_(std::move(producer)), options_(options) {
  options_.interval = std::max(options_.interval, std::chrono::milliseconds(50));
  options_.heartbeat = std::max(options_.heartbeat, std::chrono::milliseconds(100));
  options_.reauth = std::max(options_.reauth, std::chrono::milliseconds(100));
}

std::string EventStream::Opening() const {
  return "retry: " + std::to_string(options_.retry.count()) + "\n\n";
}

std::string EventStream::Poll(bool& done) {
  std::lock_guard lock(mu_);
  done = false;
  StreamPoll poll;
  try {
    poll = producer_();
  } catch (const std::exception& e) {
    spdlog::error("event stream producer failed: {}", e.what());
    done = true;
    return {};
  } catch (...) {
    spdlog::error("event stream producer failed with an unknown exception");
    done = true;
    return {};
  }
  std::string out;
  for (const auto& e : poll.events) out += FormatEvent(e);
  done = poll.done;
  return out;
}

Response StreamResponse(std::shared_ptr<EventStream> stream) {
  Response r;
  r.status = 200;
  r.content_type = "text/event-stream; charset=utf-8";
  r.stream = std::move(stream);
  return r;
}

int MaxEventStreams() { return g_max_streams.load(); }

void SetMaxEventStreams(int n) { g_max_streams.store(n > 0 ? n : kDefaultMaxEventStreams); }

}  // namespace jiceng::core::http
