#include "modules/cases/photos/photo_routes.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <map>
#include <memory>

#include "core/app/call.hpp"
#include "core/time/clock.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/cases/photos/photo_check.hpp"
#include "modules/cases/photos/upload_token.hpp"

namespace jiceng::cases {

using core::DomainError;
using core::Result;
using core::http::Json;
using core::http::Request;
using core::http::Response;

namespace {

// The upload routes take a photo of up to kMaxPhotoBytes, and a little more so that a photo just
// over the limit is answered cases.photo.too_large rather than the server's generic 413.
constexpr std::int64_t kUploadBodyLimit = static_cast<std::int64_t>(kMaxPhotoBytes) + 64 * 1024;

DomainError CaseNotFound() {
  return DomainError::NotFound("cases.case.not_found", "案件不存在或不在您的管辖范围内");
}
DomainError PhotoNotFound() {
  return DomainError::NotFound("cases.photo.not_found", "该案件没有这张照片");
}
DomainError BadEvent() {
  return DomainError::Invalid("cases.photo.event", "event 应为本案件办理记录中的一个环节", "event");
}
DomainError Closed() {
  return DomainError::Conflict("cases.photo.closed", "案件已办结，不能再添加照片");
}

// Photo errors carry their own HTTP status; everything else maps by kind.
Response PhotoProblem(const DomainError& e, const Request& req) {
  static const std::map<std::string, int> kStatus = {{"cases.photo.empty", 400},
                                                     {"cases.photo.corrupt", 400},
                                                     {"cases.photo.event", 400},
                                                     {"cases.photo.too_large", 413},
                                                     {"cases.photo.type", 415}};
  auto it = kStatus.find(e.code);
  if (it == kStatus.end()) return Response::Problem(e, req);
  return Response::Problem(it->second, e.code, e.message, req, e.field);
}

Result<std::int64_t> PositiveId(const std::string& s, const DomainError& otherwise) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return otherwise;
  return v;
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

Response Upload(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  auto id = PositiveId(req.Param("id"), CaseNotFound());
  if (!id.ok()) return PhotoProblem(id.error(), req);
  std::optional<std::int64_t> named;
  if (std::string e = req.Query("event"); !e.empty()) {
    auto v = PositiveId(e, BadEvent());
    if (!v.ok()) return PhotoProblem(v.error(), req);
    named = *v;
  }
  const auto& who = req.Who();
  // Scope, state and event first: an out-of-scope caller learns nothing about the image rules.
  Case c;
  std::optional<std::int64_t> event_id;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto found, CaseStore(s, *ctx.cipher).Get(who.scope, *id));
    if (!found) return CaseNotFound();
    c = std::move(*found);
    if (!TakesPhotos(c)) return Closed();
    PhotoStore store(s);
    JC_ASSIGN_OR_RETURN(event_id, EventFor(store, c.id, named));
    return {};
  });
  if (!r.ok()) return PhotoProblem(r.error(), req);
  auto checked = CheckPhoto(req.body);
  if (!checked.ok()) return PhotoProblem(checked.error(), req);
  auto call = core::app::Call::Of(req);
  NewPhoto in{
      who.scope,
      c.id,
      event_id,
      std::move(*checked),
      who.user_id,
      who.display_name,
      call.Audit("cases.photo.add", "case", std::to_string(c.id), c.org_code, Json::object()),
      nullptr};
  auto added = AddPhoto(ctx, files, std::move(in));
  if (!added.ok()) return PhotoProblem(added.error(), req);
  return Response::Ok(PhotoJson(added->photo), added->created ? 201 : 200);
}

