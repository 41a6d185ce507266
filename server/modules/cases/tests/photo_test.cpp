// Case photos over the HTTP API: uploads stripped of their location, the three image types and
// the refusals, the per-event limit, scope (404 for whoever may not see the case, also for a
// digest of another case), one file per content on disk, closed cases, and the resident's
// upload token (wrong, used up, expired). The server runs on a manual clock for the expiry.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto/crypto.hpp"
#include "modules/cases/photos/photo_check.hpp"
#include "modules/cases/photos/photo_store.hpp"
#include "modules/cases/photos/upload_token.hpp"
#include "modules/cases/tests/case_test_fixture.hpp"
#include "modules/cases/tests/photo_fixtures.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

using namespace photos;
namespace fs = std::filesystem;

constexpr std::int64_t kStart = 1780275600000;  // 2026-06-01 09:00 Asia/Shanghai

class CasePhotoApi : public SharedAppTest {
 protected:
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.manual_clock_ms = kStart;
    StartApp(options);
  }

  static RequestOptions User(const std::string& name, const std::string& type = "image/jpeg") {
    RequestOptions o = As(app_->Token(name));
    o.content_type = type;
    return o;
  }
  static Json Report(const std::string& user = "grid1") {
    Json body = {
        {"category_code", "E0102"}, {"description", "村口垃圾桶满溢"}, {"org_code", kGrid1}};
    HttpResponse r = Client().Post("/api/v1/cases", body, User(user, "application/json"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static std::string CasePath(const Json& c) {
    return "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>());
  }
  static HttpResponse Upload(const std::string& user, const Json& c, const std::string& bytes,
                             const std::string& query = "",
                             const std::string& type = "image/jpeg") {
    return Client().Post(CasePath(c) + "/photos" + query, bytes, User(user, type));
  }
  static Json Detail(const std::string& user, const Json& c) {
    return Client().Get(CasePath(c), User(user)).json();
  }
  static std::string Code(const HttpResponse& r) { return r.json().value("code", ""); }

  static std::string IssueToken(std::int64_t case_id) {
    std::string token;
    auto r = app_->app().db().Write([&](core::db::Session& s) -> core::Result<void> {
      JC_ASSIGN_OR_RETURN(token, cases::IssueUploadToken(s, case_id, app_->clock()->NowMs()));
      return {};
    });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return token;
  }
  static std::string TrackingCode(const Json& c) { return StoredTrackingCode(*app_, c); }
  static HttpResponse PublicUpload(const std::string& tracking_code, const std::string& token,
                                   const std::string& bytes) {
    RequestOptions o;
    o.content_type = "image/jpeg";
    if (!token.empty()) o.headers.push_back({"X-Upload-Token", token});
    return Client().Post("/api/v1/public/cases/" + tracking_code + "/photos", bytes, o);
  }
  // Files in the photo folder: the stored photos, or the temporaries (named with a leading dot)
  // that an upload writes before it renames them.
  static std::size_t FilesOnDisk(bool temporaries = false) {
    std::size_t n = 0;
    fs::path dir = cases::PhotoDir(app_->app().config());
    std::error_code ec;
    if (!fs::exists(dir, ec)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && (e.path().filename().string()[0] == '.') == temporaries) ++n;
    }
    return n;
  }
};

TEST_F(CasePhotoApi, JpegIsStoredWithoutItsLocationAndServedToTheCaseScope) {
  Json c = Report();
  std::string original = JpegWithGps(false, 1);
  std::string stripped = *cases::StripJpeg(original);
  ASSERT_NE(stripped, original);

  HttpResponse up = Upload("grid1", c, original);
  ASSERT_EQ(up.status, 201) << up.body;
  Json photo = up.json();
  std::string sha = core::crypto::Sha256Hex(stripped);
  EXPECT_EQ(photo["sha256"], sha);
  EXPECT_EQ(photo["mime"], "image/jpeg");
  EXPECT_EQ(photo["bytes"], stripped.size());
  EXPECT_EQ(photo["uploaded_by_name"], "王丽");
  EXPECT_EQ(photo["url"], CasePath(c) + "/photos/" + sha);
  EXPECT_EQ(photo["created_at"], "2026-06-01T01:00:00.000Z");
  // Without ?event= the photo belongs to the report, the case's first event.
  Json detail = Detail("grid1", c);
  EXPECT_EQ(photo["event_id"], detail["timeline"][0]["id"]);
  EXPECT_EQ(detail["timeline"][0]["action"], "report");

  // Township staff see it; the bytes are the stripped ones, with caching headers.
  HttpResponse down = Client().Get(photo["url"].get<std::string>(), User("township"));
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.body, stripped);
  EXPECT_EQ(down.body.find(LatitudeBytes(false)), std::string::npos);
  EXPECT_EQ(down.Header("content-type"), "image/jpeg");
  EXPECT_EQ(down.Header("etag"), "\"" + sha + "\"");
  EXPECT_EQ(down.Header("cache-control"), "private, max-age=86400");
  RequestOptions again = User("township");
  again.headers.push_back({"If-None-Match", "\"" + sha + "\""});
  HttpResponse not_modified = Client().Get(photo["url"].get<std::string>(), again);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());

  HttpResponse list = Client().Get(CasePath(c) + "/photos", User("township"));
  ASSERT_EQ(list.status, 200);
  Json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0], photo);

  HttpResponse audit = Client().Get("/api/v1/audit?action=cases.photo.add", User("auditor"));
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find(sha), std::string::npos);
}

