#include "modules/cases/board/board_feed.hpp"

#include <spdlog/spdlog.h>

#include "core/module_names.hpp"
#include "core/time/clock.hpp"

namespace jiceng::cases {

namespace {

constexpr std::int64_t kForgetAfterMs = 10 * 60000;  // a board nobody watches any more

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string KeyOf(const core::auth::Scope& scope, const BoardTarget& target) {
  std::string key = target.node.code + "|";
  for (const auto& p : scope.prefixes()) key += p + ",";
  return key;
}

}  // namespace

Result<BoardSnapshot> BoardCache::Get(CasesContext& ctx, const core::auth::Scope& scope,
                                      const BoardTarget& target, std::int64_t event_id,
                                      std::int64_t now_ms) {
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mu_);
    std::int64_t steady = SteadyMs();
    for (auto it = slots_.begin(); it != slots_.end();) {
      it = steady - it->second->used_ms > kForgetAfterMs ? slots_.erase(it) : std::next(it);
    }
    auto& s = slots_[KeyOf(scope, target)];
    if (!s) s = std::make_shared<Slot>();
    s->used_ms = steady;
    slot = s;
  }
  // Viewers of the same board wait for one count instead of each running their own.
  std::lock_guard lock(slot->mu);
  BoardSnapshot& snap = slot->snapshot;
  std::int64_t age = now_ms - snap.at_ms;
  if (snap.board && snap.event_id >= event_id && age >= 0 && age < kBoardReuseMs) return snap;
  JC_ASSIGN_OR_RETURN(Json board, BuildBoard(ctx, scope, target, now_ms));
  BoardSnapshot fresh;
  fresh.event_id = event_id;
  fresh.at_ms = now_ms;
  fresh.text = board.dump(-1, ' ', false, Json::error_handler_t::replace);
  Json figures = board;
  figures.erase("generated_at");
  fresh.hash =
      std::hash<std::string>{}(figures.dump(-1, ' ', false, Json::error_handler_t::replace));
  fresh.board = std::make_shared<const Json>(std::move(board));
  snap = std::move(fresh);
  return snap;
}

Result<std::int64_t> LatestCaseEventId(CasesContext& ctx) {
  std::int64_t id = 0;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(id, BoardStore(s).LatestEventId());
    return {};
  }));
  return id;
}

std::shared_ptr<core::http::EventStream> BoardStream(CasesContext& ctx,
                                                     std::shared_ptr<BoardCache> cache,
                                                     core::auth::Scope scope, BoardTarget target) {
  struct State {
    bool first = true;
    std::int64_t seen_event = -1;  // every event up to here has been looked at
    std::size_t sent_hash = 0;
    std::int64_t counted_ms = 0;  // steady clock of the last count
    std::int64_t started_ms = SteadyMs();
  };
  auto state = std::make_shared<State>();
  auto produce = [&ctx, cache = std::move(cache), scope = std::move(scope),
                  target = std::move(target), state]() -> core::http::StreamPoll {
    core::http::StreamPoll poll;
    auto latest = LatestCaseEventId(ctx);
    if (!latest.ok()) {
      spdlog::warn("case board {}: {}", target.node.code, latest.error().message);
      return poll;  // tried again at the next poll
    }
    // The new events only (a few, by primary key), joined to their cases: did any touch this
    // area in this scope? Events of other areas cost one cheap query and no count.
    bool changed = state->first;
    if (!changed && *latest > state->seen_event) {
      auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
        JC_ASSIGN_OR_RETURN(
            changed, BoardStore(s).ChangedBetween(scope, target.area, state->seen_event, *latest));
        return {};
      });
      if (!r.ok()) {
        spdlog::warn("case board {}: {}", target.node.code, r.error().message);
        return poll;
      }
    }
    state->seen_event = *latest;
    std::int64_t steady = SteadyMs();
    if (!changed && steady - state->counted_ms < kBoardRefreshMs) return poll;
    auto snap = cache->Get(ctx, scope, target, *latest, ctx.clock.NowMs());
    if (!snap.ok()) {
      spdlog::warn("case board {}: {}", target.node.code, snap.error().message);
      return poll;
    }
    state->counted_ms = steady;
    if (state->first || snap->hash != state->sent_hash) {
      state->first = false;
      state->sent_hash = snap->hash;
      poll.events.push_back({"board", snap->text, std::to_string(*latest)});
    } else {
      poll.events.push_back(
          {"unchanged", Json{{"generated_at", core::time::FormatIsoUtc(snap->at_ms)}}.dump(), ""});
    }
    // The browser reconnects after a while, which checks permissions and scope afresh.
    poll.done = steady - state->started_ms >= kBoardStreamLifetimeMs;
    return poll;
  };
  core::http::EventStreamOptions options;
  options.interval = kBoardPoll;
  options.retry = std::chrono::milliseconds(3000);
  return std::make_shared<core::http::EventStream>(std::move(produce), options);
}

}  // namespace jiceng::cases
