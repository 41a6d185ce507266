#include "modules/cases/board/board_routes.hpp"

#include "core/http/event_stream.hpp"
#include "core/module_names.hpp"
#include "modules/cases/board/board_feed.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

namespace {

Result<Response> Snapshot(CasesContext& ctx, BoardCache& cache, Request& req) {
  const auto& who = req.Who();
  JC_ASSIGN_OR_RETURN(auto target, ResolveBoardTarget(ctx, who, req.Query("org")));
  JC_ASSIGN_OR_RETURN(auto latest, LatestCaseEventId(ctx));
  JC_ASSIGN_OR_RETURN(auto snap, cache.Get(ctx, who.scope, target, latest, ctx.clock.NowMs()));
  return Response::Text(snap.text, "application/json; charset=utf-8");
}

Result<Response> Stream(CasesContext& ctx, const std::shared_ptr<BoardCache>& cache, Request& req) {
  const auto& who = req.Who();
  JC_ASSIGN_OR_RETURN(auto target, ResolveBoardTarget(ctx, who, req.Query("org")));
  return core::http::StreamResponse(BoardStream(ctx, cache, who.scope, std::move(target)));
}

}  // namespace

void RegisterBoardRoutes(core::http::Router& router, CasesContext& ctx) {
  auto cache = std::make_shared<BoardCache>();
  router.Get(
      "/api/v1/case-board",
      [&ctx, cache](Request& req) { return core::http::Answer(req, Snapshot(ctx, *cache, req)); },
      kRead,
      "Command board of an org node in scope (?org=, default the caller's): today's intake by "
      "channel, "
      "open cases by status, overdue and due soon, top categories this month, children, on-time "
      "closure "
      "this month and last, open cases on the map");
  router.Get(
      "/api/v1/case-board/stream",
      [&ctx, cache](Request& req) { return core::http::Answer(req, Stream(ctx, cache, req)); },
      kRead,
      "The command board as server-sent events: `board` at once and whenever a case of the area "
      "changes, "
      "`unchanged` after a minute without change");
}

}  // namespace jiceng::cases
