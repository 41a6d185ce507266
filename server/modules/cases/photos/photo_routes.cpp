#include "modules/cases/photos/photo_routes.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <memory>

#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "core/time/clock.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/cases/photos/photo_check.hpp"
#include "modules/cases/photos/upload_token.hpp"

namespace jiceng::cases {

namespace {

// The upload routes take a photo of up to kMaxPhotoBytes, and a little more so that a photo just
// over the limit is answered cases.photo.too_large rather than the server's generic 413.
constexpr std::int64_t kUploadBodyLimit = static_cast<std::int64_t>(kMaxPhotoBytes) + 64 * 1024;

DomainError PhotoNotFound() {
  return DomainError::NotFound("cases.photo.not_found", "该案件没有这张照片");
}
DomainError BadEvent() {
  return DomainError::Invalid("cases.photo.event", "event 应为本案件办理记录中的一个环节", "event");
}
DomainError Closed() {
  return DomainError::Conflict("cases.photo.closed", "案件已办结，不能再添加照片");
}

// The one place a photo handler's result becomes an answer: photo errors carry their own HTTP
// status; everything else maps by kind.
Response AnswerPhoto(const Request& req, Result<Response> r) {
  static const std::map<std::string, int> kStatus = {{"cases.photo.empty", 400},
                                                     {"cases.photo.corrupt", 400},
                                                     {"cases.photo.event", 400},
                                                     {"cases.photo.too_large", 413},
                                                     {"cases.photo.type", 415}};
  if (r.ok()) return std::move(r).value();
  const DomainError& e = r.error();
  auto it = kStatus.find(e.code);
  if (it == kStatus.end()) return Response::Problem(e, req);
  return Response::Problem(it->second, e.code, e.message, req, e.field);
}

Result<std::int64_t> EventParam(const Request& req) {
  auto v = core::text::ParseInt(req.Query("event"));
  if (!v || *v <= 0) return BadEvent();
  return *v;
}

// Closed, rejected and merged cases are finished: their record is what it was at the end.
bool TakesPhotos(const Case& c) { return c.status != "closed" && c.status != "rejected"; }

Json PhotoJson(const Photo& p) {
  return {{"id", p.id},
          {"sha256", p.sha256},
          {"mime", p.mime},
          {"bytes", p.bytes},
          {"event_id", p.event_id ? Json(*p.event_id) : Json(nullptr)},
          {"url", "/api/v1/cases/" + std::to_string(p.case_id) + "/photos/" + p.sha256},
          {"created_at", core::time::FormatIsoUtc(p.created_at)},
          {"uploaded_by_name", p.uploader_name}};
}

// The event a photo goes to: the one named (it must be the case's), else the report.
Result<std::optional<std::int64_t>> EventFor(PhotoStore& store, std::int64_t case_id,
                                             std::optional<std::int64_t> named) {
  if (!named) return store.ReportEventId(case_id);
  JC_ASSIGN_OR_RETURN(bool ours, store.IsEventOf(case_id, *named));
  if (!ours) return BadEvent();
  return named;
}

// One photo to attach, checked and located already.
struct NewPhoto {
  const core::auth::Scope& scope;  // the case must still be visible through it
  std::int64_t case_id = 0;
  std::optional<std::int64_t> event_id;
  CheckedPhoto photo;
  std::optional<std::int64_t> uploader_id;
  std::string uploader_name;
  core::audit::AuditEntry audit;  // summary filled in here
  std::function<Result<void>(core::db::Session&)>
      use_token;  // residents: spends one photo of the token
};

struct Added {
  Photo photo;
  bool created = false;  // false: these bytes were already on this event
};

// Stores the file, then in one transaction: the case still open, the same bytes not yet on the
// event, the event's limit, the row and the audit entry. The file is written first and outside
// the transaction (a 10 MB write must not hold the writer); if the transaction then fails, the
// file stays unreferenced, and nothing serves a file without a row.
Result<Added> AddPhoto(CasesContext& ctx, const PhotoFiles& files, NewPhoto in) {
  JC_ASSIGN_OR_RETURN(std::string sha, files.Put(in.photo.bytes));
  Added out;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    PhotoStore store(s);
    JC_TRY(store.LockCase(in.case_id));
    JC_ASSIGN_OR_RETURN(auto c, CaseStore(s, *ctx.cipher).Get(in.scope, in.case_id));
    if (!c) return CaseNotFound();
    if (!TakesPhotos(*c)) return Closed();
    JC_ASSIGN_OR_RETURN(auto existing, store.OnEvent(in.case_id, in.event_id, sha));
    if (existing) {
      out.photo = *existing;
      return {};
    }
    JC_ASSIGN_OR_RETURN(std::int64_t n, store.CountOnEvent(in.case_id, in.event_id));
    if (n >= kMaxPhotosPerEvent) {
      return DomainError::Conflict("cases.photo.limit", "每个办理环节最多 4 张照片");
    }
    if (in.use_token) JC_TRY(in.use_token(s));
    Photo& p = out.photo;
    p.case_id = in.case_id;
    p.event_id = in.event_id;
    p.sha256 = sha;
    p.mime = in.photo.mime;
    p.bytes = static_cast<std::int64_t>(in.photo.bytes.size());
    p.uploader_id = in.uploader_id;
    p.uploader_name = in.uploader_name;
    p.created_at = ctx.clock.NowMs();
    JC_TRY(store.Insert(p));
    out.created = true;
    in.audit.summary = Json{{"photo_id", p.id},
                            {"sha256", sha},
                            {"mime", p.mime},
                            {"bytes", p.bytes},
                            {"event_id", p.event_id ? Json(*p.event_id) : Json(nullptr)}}
                           .dump();
    return ctx.audit.Append(s, in.audit);
  }));
  return out;
}

