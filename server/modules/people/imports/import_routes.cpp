#include "modules/people/imports/import_routes.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/tabular/xlsx_writer.hpp"
#include "modules/people/imports/import_job.hpp"
#include "modules/people/permissions.hpp"

namespace jiceng::people {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kUploadLimitBytes = std::int64_t{200} * 1024 * 1024;
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Json StatusJson(const ImportStatus& s) {
  Json errors = Json::array();
  for (const auto& e : s.errors) {
    errors.push_back(
        {{"row", e.row}, {"column", e.column}, {"code", e.code}, {"message", e.message}});
  }
  Json j = {{"id", s.id},
            {"filename", s.filename},
            {"mode", s.mode},
            {"status", s.status},
            {"phase", s.phase.empty() ? Json(nullptr) : Json(s.phase)},
            {"progress", s.progress},
            {"total_rows", s.total_rows},
            {"processed_rows", s.processed_rows},
            {"valid_rows", s.valid_rows},
            {"error_rows", s.error_rows},
            {"inserted_rows", s.inserted_rows},
            {"errors", errors},
            {"error_count", s.error_count},
            {"created_at", core::time::FormatIsoUtc(s.created_at)},
            {"finished_at",
             s.finished_at ? Json(core::time::FormatIsoUtc(*s.finished_at)) : Json(nullptr)}};
  if (!s.failure.empty()) j["failure"] = s.failure;
  return j;
}

ImportCaller CallerOf(const Request& req) {
  return {req.Who(), req.request_id, req.remote_address};
}

Result<std::int64_t> JobId(const Request& req) {
  return core::http::PathId(req, "id", DomainError::NotFound("import.not_found", "导入任务不存在"));
}

// Where uploads wait for their commit: a private folder with the data (never the shared
// temporary folder, where another local user could read them or plant a link in their way).
std::string UploadDir(const core::app::Config& config) {
  return core::app::DataPath(config, "imports");
}

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TemplateCsv() {
  std::string out = "\xEF\xBB\xBF";  // Excel opens UTF-8 as GBK without the BOM
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
    out += "\r\n";
  };
  line(std::vector<std::string>(ImportHeaders().begin(), ImportHeaders().end()));
  line(ImportExampleRow());
  return out;
}

Result<std::string> TemplateXlsx(const std::string& dir) {
  auto path = fs::path(dir) / ("template-" + std::to_string(randombytes_random()) + ".xlsx");
  JC_ASSIGN_OR_RETURN(auto writer, core::tabular::XlsxWriter::Create(path.string(), "居民导入"));
  writer->SetHeader(core::tabular::Row(ImportHeaders().begin(), ImportHeaders().end()));
  writer->AddRow(ImportExampleRow());
  JC_TRY(writer->Close());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::error_code ec;
  fs::remove(path, ec);
  if (!in) return DomainError::Internal("import.template", "无法生成导入模板");
  return bytes.str();
}

Response Attachment(std::string body, const std::string& type, const std::string& filename_utf8,
                    const std::string& ascii_name) {
  Response r = Response::Text(std::move(body), type);
  r.headers.emplace_back("Content-Disposition",
                         core::http::AttachmentDisposition(filename_utf8, ascii_name));
  return r;
}

}  // namespace

std::shared_ptr<ImportQueue> RegisterImportRoutes(core::http::Router& router, PeopleContext& ctx) {
  auto queue = std::make_shared<ImportQueue>(ctx, UploadDir(ctx.config));

  router.Get(
      "/api/v1/imports/residents/template.xlsx",
      [queue](Request& req) {
        auto dir = queue->PrivateDir();
        if (!dir.ok()) return Response::Problem(dir.error(), req);
        auto bytes = TemplateXlsx(*dir);
        if (!bytes.ok()) return Response::Problem(bytes.error(), req);
        return Attachment(std::move(*bytes), kXlsxType, "居民导入模板.xlsx",
                          "residents-template.xlsx");
      },
      kImport, "Resident import template (xlsx, Chinese headers, one example row)");

  router.Get(
      "/api/v1/imports/residents/template.csv",
      [](Request&) {
        return Attachment(TemplateCsv(), "text/csv; charset=utf-8", "居民导入模板.csv",
                          "residents-template.csv");
      },
      kImport, "Resident import template (UTF-8 CSV with BOM)");

  core::http::RouteSpec upload;
  upload.method = "POST";
  upload.pattern = "/api/v1/imports/residents";
  upload.permission = kImport;
  upload.summary = "Upload an xlsx/csv file of residents: dry run or commit (202 job)";
  upload.body_limit_bytes = kUploadLimitBytes;
  upload.handler = core::http::Answering(
      [queue](Request& req) -> Result<Json> {
        auto mode = ParseImportMode(req.Query("mode", "dry_run"));
        if (!mode) {
          return DomainError::Invalid("import.mode",
                                      "mode 应为 dry_run、all_or_nothing 或 valid_only", "mode");
        }
        std::string filename = req.Query("filename", "residents");
        JC_ASSIGN_OR_RETURN(auto job, queue->Submit(CallerOf(req), filename, req.body, *mode));
        return StatusJson(job);
      },
      202);
  router.Add(std::move(upload));

  router.Get("/api/v1/imports", core::http::Answering([queue](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req, 20, 100));
               JC_ASSIGN_OR_RETURN(auto jobs, queue->Recent(req.Who().user_id, limit));
               Json items = Json::array();
               for (const auto& j : jobs) items.push_back(StatusJson(j));
               return Json{{"items", items}, {"next_cursor", nullptr}};
             }),
             kImport, "The caller's recent import jobs");

  router.Get("/api/v1/imports/{id}", core::http::Answering([queue](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(auto id, JobId(req));
               JC_ASSIGN_OR_RETURN(auto job, queue->Get(req.Who().user_id, id));
               return StatusJson(job);
             }),
             kImport, "One import job (poll for progress)");

  router.Post("/api/v1/imports/{id}/commit",
              core::http::Answering(
                  [queue](Request& req) -> Result<Json> {
                    JC_ASSIGN_OR_RETURN(auto id, JobId(req));
                    JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                    JC_ASSIGN_OR_RETURN(std::string mode_text,
                                        core::http::StringField(body, "mode"));
                    auto mode = ParseImportMode(mode_text);
                    if (!mode || *mode == ImportMode::kDryRun) {
                      return DomainError::Invalid(
                          "import.mode", "提交时请选择 all_or_nothing 或 valid_only", "mode");
                    }
                    JC_ASSIGN_OR_RETURN(auto job, queue->Commit(CallerOf(req), id, *mode));
                    return StatusJson(job);
                  },
                  202),
              kImport, "Commit the file of a dry run (all_or_nothing or valid_only): 202 job");
  return queue;
}

}  // namespace jiceng::people