// The reporting resident, with the token their report gave them. The token is checked before
// anything else (one hash, one indexed read), so a flood of bad requests costs little.
Response PublicUpload(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  std::string code = req.Param("code");  // the tracking code
  std::string token = req.Header("x-upload-token");
  std::int64_t now = ctx.clock.NowMs();
  Case c;
  std::optional<std::int64_t> event_id;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(std::int64_t case_id, CheckUploadToken(s, code, token, now));
    JC_ASSIGN_OR_RETURN(auto found,
                        CaseStore(s, *ctx.cipher).Get(core::auth::Scope::All(), case_id));
    if (!found) return CaseNotFound();
    c = std::move(*found);
    if (!TakesPhotos(c)) return Closed();
    PhotoStore store(s);
    JC_ASSIGN_OR_RETURN(event_id, store.ReportEventId(case_id));
    return {};
  });
  if (!r.ok()) return PhotoProblem(r.error(), req);
  auto checked = CheckPhoto(req.body);
  if (!checked.ok()) return PhotoProblem(checked.error(), req);
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
      std::move(*checked),
      std::nullopt,
      "上报居民",
      std::move(audit),
      [&](core::db::Session& s) { return UseUploadToken(s, case_id, token, ctx.clock.NowMs()); }};
  auto added = AddPhoto(ctx, files, std::move(in));
  if (!added.ok()) return PhotoProblem(added.error(), req);
  Json out = PhotoJson(added->photo);
  out.erase("url");  // staff only
  return Response::Ok(out, added->created ? 201 : 200);
}

Response List(CasesContext& ctx, Request& req) {
  auto id = PositiveId(req.Param("id"), CaseNotFound());
  if (!id.ok()) return PhotoProblem(id.error(), req);
  std::vector<Photo> photos;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto c, CaseStore(s, *ctx.cipher).Get(req.Who().scope, *id));
    if (!c) return CaseNotFound();
    JC_ASSIGN_OR_RETURN(photos, PhotoStore(s).OfCase(*id));
    return {};
  });
  if (!r.ok()) return PhotoProblem(r.error(), req);
  Json items = Json::array();
  for (const auto& p : photos) items.push_back(PhotoJson(p));
  return Response::Ok({{"items", items}});
}

// The bytes, only through a case in scope that has them: a digest seen on one case opens
// nothing through another.
Response Download(CasesContext& ctx, const PhotoFiles& files, Request& req) {
  auto id = PositiveId(req.Param("id"), CaseNotFound());
  if (!id.ok()) return PhotoProblem(id.error(), req);
  std::string sha = req.Param("sha256");
  std::optional<Photo> photo;
  auto r = ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(auto c, CaseStore(s, *ctx.cipher).Get(req.Who().scope, *id));
    if (!c) return CaseNotFound();
    if (!IsSha256Hex(sha)) return PhotoNotFound();
    JC_ASSIGN_OR_RETURN(photo, PhotoStore(s).Find(*id, sha));
    if (!photo) return PhotoNotFound();
    return {};
  });
  if (!r.ok()) return PhotoProblem(r.error(), req);
  // The content never changes under its name: browsers may keep it a day and revalidate.
  std::string etag = "\"" + sha + "\"";
  std::vector<std::pair<std::string, std::string>> headers = {
      {"ETag", etag}, {"Cache-Control", "private, max-age=86400"}};
  if (req.Header("if-none-match").find(etag) != std::string::npos) {
    Response not_modified = Response::Text("", "", 304);
    not_modified.headers = headers;
    return not_modified;
  }
  auto bytes = files.Get(sha);
  if (!bytes.ok()) return PhotoProblem(bytes.error(), req);
  if (!*bytes) {
    spdlog::error("cases: photo {} of case {} has a row but no file under {}", sha, *id,
                  files.dir());
    return PhotoProblem(
        DomainError::Internal("cases.photo.missing", "照片文件缺失，请联系系统管理员"), req);
  }
  Response out = Response::Text(std::move(**bytes), photo->mime);
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
  upload.handler = [&ctx, files](Request& req) { return Upload(ctx, *files, req); };
  router.Add(std::move(upload));

  router.Get(
      "/api/v1/cases/{id}/photos", [&ctx](Request& req) { return List(ctx, req); }, kRead,
      "The photos of a case in scope, oldest first");
  router.Get(
      "/api/v1/cases/{id}/photos/{sha256}",
      [&ctx, files](Request& req) { return Download(ctx, *files, req); }, kRead,
      "The bytes of a photo of a case in scope (ETag, private cache for a day)");

  core::http::RouteSpec resident;
  resident.method = "POST";
  resident.pattern = "/api/v1/public/cases/{code}/photos";
  resident.access = core::http::Access::kPublic;
  resident.summary =
      "The reporting resident adds a photo to their report (header X-Upload-Token, given with the "
      "report, one hour, 4 photos)";
  resident.body_limit_bytes = kUploadBodyLimit;
  resident.handler = [&ctx, files](Request& req) { return PublicUpload(ctx, *files, req); };
  router.Add(std::move(resident));
}

}  // namespace jiceng::cases