TEST_F(CasePhotoApi, PngAndWebpAreAcceptedAndStripped) {
  Json c = Report();
  std::string png = PngWithGps();
  HttpResponse up = Upload("grid1", c, png, "", "image/png");
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["mime"], "image/png");
  HttpResponse down = Client().Get(up.json()["url"].get<std::string>(), User("grid1"));
  EXPECT_EQ(down.body, *cases::StripPng(png));
  EXPECT_EQ(down.Header("content-type"), "image/png");
  EXPECT_EQ(PngChunkTypes(down.body), "IHDR gAMA IDAT IEND");

  // The declared Content-Type does not matter: the bytes say WebP.
  std::string webp = WebpWithGps();
  up = Upload("grid1", c, webp, "", "image/jpeg");
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["mime"], "image/webp");
  down = Client().Get(up.json()["url"].get<std::string>(), User("grid1"));
  EXPECT_EQ(down.body, *cases::StripWebp(webp));
  EXPECT_EQ(down.Header("content-type"), "image/webp");
  EXPECT_EQ(down.body.find("XMP "), std::string::npos);
}

TEST_F(CasePhotoApi, OtherTypesTooLargeEmptyAndBrokenFilesAreRefused) {
  Json c = Report();
  HttpResponse gif =
      Upload("grid1", c, std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13), "", "image/gif");
  EXPECT_EQ(gif.status, 415);
  EXPECT_EQ(Code(gif), "cases.photo.type");
  HttpResponse text = Upload("grid1", c, "just some text", "", "image/jpeg");
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(Code(text), "cases.photo.type");
  HttpResponse empty = Upload("grid1", c, "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(Code(empty), "cases.photo.empty");
  std::string big = JpegWithGps();
  big.resize(cases::kMaxPhotoBytes + 1, '\x01');
  HttpResponse too_large = Upload("grid1", c, big);
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(Code(too_large), "cases.photo.too_large");
  std::string truncated = JpegWithGps().substr(0, 200);
  HttpResponse broken = Upload("grid1", c, truncated);
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(Code(broken), "cases.photo.corrupt");
  // Nothing was attached.
  EXPECT_EQ(Client().Get(CasePath(c) + "/photos", User("grid1")).json()["items"].size(), 0u);
}

