// Visits (走访) and patrol logs (巡查记录). A visit needs a note and whom it concerns, nothing
// else: no photo, no location, and the worker's position is never recorded (STANDARDS.md, "No
// fingertip formalism"). A visit is entered once and read by everyone with its grid in scope.
// Patrol logs are the worker's own notes, shared with the scope only when marked handover; no
// answer counts or ranks records per worker.
#include "core/app/call.hpp"
#include "core/audit/audit_log.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "modules/people/households/household_store.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/places/house_store.hpp"
#include "modules/people/record_routes.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/visits/visit_store.hpp"

namespace jiceng::people {

namespace {

constexpr std::int64_t kFutureSlackMs = 60LL * 60 * 1000;  // phones with a clock a little ahead

std::string AuthorName(const core::auth::Principal& who) {
  return who.display_name.empty() ? who.username : who.display_name;
}

Result<std::string> RequiredNote(const Json& body, const char* code) {
  JC_ASSIGN_OR_RETURN(auto note, OptionalText(body, "note", 2000));
  if (!note || note->empty()) return DomainError::Invalid(code, "请填写记录内容", "note");
  return std::move(*note);
}

Result<Visit> CreateVisit(PeopleContext& ctx, const Call& call, const Json& body) {
  JC_TRY(RejectUnknownFields(
      body, {"resident_id", "household_id", "house_id", "visited_at", "place", "note"}));
  Visit v;
  JC_ASSIGN_OR_RETURN(v.note, RequiredNote(body, "people.visit.note.required"));
  JC_ASSIGN_OR_RETURN(auto place, OptionalText(body, "place", 200));
  v.place = place.value_or("");
  std::int64_t now = ctx.clock.NowMs();
  v.created_at = now;
  v.visited_at = now;
  if (auto it = body.find("visited_at"); it != body.end() && !it->is_null()) {
    std::optional<std::int64_t> at;
    if (it->is_string()) at = core::audit::ParseTimeParam(it->get<std::string>());
    if (!at) {
      return DomainError::Invalid("people.date.format",
                                  "走访时间格式应为 ISO 8601，如 2026-11-26T09:30:00+08:00",
                                  "visited_at");
    }
    if (*at > now + kFutureSlackMs) {
      return DomainError::Invalid("people.visit.visited_at.future", "走访时间不能晚于现在",
                                  "visited_at");
    }
    v.visited_at = *at;
  }
  JC_ASSIGN_OR_RETURN(auto resident_id, OptionalId(body, "resident_id"));
  JC_ASSIGN_OR_RETURN(auto household_id, OptionalId(body, "household_id"));
  JC_ASSIGN_OR_RETURN(auto house_id, OptionalId(body, "house_id"));
  if (resident_id) v.resident_id = *resident_id;
  if (household_id) v.household_id = *household_id;
  if (house_id) v.house_id = *house_id;
  if (!v.resident_id && !v.household_id && !v.house_id) {
    return DomainError::Invalid("people.visit.subject.required", "请选择走访的居民、户或房屋",
                                "resident_id");
  }
  v.created_by_id = call.who.user_id;
  v.created_by = AuthorName(call.who);
  const auto& scope = call.who.scope;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    // Each subject given must be in scope; the grid comes from the most specific one, and a
    // resident's household and house are filled in so their pages list the visit too.
    std::string org_code;
    if (v.resident_id) {
      JC_ASSIGN_OR_RETURN(auto r, ResidentStore(s, ctx.privacy).Get(scope, *v.resident_id));
      if (!r)
        return DomainError::Invalid("people.resident.not_found", "居民不存在或不在您的管辖范围内",
                                    "resident_id");
      org_code = r->org_code;
      v.resident_name = r->name;
      if (!v.household_id) v.household_id = r->household_id;
      if (!v.house_id) v.house_id = r->house_id;
    }
    if (household_id && *household_id) {
      JC_ASSIGN_OR_RETURN(auto hh, HouseholdStore(s).Get(scope, **household_id));
      if (!hh)
        return DomainError::Invalid("people.household.not_found", "户不存在或不在您的管辖范围内",
                                    "household_id");
      if (org_code.empty()) org_code = hh->org_code;
      if (!v.house_id) v.house_id = hh->house_id;
    }
    if (house_id && *house_id) {
      JC_ASSIGN_OR_RETURN(auto h, HouseStore(s).Get(scope, **house_id));
      if (!h)
        return DomainError::Invalid("people.house.not_found", "房屋不存在或不在您的管辖范围内",
                                    "house_id");
      if (org_code.empty()) org_code = h->org_code;
    }
    v.org_code = org_code;
    JC_TRY(VisitStore(s).Insert(v));
    return ctx.audit.Append(
        s, call.Audit("people.visit.create", "visit", std::to_string(v.id), v.org_code,
                      {{"resident_id", OptionalIdJson(v.resident_id)},
                       {"household_id", OptionalIdJson(v.household_id)},
                       {"house_id", OptionalIdJson(v.house_id)}}));
  }));
  return v;
}