Result<Response> Upload(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", CaseNotFound()));
  std::optional<std::int64_t> named;
  if (!req.Query("event").empty()) {
    JC_ASSIGN_OR_RETURN(named, EventParam(req));
  }
  const auto& who = req.Who();
  // Scope, state and event first: an out-of-scope caller learns nothing about the image rules.
  Case c;
  std::optional<std::int64_t> event_id;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto found, CaseStore(s, *ctx.cipher).Get(who.scope, id));
    if (!found) return CaseNotFound();
    c = std::move(*found);
    if (!TakesPhotos(c)) return Closed();
    PhotoStore store(s);
    JC_ASSIGN_OR_RETURN(event_id, EventFor(store, c.id, named));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(CheckedPhoto checked, CheckPhoto(req.body));
  auto call = core::app::Call::Of(req);
  NewPhoto in{
      who.scope,
      c.id,
      event_id,
      std::move(checked),
      who.user_id,
      who.display_name,
      call.Audit("cases.photo.add", "case", std::to_string(c.id), c.org_code, Json::object()),
      nullptr};
  JC_ASSIGN_OR_RETURN(Added added, AddPhoto(ctx, files, std::move(in)));
  return Response::Ok(PhotoJson(added.photo), added.created ? 201 : 200);
}

// The reporting resident, with the token their report gave them. The token is checked before
// anything else (one hash, one indexed read), so a flood of bad requests costs little.
Result<Response> PublicUpload(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  std::string code = req.Param("code");  // the tracking code
  std::string token = req.Header("x-upload-token");
  std::int64_t now = ctx.clock.NowMs();
  Case c;
  std::optional<std::int64_t> event_id;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(std::int64_t case_id, CheckUploadToken(s, code, token, now));
    JC_ASSIGN_OR_RETURN(auto found,
                        CaseStore(s, *ctx.cipher).Get(core::auth::Scope::All(), case_id));
    if (!found) return CaseNotFound();
    c = std::move(*found);
    if (!TakesPhotos(c)) return Closed();
    PhotoStore store(s);
    JC_ASSIGN_OR_RETURN(event_id, store.ReportEventId(case_id));
    return {};
  }));
  JC_ASSIGN_OR_RETURN(CheckedPhoto checked, CheckPhoto(req.body));
  core::audit::AuditEntry audit;
  audit.actor = "resident";
  audit.action = "cases.photo.add";
  audit.target_type = "case";
  audit.target_id = std::to_string(c.id);
  audit.org_code = c.org_code;
  audit.request_id = req.request_id;
  audit.source = req.remote_address;
  static const core::auth::Scope kAll = core::auth::Scope::All();
  std::int64_t case_id = c.id;
  NewPhoto in{
      kAll,
      case_id,
      event_id,
      std::move(checked),
      std::nullopt,
      "上报居民",
      std::move(audit),
      [&](core::db::Session& s) { return UseUploadToken(s, case_id, token, ctx.clock.NowMs()); }};
  JC_ASSIGN_OR_RETURN(Added added, AddPhoto(ctx, files, std::move(in)));
  Json out = PhotoJson(added.photo);
  out.erase("url");  // staff only
  return Response::Ok(out, added.created ? 201 : 200);
}