TEST_F(CasePhotoApi, AnEventTakesAtMostFourPhotosAndTheSameOneOnlyOnce) {
  Json c = Report();
  for (int i = 0; i < 4; ++i) {
    HttpResponse r = Upload("grid1", c, JpegWithGps(false, 10 + i));
    ASSERT_EQ(r.status, 201) << i << ": " << r.body;
  }
  // The same bytes again: the photo that is there (200), not a new one.
  HttpResponse same = Upload("grid1", c, JpegWithGps(false, 10));
  EXPECT_EQ(same.status, 200) << same.body;
  HttpResponse fifth = Upload("grid1", c, JpegWithGps(false, 14));
  EXPECT_EQ(fifth.status, 409);
  EXPECT_EQ(Code(fifth), "cases.photo.limit");

  // Another event of the case has its own four: the filer's photo on the file event.
  Json filed = Client()
                   .Post(CasePath(c) + "/actions/file", Json{{"version", c["version"]}},
                         User("township", "application/json"))
                   .json();
  ASSERT_EQ(filed["status"], "filed");
  Json detail = Detail("township", c);
  std::int64_t file_event = detail["timeline"][1]["id"];
  HttpResponse on_file =
      Upload("township", c, JpegWithGps(false, 14), "?event=" + std::to_string(file_event));
  ASSERT_EQ(on_file.status, 201) << on_file.body;
  EXPECT_EQ(on_file.json()["event_id"], file_event);
  EXPECT_EQ(on_file.json()["uploaded_by_name"], "陈刚（枫桥镇综治中心）");

  // An event of another case, or no number at all: 400.
  Json other = Report();
  std::int64_t other_event = Detail("grid1", other)["timeline"][0]["id"];
  HttpResponse foreign =
      Upload("grid1", c, JpegWithGps(false, 15), "?event=" + std::to_string(other_event));
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(Code(foreign), "cases.photo.event");
  EXPECT_EQ(Upload("grid1", c, JpegWithGps(false, 15), "?event=abc").status, 400);

  Json items = Client().Get(CasePath(c) + "/photos", User("grid1")).json()["items"];
  EXPECT_EQ(items.size(), 5u);
}

TEST_F(CasePhotoApi, WhoeverCannotSeeTheCaseGets404) {
  Json c = Report();
  HttpResponse up = Upload("grid1", c, JpegWithGps(false, 30));
  ASSERT_EQ(up.status, 201);
  std::string url = up.json()["url"];
  // grid2 works another grid; the department has not been dispatched the case.
  for (const char* outsider : {"grid2", "chengguan"}) {
    SCOPED_TRACE(outsider);
    HttpResponse list = Client().Get(CasePath(c) + "/photos", User(outsider));
    EXPECT_EQ(list.status, 404);
    EXPECT_EQ(Code(list), "cases.case.not_found");
    HttpResponse down = Client().Get(url, User(outsider));
    EXPECT_EQ(down.status, 404);
    EXPECT_EQ(Code(down), "cases.case.not_found");
    HttpResponse add = Upload(outsider, c, JpegWithGps(false, 31));
    EXPECT_EQ(add.status, 404);
    EXPECT_EQ(Code(add), "cases.case.not_found");
  }
  // A digest attached to one case is not served through another case in scope.
  Json other = Report();
  HttpResponse through_other = Client().Get(
      CasePath(other) + "/photos/" + up.json()["sha256"].get<std::string>(), User("grid1"));
  EXPECT_EQ(through_other.status, 404);
  EXPECT_EQ(Code(through_other), "cases.photo.not_found");
  EXPECT_EQ(Client().Get(CasePath(c) + "/photos/../../etc", User("grid1")).status, 404);
  EXPECT_EQ(Client().Get(CasePath(c) + "/photos/" + std::string(64, 'a'), User("grid1")).status,
            404);
  // Without a session: 401.
  EXPECT_EQ(Client().Get(url).status, 401);
}