// The node a patrol log belongs to when none is given: the caller's own node if in their scope,
// else the first node of their scope (a grid worker's grid).
std::string DefaultPatrolOrg(const core::auth::Principal& who) {
  if (who.scope.Covers(who.org_code)) return who.org_code;
  for (const auto& p : who.scope.prefixes())
    if (!p.empty()) return p;
  return who.org_code;
}

Result<PatrolLog> CreatePatrolLog(PeopleContext& ctx, const Call& call, const Json& body) {
  JC_TRY(RejectUnknownFields(body, {"note", "org_code", "handover"}));
  PatrolLog log;
  JC_ASSIGN_OR_RETURN(log.note, RequiredNote(body, "people.patrol.note.required"));
  if (auto it = body.find("handover"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean())
      return DomainError::Invalid("people.field.type", "字段类型错误，应为 true 或 false",
                                  "handover");
    log.handover = it->get<bool>();
  }
  JC_ASSIGN_OR_RETURN(auto org, OptionalText(body, "org_code", 20));
  log.org_code = org && !org->empty() ? *org : DefaultPatrolOrg(call.who);
  if (org && !org->empty() &&
      (!call.who.scope.Covers(log.org_code) || !ctx.org_name(log.org_code))) {
    return DomainError::Invalid("people.org.not_found", "组织不存在或不在您的管辖范围内",
                                "org_code");
  }
  log.at = ctx.clock.NowMs();
  log.created_by_id = call.who.user_id;
  log.created_by = AuthorName(call.who);
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(VisitStore(s).InsertPatrolLog(log));
    return ctx.audit.Append(
        s, call.Audit("people.patrol.create", "patrol_log", std::to_string(log.id), log.org_code,
                      {{"handover", log.handover}}));
  }));
  return log;
}

Json VisitJson(const Visit& v) {
  return {{"id", v.id},
          {"org_code", v.org_code},
          {"resident_id", OptionalIdJson(v.resident_id)},
          {"resident_name", v.resident_id ? Json(v.resident_name) : Json(nullptr)},
          {"household_id", OptionalIdJson(v.household_id)},
          {"house_id", OptionalIdJson(v.house_id)},
          {"visited_at", core::time::FormatIsoUtc(v.visited_at)},
          {"place", v.place},
          {"note", v.note},
          {"created_by", v.created_by_id},
          {"created_by_name", v.created_by},
          {"created_at", core::time::FormatIsoUtc(v.created_at)}};
}

Json PatrolLogJson(const PatrolLog& p) {
  return {{"id", p.id},
          {"org_code", p.org_code},
          {"at", core::time::FormatIsoUtc(p.at)},
          {"note", p.note},
          {"handover", p.handover},
          {"created_by", p.created_by_id},
          {"created_by_name", p.created_by}};
}

Result<VisitFilter> VisitFilterOf(const Request& req) {
  VisitFilter f;
  JC_ASSIGN_OR_RETURN(f.resident_id, core::http::IntQuery(req, "resident_id"));
  JC_ASSIGN_OR_RETURN(f.household_id, core::http::IntQuery(req, "household_id"));
  JC_ASSIGN_OR_RETURN(f.limit, core::http::LimitParam(req));
  return f;
}

}  // namespace

void RegisterVisitRoutes(core::http::Router& router, PeopleContext& ctx) {
  RecordRoutes visits("/api/v1/visits");
  visits.list = [&ctx](Request& req) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(VisitFilter filter, VisitFilterOf(req));
    return ReadPage<VisitPage>(
        ctx,
        [&](core::db::Session& s) {
          return VisitStore(s).List(ListScope(req), filter, req.Query("cursor"));
        },
        VisitJson);
  };
  visits.list_summary = "Visits in scope, newest first (?org=&resident_id=&household_id=)";
  visits.create = [&ctx](Request& req, const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(Visit v, CreateVisit(ctx, Call::Of(req), body));
    return VisitJson(v);
  };
  visits.create_summary =
      "Records a visit: a note about a resident, household or house (no photo, no location)";
  RegisterRecordRoutes(router, visits);

  // Reading takes people.read like every record of the module (security issue 12, finding 8):
  // handed-over logs describe households and residents of the caller's scope.
  RecordRoutes patrol_logs("/api/v1/patrol-logs");
  patrol_logs.list = [&ctx](Request& req) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req));
    std::string org = req.Query("org");
    return ReadPage<PatrolLogPage>(
        ctx,
        [&](core::db::Session& s) {
          return VisitStore(s).PatrolLogs(req.Who().user_id, org, ListScope(req), limit,
                                          req.Query("cursor"));
        },
        PatrolLogJson);
  };
  patrol_logs.list_summary =
      "The caller's own patrol logs and those handed over in their scope, newest first";
  patrol_logs.create = [&ctx](Request& req, const Json& body) -> Result<Json> {
    JC_ASSIGN_OR_RETURN(PatrolLog log, CreatePatrolLog(ctx, Call::Of(req), body));
    return PatrolLogJson(log);
  };
  patrol_logs.create_summary = "Writes a patrol log (handover: shared with colleagues in scope)";
  RegisterRecordRoutes(router, patrol_logs);
}

}  // namespace jiceng::people
