// Server-sent events (text/event-stream, the protocol of the browser's EventSource). A handler
// answers with StreamResponse(stream); the server then writes the headers and, every
// interval(), asks the stream on the worker pool (a producer may query the database) what to
// send, until the client goes away, the producer says it is done, or the server stops. No
// thread is held between polls: the connection waits on a timer of the event loop.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/message.hpp"

namespace jiceng::core::http {

struct ServerEvent {
  std::string event;  // the event name ("board"); empty = the default "message"
  std::string data;   // any text; each line becomes its own "data:" line
  std::string id;     // optional: the browser sends it back as Last-Event-ID on reconnect
};

// The wire form of one event: "event: board\ndata: {...}\n\n".
std::string FormatEvent(const ServerEvent& e);
// A comment line (": text\n\n"): ignored by EventSource, keeps proxies from closing the line.
std::string FormatComment(std::string_view text);

struct StreamPoll {
  std::vector<ServerEvent> events;
  bool done = false;  // end the stream after these events
};

struct EventStreamOptions {
  std::chrono::milliseconds interval{1000};    // between polls of the producer
  std::chrono::milliseconds retry{5000};       // the browser's reconnection delay
  std::chrono::milliseconds heartbeat{15000};  // a comment line after this long without data
  // An authenticated stream re-checks its caller's session this often and ends once the session
  // has (logout, expiry, disabled user). The check counts as use of the session, as any
  // request does: an open board keeps its session alive until its absolute lifetime ends.
  std::chrono::milliseconds reauth{60000};
};

class EventStream {
 public:
  using Producer = std::function<StreamPoll()>;

  // producer is called at once (the first poll) and then every options.interval.
  explicit EventStream(Producer producer, EventStreamOptions options = {});

  std::chrono::milliseconds interval() const { return options_.interval; }
  std::chrono::milliseconds heartbeat() const { return options_.heartbeat; }
  std::chrono::milliseconds reauth() const { return options_.reauth; }
  // The first bytes of the body: the reconnection delay the browser should use.
  std::string Opening() const;
  // Runs the producer (the server calls it on a worker thread, one call at a time) and returns
  // the bytes to write ("" = nothing new) and whether to end. A producer that throws ends the
  // stream: a broken producer must not be retried every second forever.
  std::string Poll(bool& done);

 private:
  Producer producer_;
  EventStreamOptions options_;
  std::mutex mu_;
};

// A 200 text/event-stream answer served from stream.
Response StreamResponse(std::shared_ptr<EventStream> stream);

// Open streams per server beyond which a new one is answered 503 http.too_many_streams.
inline constexpr int kDefaultMaxEventStreams = 200;
int MaxEventStreams();
void SetMaxEventStreams(int n);  // tests; <= 0 restores the default

}  // namespace jiceng::core::http
