#include "modules/autonomy/decisions/decision_routes.hpp"

#include <set>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"
#include "modules/autonomy/decisions/decisions.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

Result<std::int64_t> DecisionId(const Request& req) {
  return core::http::PathId(req, "id", DecisionNotFound());
}

Result<Json> List(AutonomyContext& ctx, Request& req) {
  static const std::set<std::string> kStages = {"proposed",
                                                "joint_meeting",
                                                "party_meeting",
                                                "assembly",
                                                "representatives_assembly",
                                                "resolution_disclosed",
                                                "result_disclosed"};
  DecisionFilter f;
  f.org = req.Query("org_code");
  f.status = req.Query("status");
  f.stage = req.Query("stage");
  f.cursor = req.Query("cursor");
  if (!f.status.empty() && f.status != "open" && f.status != "stopped" && f.status != "done")
    return DomainError::Invalid("http.bad_query", "status 应为 open、stopped 或 done", "status");
  if (!f.stage.empty() && !kStages.count(f.stage))
    return DomainError::Invalid(
        "http.bad_query",
        "stage 应为 proposed、joint_meeting、party_meeting、assembly、"
        "representatives_assembly、resolution_disclosed 或 result_disclosed",
        "stage");
  if (f.org.size() > 20 || f.org.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("http.bad_query", "org_code 应为数字编码", "org_code");
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req, 100, 500));
  core::db::Page<Decision> page;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(page, DecisionStore(s).List(req.Who().scope, f));
    return {};
  }));
  Json out = Json::array();
  for (const auto& d : page.items) out.push_back(DecisionJson(d));
  Json answer{{"items", out}};
  if (page.next_cursor) answer["next_cursor"] = *page.next_cursor;
  return answer;
}

}  // namespace

void RegisterDecisionRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Post(
      "/api/v1/decisions",
      Answering(
          [&ctx](Request& req) -> Result<Json> {
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            JC_ASSIGN_OR_RETURN(auto d, ProposeDecision(ctx, Call::Of(req), body));
            return DecisionJson(d);
          },
          201),
      kDecisionWrite,
      "A village's major matter proposed by its party organization (四议两公开, 提议); 201 with "
      "stage proposed");
  router.Get("/api/v1/decisions", Answering([&ctx](Request& req) { return List(ctx, req); }), kRead,
             "Decisions in scope, newest first (?org_code= prefix, status=open|stopped|done, "
             "stage=, limit, cursor)");
  router.Get("/api/v1/decisions/{id}", Answering([&ctx](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(auto id, DecisionId(req));
               return DecisionDetail(ctx, req.Who().scope, id);
             }),
             kRead,
             "A decision with its meetings (numbers and outcome), disclosures and next stages");
  router.Post(
      "/api/v1/decisions/{id}/stages",
      Answering(
          [&ctx](Request& req) -> Result<Json> {
            JC_ASSIGN_OR_RETURN(auto id, DecisionId(req));
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            JC_ASSIGN_OR_RETURN(auto d, RecordMeeting(ctx, Call::Of(req), id, body));
            return DecisionJson(d);
          },
          201),
      kDecisionWrite,
      "Records the next meeting (joint_meeting, party_meeting, assembly or "
      "representatives_assembly) in order (409 autonomy.decision.stage_order); a meeting that "
      "misses the law's quorum or vote stops the decision (422 quorum_not_met / rejected)");
  router.Post(
      "/api/v1/decisions/{id}/disclosures",
      Answering(
          [&ctx](Request& req) -> Result<Json> {
            JC_ASSIGN_OR_RETURN(auto id, DecisionId(req));
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            JC_ASSIGN_OR_RETURN(auto d, DiscloseDecision(ctx, Call::Of(req), id, body));
            return DisclosureJson(d);
          },
          201),
      kDecisionWrite,
      "Discloses a decision's resolution (after the assembly) or the result of carrying it out "
      "(after the resolution), published at once");
}

}  // namespace jiceng::autonomy
