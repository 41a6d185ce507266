// Village conventions: a new version is drafted, adopted through a resolved decision of matter
// 'convention', then filed with the township (备案) with the legality review's result and date.
#include "modules/autonomy/conventions/convention_routes.hpp"

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/conventions/convention_store.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"
#include "modules/autonomy/permissions.hpp"

namespace jiceng::autonomy {

namespace {

DomainError ConventionNotFound() {
  return DomainError::NotFound("autonomy.convention.not_found",
                               "村规民约不存在或不在您的管辖范围内");
}

std::string AuthorName(const core::auth::Principal& who) {
  return who.display_name.empty() ? who.username : who.display_name;
}

Json ConventionJson(const Convention& c) {
  return {{"id", c.id},
          {"org_code", c.org_code},
          {"version", c.version},
          {"title", c.title},
          {"body", c.body},
          {"status", c.status},
          {"decision_id", c.decision_id ? Json(*c.decision_id) : Json(nullptr)},
          {"adopted_on", c.adopted_on},
          {"review_result", c.review_result},
          {"review_note", c.review_note},
          {"reviewed_on", c.reviewed_on},
          {"reviewed_by", c.reviewed_by},
          {"created_by_name", c.created_by},
          {"created_at", core::time::FormatIsoUtc(c.created_at)}};
}

Result<Json> Create(AutonomyContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  JC_TRY(RejectUnknown(body, {"org_code", "title", "body"}));
  Convention c;
  JC_ASSIGN_OR_RETURN(std::string code, RequiredText(body, "org_code", 20, "村（社区）"));
  JC_ASSIGN_OR_RETURN(c.title, RequiredText(body, "title", 100, "标题"));
  JC_ASSIGN_OR_RETURN(c.body, RequiredText(body, "body", 50000, "条文"));
  const auto& who = req.Who();
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node)
    return DomainError::Invalid("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内",
                                "org_code");
  if (node->level != org::OrgLevel::kVillage)
    return DomainError::Invalid("autonomy.org.not_village", "村规民约应属于一个村（社区）",
                                "org_code");
  c.org_code = node->code;
  c.created_by = AuthorName(who);
  c.created_at = c.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(ConventionStore(s).Insert(c));
    return ctx.audit.Append(
        s, Call::Of(req).Audit("autonomy.convention.create", "convention", std::to_string(c.id),
                               c.org_code, {{"version", c.version}}));
  }));
  return ConventionJson(c);
}

Result<Json> List(AutonomyContext& ctx, Request& req) {
  std::string code = req.Query("org_code");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("http.bad_query", "org_code 应为村（社区）编码", "org_code");
  std::vector<Convention> items;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(items, ConventionStore(s).OfVillage(req.Who().scope, code));
    return {};
  }));
  Json out = Json::array();
  std::optional<std::int64_t> in_force;
  for (const auto& c : items) {
    out.push_back(ConventionJson(c));
    if (!in_force && c.status == "filed") in_force = c.version;
  }
  return Json{{"items", out}, {"in_force_version", in_force ? Json(*in_force) : Json(nullptr)}};
}

// Runs fn on the convention (in scope) inside a write; fn changes it and names the status it
// must still have.
template <typename Fn>
Result<Json> Change(AutonomyContext& ctx, Request& req, const std::string& action, Fn fn) {
  JC_ASSIGN_OR_RETURN(auto id, core::http::PathId(req, "id", ConventionNotFound()));
  JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
  Convention c;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    ConventionStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(req.Who().scope, id));
    if (!found) return ConventionNotFound();
    c = *found;
    std::string from = c.status;
    JC_TRY(fn(s, body, c));
    c.updated_at = ctx.clock.NowMs();
    JC_ASSIGN_OR_RETURN(bool ok, store.Update(c, from));
    if (!ok)
      return DomainError::Conflict("autonomy.convention.changed", "该村规民约刚被他人更新，请刷新");
    return ctx.audit.Append(
        s, Call::Of(req).Audit(
               action, "convention", std::to_string(id), c.org_code,
               {{"status", c.status},
                {"decision_id", c.decision_id ? Json(*c.decision_id) : Json(nullptr)}}));
  }));
  return ConventionJson(c);
}

