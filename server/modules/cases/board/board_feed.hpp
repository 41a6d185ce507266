// The live side of the command board: snapshots shared by everyone watching the same board
// with the same scope, and the producer of a board's event stream, which looks for changes in
// its area every poll and sends a fresh snapshot only when there are some.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/http/event_stream.hpp"
#include "modules/cases/board/board.hpp"

namespace jiceng::cases {

// How often a stream looks for changes; how long a snapshot may be reused for a viewer who saw
// no newer event; after how long without changes a stream re-counts anyway (today's intake and
// overdue cases also move with the clock) and how long a stream lives before the browser
// reconnects (re-checking the caller's permissions and scope).
inline constexpr std::chrono::milliseconds kBoardPoll{2000};
inline constexpr std::int64_t kBoardReuseMs = 2000;
inline constexpr std::int64_t kBoardRefreshMs = 60000;
inline constexpr std::int64_t kBoardStreamLifetimeMs = 30 * 60000;

struct BoardSnapshot {
  std::int64_t event_id = -1;  // every timeline event up to this id is counted
  std::int64_t at_ms = 0;      // the clock when it was counted
  std::shared_ptr<const nlohmann::json> board;
  std::string text;      // board serialized, as sent
  std::size_t hash = 0;  // of the figures (generated_at left out): "has anything changed"
};

class BoardCache {
 public:
  // A snapshot counted after event `event_id` and at most kBoardReuseMs old (by the server
  // clock), counting it now if there is none. One count at a time per board and scope.
  core::Result<BoardSnapshot> Get(CasesContext& ctx, const core::auth::Scope& scope,
                                  const BoardTarget& target, std::int64_t event_id,
                                  std::int64_t now_ms);

 private:
  struct Slot {
    std::mutex mu;
    BoardSnapshot snapshot;
    std::int64_t used_ms = 0;
  };
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Slot>> slots_;
};

// The newest timeline event id (what a snapshot is counted after).
core::Result<std::int64_t> LatestCaseEventId(CasesContext& ctx);

// The event stream of one viewer's board: `board` with the snapshot at once, then a new one
// whenever an event touched a case of the area (or, every kBoardRefreshMs, when the figures
// moved with the clock; else a small `unchanged` event carrying the time of the check).
std::shared_ptr<core::http::EventStream> BoardStream(CasesContext& ctx,
                                                     std::shared_ptr<BoardCache> cache,
                                                     core::auth::Scope scope, BoardTarget target);

}  // namespace jiceng::cases
