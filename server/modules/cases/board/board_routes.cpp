#include "modules/cases/board/board_routes.hpp"

#include "core/http/event_stream.hpp"
#include "core/module_names.hpp"
#include "modules/cases/board/board_feed.hpp"
#include "modules/cases/permissions.hpp"

namespace jiceng::cases {

namespace {

Response Snapshot(CasesContext& ctx, BoardCache& cache, Request& req) {
  const auto& who = req.Who();
  auto target = ResolveBoardTarget(ctx, who, req.Query("org"));
  if (!target.ok()) return Response::Problem(target.error(), req);
  auto latest = LatestCaseEventId(ctx);
  if (!latest.ok()) return Response::Problem(latest.error(), req);
  auto snap = cache.Get(ctx, who.scope, *target, *latest, ctx.clock.NowMs());
  if (!snap.ok()) return Response::Problem(snap.error(), req);
  return Response::Text(snap->text, "application/json; charset=utf-8");
}

Response Stream(CasesContext& ctx, const std::shared_ptr<BoardCache>& cache, Request& req) {
  const auto& who = req.Who();
  auto target = ResolveBoardTarget(ctx, who, req.Query("org"));
  if (!target.ok()) return Response::Problem(target.error(), req);
  return core::http::StreamResponse(BoardStream(ctx, cache, who.scope, std::move(target).value()));
}

}  // namespace

void RegisterBoardRoutes(core::http::Router& router, CasesContext& ctx) {
  auto cache = std::make_shared<BoardCache>();
  router.Get(
      "/api/v1/case-board", [&ctx, cache](Request& req) { return Snapshot(ctx, *cache, req); },
      kRead,
      "Command board of an org node in scope (?org=, default the caller's): today's intake by "
      "channel, "
      "open cases by status, overdue and due soon, top categories this month, children, on-time "
      "closure "
      "this month and last, open cases on the map");
  router.Get(
      "/api/v1/case-board/stream", [&ctx, cache](Request& req) { return Stream(ctx, cache, req); },
      kRead,
      "The command board as server-sent events: `board` at once and whenever a case of the area "
      "changes, "
      "`unchanged` after a minute without change");
}

}  // namespace jiceng::cases