Result<void> Adopt(const core::auth::Scope& scope, core::db::Session& s, const Json& body,
                   Convention& c) {
  JC_TRY(RejectUnknown(body, {"decision_id"}));
  if (c.status != "draft")
    return DomainError::Conflict("autonomy.convention.status", "只有草稿可以经决议通过");
  auto it = body.find("decision_id");
  if (it == body.end() || !it->is_number_integer())
    return DomainError::Invalid("autonomy.decision_id.required", "请提供通过该村规民约的决策事项",
                                "decision_id");
  std::int64_t decision_id = it->get<std::int64_t>();
  DecisionStore decisions(s);
  JC_ASSIGN_OR_RETURN(auto d, decisions.Get(scope, decision_id));
  if (!d || d->org_code != c.org_code)
    return DomainError::Invalid("autonomy.convention.decision.not_found",
                                "未找到本村（社区）的该决策事项", "decision_id");
  if (d->matter != "convention")
    return DomainError::Invalid("autonomy.convention.decision.matter",
                                "该决策事项不是村规民约类事项", "decision_id");
  JC_ASSIGN_OR_RETURN(auto stages, decisions.Stages(decision_id));
  std::string adopted_on;
  for (const auto& st : stages)
    if (st.passed && (st.stage == "assembly" || st.stage == "representatives_assembly"))
      adopted_on = st.held_on;
  if (adopted_on.empty() || d->status == "stopped")
    return DomainError::Conflict("autonomy.convention.not_resolved",
                                 "村规民约须经村民会议或村民代表会议表决通过");
  JC_ASSIGN_OR_RETURN(bool used, ConventionStore(s).DecisionUsed(decision_id));
  if (used)
    return DomainError::Conflict("autonomy.convention.decision.used",
                                 "该决策事项已用于通过另一版本的村规民约", "decision_id");
  c.decision_id = decision_id;
  c.adopted_on = adopted_on;
  c.status = "adopted";
  return {};
}

Result<void> File(const core::auth::Principal& who, const std::string& today, const Json& body,
                  Convention& c) {
  JC_TRY(RejectUnknown(body, {"review_result", "reviewed_on", "note"}));
  if (c.status != "adopted")
    return DomainError::Conflict("autonomy.convention.status",
                                 "只有经决议通过的村规民约可以报乡镇备案");
  JC_ASSIGN_OR_RETURN(c.review_result, RequiredText(body, "review_result", 10, "合法性审查结果"));
  if (c.review_result != "passed" && c.review_result != "failed")
    return DomainError::Invalid("autonomy.convention.review_result.invalid",
                                "合法性审查结果应为 passed（通过）或 failed（未通过）",
                                "review_result");
  JC_ASSIGN_OR_RETURN(c.reviewed_on, DateField(body, "reviewed_on", "审查日期"));
  if (c.reviewed_on > today)
    return DomainError::Invalid("autonomy.reviewed_on.future", "审查日期不能晚于今天",
                                "reviewed_on");
  if (c.reviewed_on < c.adopted_on)
    return DomainError::Invalid("autonomy.reviewed_on.before_adoption",
                                "审查日期不能早于表决通过日期（" + c.adopted_on + "）",
                                "reviewed_on");
  JC_ASSIGN_OR_RETURN(c.review_note, TextField(body, "note", 2000));
  if (c.review_result == "failed" &&
      c.review_note.find_first_not_of(" \t\r\n") == std::string::npos)
    return DomainError::Invalid("autonomy.convention.note.required",
                                "审查未通过时请写明与法律法规相抵触之处", "note");
  c.reviewed_by = AuthorName(who);
  c.status = c.review_result == "passed" ? "filed" : "review_failed";
  return {};
}

}  // namespace

void RegisterConventionRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Post("/api/v1/conventions",
              Answering([&ctx](Request& req) { return Create(ctx, req); }, 201), kDecisionWrite,
              "Drafts the next version of a village's convention (村规民约)");
  router.Get("/api/v1/conventions", Answering([&ctx](Request& req) { return List(ctx, req); }),
             kRead, "The versions of a village's convention (?org_code=), with the one in force");
  router.Post("/api/v1/conventions/{id}/adopt", Answering([&ctx](Request& req) {
                return Change(ctx, req, "autonomy.convention.adopt",
                              [&req](core::db::Session& s, const Json& body, Convention& c) {
                                return Adopt(req.Who().scope, s, body, c);
                              });
              }),
              kDecisionWrite,
              "Adopts a draft through a decision of matter convention that an assembly resolved");
  router.Post(
      "/api/v1/conventions/{id}/filing", Answering([&ctx](Request& req) {
        std::string today = core::time::LocalDate(ctx.clock.NowMs());
        return Change(ctx, req, "autonomy.convention.file",
                      [&req, today](core::db::Session&, const Json& body, Convention& c) {
                        return File(req.Who(), today, body, c);
                      });
      }),
      kConventionReview,
      "The township files an adopted convention (备案) with its legality review: passed (in "
      "force) or failed (with a note)");
}

}  // namespace jiceng::autonomy