TEST_F(CasePhotoApi, TheSameBytesAreOneFileOnDisk) {
  Json a = Report();
  Json b = Report();
  std::size_t before = FilesOnDisk();
  std::string bytes = JpegWithGps(true, 40);
  HttpResponse first = Upload("grid1", a, bytes);
  HttpResponse second = Upload("grid1", b, bytes);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(first.json()["sha256"], second.json()["sha256"]);
  EXPECT_NE(first.json()["id"], second.json()["id"]);
  EXPECT_EQ(FilesOnDisk(), before + 1);
  EXPECT_EQ(FilesOnDisk(/*temporaries=*/true), 0u);
  std::string sha = first.json()["sha256"];
  fs::path file = fs::path(cases::PhotoDir(app_->app().config())) / sha.substr(0, 2) / sha;
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(fs::file_size(file), cases::StripJpeg(bytes)->size());
  // Readable by the server's user only.
  EXPECT_EQ(fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
}

TEST_F(CasePhotoApi, ClosedAndRejectedCasesTakeNoPhotos) {
  Json c = Report();
  HttpResponse rejected = Client().Post(CasePath(c) + "/actions/reject",
                                        Json{{"version", c["version"]}, {"note", "不属于受理范围"}},
                                        User("township", "application/json"));
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  HttpResponse up = Upload("township", c, JpegWithGps(false, 50));
  EXPECT_EQ(up.status, 409);
  EXPECT_EQ(Code(up), "cases.photo.closed");
}

TEST_F(CasePhotoApi, TheReportingResidentUploadsWithTheToken) {
  Json c = Report();
  Json other = Report();
  std::string code = TrackingCode(c);
  std::string other_code = TrackingCode(other);
  std::string token = IssueToken(c["id"]);
  EXPECT_EQ(token.size(), 43u);

  HttpResponse up = PublicUpload(code, token, JpegWithGps(false, 60));
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["uploaded_by_name"], "上报居民");
  EXPECT_FALSE(up.json().contains("url"));
  EXPECT_EQ(up.json()["sha256"],
            core::crypto::Sha256Hex(*cases::StripJpeg(JpegWithGps(false, 60))));
  // Staff see it on the report.
  Json items = Client().Get(CasePath(c) + "/photos", User("grid1")).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["event_id"], Detail("grid1", c)["timeline"][0]["id"]);

  // Wrong token, no token, the right token with another case's code: 403, before the image is
  // even looked at (a GIF here would otherwise be 415).
  std::string gif("GIF89a\x01\x00\x01\x00", 10);
  for (auto [tracking, tok] : std::vector<std::pair<std::string, std::string>>{
           {code, "not-the-token"}, {code, ""}, {other_code, token}, {code, token + "x"}}) {
    HttpResponse bad = PublicUpload(tracking, tok, gif);
    EXPECT_EQ(bad.status, 403) << tok;
    EXPECT_EQ(Code(bad), "cases.photo.token");
  }
  // Four photos per token.
  for (int i = 61; i < 64; ++i)
    ASSERT_EQ(PublicUpload(code, token, JpegWithGps(false, i)).status, 201) << i;
  HttpResponse fifth = PublicUpload(code, token, JpegWithGps(false, 64));
  EXPECT_EQ(fifth.status, 409);
  EXPECT_EQ(Code(fifth), "cases.photo.limit");
}

TEST_F(CasePhotoApi, AnUploadTokenExpiresAfterAnHour) {
  Json c = Report();
  std::string token = IssueToken(c["id"]);
  app_->clock()->Advance(59 * 60 * 1000);
  std::string code = TrackingCode(c);
  EXPECT_EQ(PublicUpload(code, token, JpegWithGps(false, 70)).status, 201);
  app_->clock()->Advance(61 * 1000);
  HttpResponse late = PublicUpload(code, token, JpegWithGps(false, 71));
  EXPECT_EQ(late.status, 403);
  EXPECT_EQ(Code(late), "cases.photo.token");
  app_->ForgetTokens();  // staff sessions idle out on the manual clock too
  // Expired tokens are cleared when the next one is issued: the new one works.
  Json next = Report();
  std::string next_code = TrackingCode(next);
  EXPECT_EQ(PublicUpload(next_code, IssueToken(next["id"]), JpegWithGps(false, 72)).status, 201);
}

}  // namespace
}  // namespace jiceng::testing
