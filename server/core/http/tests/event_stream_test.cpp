// Server-sent events through the real HTTP server: the wire format, the first event at once and
// later ones as the producer yields them, heartbeats, the end of a stream (producer done, client
// gone, session ended, server stopping) and the cap on open streams.
#include "core/http/event_stream.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/http/server.hpp"
#include "tests/sse_client.hpp"

namespace jiceng::core::http {
namespace {

using namespace std::chrono_literals;
using testing::SseClient;

TEST(EventStreamFormat, DataLinesAndNames) {
  EXPECT_EQ(FormatEvent({"board", "{\"a\":1}", ""}), "event: board\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(FormatEvent({"", "x", "7"}), "id: 7\ndata: x\n\n");
  // Every kind of line break starts a new data line; none can start a field of its own.
  EXPECT_EQ(FormatEvent({"", "a\nb\r\nc\rd", ""}), "data: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(FormatEvent({"x\nevent: evil", "", ""}), "event: x\ndata: \n\n");
  EXPECT_EQ(FormatComment("heartbeat"), ": heartbeat\n\n");
}

TEST(EventStreamFormat, ThrowingProducerEndsTheStream) {
  EventStream s([]() -> StreamPoll { throw std::runtime_error("broken"); });
  bool done = false;
  EXPECT_EQ(s.Poll(done), "");
  EXPECT_TRUE(done);
}

RouteSpec Get(std::string pattern, Handler handler, Access access) {
  RouteSpec spec;
  spec.method = "GET";
  spec.pattern = std::move(pattern);
  spec.handler = std::move(handler);
  spec.access = access;
  return spec;
}

// One server with a few stream routes, each driven by the test through shared state.
class EventStreamServer : public ::testing::Test {
 protected:
  struct Feed {
    std::mutex mu;
    std::vector<ServerEvent> pending;
    std::atomic<int> polls{0};
    std::atomic<bool> done{false};
    void Push(ServerEvent e) {
      std::lock_guard lock(mu);
      pending.push_back(std::move(e));
    }
  };

  void SetUp() override {
    feed_ = std::make_shared<Feed>();
    auto feed = feed_;
    auto producer = [feed] {
      ++feed->polls;
      std::lock_guard lock(feed->mu);
      StreamPoll p;
      p.events.swap(feed->pending);
      p.done = feed->done;
      return p;
    };
    // Both streams poll every 50 ms; the public one also beats and names a retry, the private
    // one checks the login every 100 ms.
    auto stream = [producer](auto configure) {
      return [producer, configure](Request&) {
        EventStreamOptions o;
        o.interval = 50ms;
        configure(o);
        return StreamResponse(std::make_shared<EventStream>(producer, o));
      };
    };
    router_.Add(Get("/api/v1/test/events", stream([](EventStreamOptions& o) {
                      o.heartbeat = 300ms;
                      o.retry = 2500ms;
                    }),
                    Access::kPublic));
    router_.Add(Get("/api/v1/test/private-events",
                    stream([](EventStreamOptions& o) { o.reauth = 100ms; }),
                    Access::kAuthenticated));
    router_.Add(Get(
        "/api/v1/test/plain",
        [](Request&) {
          return Response::Ok({{"ok", true}});
        },
        Access::kPublic));
    app::ServerConfig config;
    config.port = 0;
    config.io_threads = 1;
    config.worker_threads = 2;
    config.access_log = false;
    ServerHooks hooks;
    auto valid = valid_;
    hooks.authenticate = [valid](const Request& req) -> Result<auth::Principal> {
      if (req.Header("authorization") != "Bearer t" || !*valid) {
        return DomainError::Unauthenticated("auth.required", "请先登录");
      }
      return auth::Principal{};
    };
    server_ = std::make_unique<Server>(config, router_, hooks);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    server_.reset();
    SetMaxEventStreams(0);
  }

  std::shared_ptr<Feed> feed_;
  std::shared_ptr<std::atomic<bool>> valid_ = std::make_shared<std::atomic<bool>>(true);
  Router router_;
  std::unique_ptr<Server> server_;
};

TEST_F(EventStreamServer, HeadersFirstEventAndLaterOnes) {
  feed_->Push({"board", "first", "1"});
  auto started = std::chrono::steady_clock::now();
  SseClient c(server_->port(), "/api/v1/test/events");
  EXPECT_EQ(c.ReadStatus(), 200);
  EXPECT_EQ(c.headers["content-type"], "text/event-stream; charset=utf-8");
  EXPECT_EQ(c.headers["cache-control"], "no-cache");
  EXPECT_EQ(c.headers.count("content-length"), 0u);
  EXPECT_EQ(c.headers["connection"], "close");
  auto first = c.Next();
  ASSERT_TRUE(first);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);  // no waiting for the first poll
  EXPECT_EQ(first->event, "board");
  EXPECT_EQ(first->data, "first");
  EXPECT_EQ(first->id, "1");
  EXPECT_EQ(c.retry_ms, 2500);

  feed_->Push({"", "line one\nline two", ""});
  auto second = c.Next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->event, "message");
  EXPECT_EQ(second->data, "line one\nline two");

  // Nothing to say: a heartbeat comment keeps the line open.
  EXPECT_FALSE(c.Next(700ms));
  EXPECT_FALSE(c.comments.empty());
  EXPECT_EQ(c.comments.front(), "heartbeat");
}

TEST_F(EventStreamServer, ProducerDoneEndsTheStream) {
  feed_->Push({"board", "last", ""});
  feed_->done = true;
  SseClient c(server_->port(), "/api/v1/test/events");
  ASSERT_TRUE(c.ReadHead());
  auto e = c.Next();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->data, "last");
  EXPECT_TRUE(c.ClosedByServer(2s));
}

TEST_F(EventStreamServer, ClientGoneStopsPollingAndFreesItsSlot) {
  SetMaxEventStreams(1);
  {
    SseClient c(server_->port(), "/api/v1/test/events");
    EXPECT_EQ(c.ReadStatus(), 200);
    // A second stream while the first is open: refused.
    SseClient d(server_->port(), "/api/v1/test/events");
    EXPECT_EQ(d.ReadStatus(), 503);
    EXPECT_EQ(d.headers["retry-after"], "30");
    EXPECT_EQ(d.headers["content-type"].rfind("application/problem+json", 0), 0u);
    EXPECT_TRUE(d.ClosedByServer(2s));
    EXPECT_NE(d.raw_rest().find("http.too_many_streams"), std::string::npos);
  }
  // The client closed: within a tick the server notices, stops polling and frees the slot.
  std::this_thread::sleep_for(1500ms);
  int polls = feed_->polls;
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(feed_->polls, polls);
  SseClient again(server_->port(), "/api/v1/test/events");
  EXPECT_EQ(again.ReadStatus(), 200);
  // Plain requests are not streams and are never refused by the cap.
  SseClient plain(server_->port(), "/api/v1/test/plain");
  EXPECT_EQ(plain.ReadStatus(), 200);
}

TEST_F(EventStreamServer, EndsWhenTheSessionEnds) {
  SseClient anonymous(server_->port(), "/api/v1/test/private-events");
  EXPECT_EQ(anonymous.ReadStatus(), 401);

  SseClient c(server_->port(), "/api/v1/test/private-events", {"Authorization: Bearer t"});
  EXPECT_EQ(c.ReadStatus(), 200);
  EXPECT_FALSE(c.ClosedByServer(400ms));  // re-checked and still valid
  *valid_ = false;                        // logged out elsewhere
  EXPECT_TRUE(c.ClosedByServer(3s));
}

TEST_F(EventStreamServer, StopDoesNotWaitForOpenStreams) {
  SseClient a(server_->port(), "/api/v1/test/events");
  SseClient b(server_->port(), "/api/v1/test/events");
  ASSERT_TRUE(a.ReadHead());
  ASSERT_TRUE(b.ReadHead());
  auto started = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(a.ClosedByServer(1s));
  EXPECT_TRUE(b.ClosedByServer(1s));
}

}  // namespace
}  // namespace jiceng::core::http