Result<Response> List(CasesContext& ctx, Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", CaseNotFound()));
  std::vector<Photo> photos;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto c, CaseStore(s, *ctx.cipher).Get(req.Who().scope, id));
    if (!c) return CaseNotFound();
    JC_ASSIGN_OR_RETURN(photos, PhotoStore(s).OfCase(id));
    return {};
  }));
  Json items = Json::array();
  for (const auto& p : photos) items.push_back(PhotoJson(p));
  return Response::Ok({{"items", items}});
}

// The bytes, only through a case in scope that has them: a digest seen on one case opens
// nothing through another.
Result<Response> Download(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  JC_ASSIGN_OR_RETURN(std::int64_t id, core::http::PathId(req, "id", CaseNotFound()));
  std::string sha = req.Param("sha256");
  std::optional<Photo> photo;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto c, CaseStore(s, *ctx.cipher).Get(req.Who().scope, id));
    if (!c) return CaseNotFound();
    if (!IsSha256Hex(sha)) return PhotoNotFound();
    JC_ASSIGN_OR_RETURN(photo, PhotoStore(s).Find(id, sha));
    if (!photo) return PhotoNotFound();
    return {};
  }));
  // The content never changes under its name: browsers may keep it a day and revalidate.
  std::string etag = "\"" + sha + "\"";
  std::vector<std::pair<std::string, std::string>> headers = {
      {"ETag", etag}, {"Cache-Control", "private, max-age=86400"}};
  if (req.Header("if-none-match").find(etag) != std::string::npos) {
    Response not_modified = Response::Text("", "", 304);
    not_modified.headers = headers;
    return not_modified;
  }
  JC_ASSIGN_OR_RETURN(auto bytes, files.Get(sha));
  if (!bytes) {
    spdlog::error("cases: photo {} of case {} has a row but no file under {}", sha, id,
                  files.dir());
    return DomainError::Internal("cases.photo.missing", "照片文件缺失，请联系系统管理员");
  }
  Response out = Response::Text(std::move(*bytes), photo->mime);
  out.headers = headers;
  return out;
}

}  // namespace

void RegisterPhotoRoutes(core::http::Router& router, CasesContext& ctx) {
  auto files = std::make_shared<PhotoFiles>(ctx.photo_dir);

  core::http::RouteSpec upload;
  upload.method = "POST";
  upload.pattern = "/api/v1/cases/{id}/photos";
  upload.permission = kRead;
  upload.summary =
      "Adds a photo (raw JPEG/PNG/WebP body, ≤ 10 MB, location metadata removed) to an event of a "
      "case in scope (?event=, default the report); 201 with the photo";
  upload.body_limit_bytes = kUploadBodyLimit;
  upload.handler = [&ctx, files](Request& req) {
    return AnswerPhoto(req, Upload(ctx, *files, req));
  };
  router.Add(std::move(upload));

  router.Get(
      "/api/v1/cases/{id}/photos",
      [&ctx](Request& req) { return AnswerPhoto(req, List(ctx, req)); }, kRead,
      "The photos of a case in scope, oldest first");
  router.Get(
      "/api/v1/cases/{id}/photos/{sha256}",
      [&ctx, files](Request& req) { return AnswerPhoto(req, Download(ctx, *files, req)); }, kRead,
      "The bytes of a photo of a case in scope (ETag, private cache for a day)");

  router.Public(
      "POST", "/api/v1/public/cases/{code}/photos",
      [&ctx, files](Request& req) { return AnswerPhoto(req, PublicUpload(ctx, *files, req)); },
      "The reporting resident adds a photo to their report (header X-Upload-Token, given with the "
      "report, one hour, 4 photos)",
      kUploadBodyLimit);
}

}  // namespace jiceng::cases
