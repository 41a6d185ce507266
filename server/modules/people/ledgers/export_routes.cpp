#include "modules/people/ledgers/export_routes.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/app/call.hpp"
#include "core/app/config.hpp"
#include "core/app/private_dir.hpp"
#include "core/module_names.hpp"
#include "core/tabular/xlsx_writer.hpp"
#include "core/text/mask.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/residents/resident_use_cases.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

DomainError Forbidden() { return DomainError::Forbidden("auth.forbidden", "没有执行此操作的权限"); }

// Every base field of a resident, as the import template names them (so an export can be
// edited and imported again).
const std::vector<std::string>& ResidentHeader() {
  static const std::vector<std::string> kHeader = {
      "姓名",     "性别",     "出生日期", "年龄",     "民族",       "证件类型", "证件号码",
      "联系电话", "网格编码", "所属网格", "户籍地址", "现住地址",   "人口类别", "文化程度",
      "政治面貌", "婚姻状况", "职业",     "工作单位", "与户主关系", "人员状态", "备注"};
  return kHeader;
}

std::vector<std::string> ResidentCells(const Resident& r, bool reveal, const std::string& today,
                                       const std::string& grid_name) {
  int age = AgeOn(r.birth_date, today);
  return {r.name,
          Genders().NameOf(r.gender),
          ShownBirthDate(r, reveal),
          age >= 0 ? std::to_string(age) : "",
          Ethnicities().NameOf(r.ethnicity),
          IdTypes().NameOf(r.id_type),
          reveal ? r.id_number : core::text::MaskIdNumber(r.id_number),
          reveal ? r.phone : core::text::MaskPhone(r.phone),
          r.org_code,
          grid_name,
          r.hukou_address,
          r.current_address,
          ResidencyKinds().NameOf(r.residency_kind),
          Educations().NameOf(r.education),
          PoliticalStatuses().NameOf(r.political_status),
          MaritalStatuses().NameOf(r.marital_status),
          r.occupation,
          r.employer,
          Relations().NameOf(r.relation),
          ResidentStatuses().NameOf(r.status),
          r.notes};
}

}  // namespace

Result<std::string> RevealPurpose(const Request& req) {
  auto it = req.query.find("purpose");
  if (it == req.query.end() || it->second.empty()) return std::string();
  if (!req.Who().Has(kSensitiveRead)) return Forbidden();
  return ParsePurpose(it->second);
}

Result<std::unique_ptr<XlsxDownload>> XlsxDownload::Create(const PeopleContext& ctx,
                                                           const std::string& sheet_name,
                                                           const std::vector<std::string>& header) {
  std::unique_ptr<XlsxDownload> d(new XlsxDownload());
  const std::string dir = core::app::DataPath(ctx.config, "exports");
  JC_TRY(core::app::EnsurePrivateDir(dir, "people.export.dir"));
  std::string pattern = (std::filesystem::path(dir) / "export-XXXXXX.xlsx").string();
  int fd = ::mkstemps(pattern.data(), 5);  // mode 0600
  if (fd < 0) return DomainError::Internal("people.export.temp_file", "无法创建导出文件");
  ::close(fd);
  d->path_ = pattern;
  JC_ASSIGN_OR_RETURN(d->writer_, core::tabular::XlsxWriter::Create(d->path_, sheet_name));
  d->writer_->SetHeader(header);
  return d;
}

XlsxDownload::~XlsxDownload() {
  writer_.reset();
  if (!path_.empty()) std::remove(path_.c_str());
}

void XlsxDownload::AddRow(const std::vector<std::string>& row) {
  writer_->AddRow(row);
  ++rows_;
}

Result<Response> XlsxDownload::Finish(const std::string& filename,
                                      const std::string& ascii_fallback) {
  JC_TRY(writer_->Close());
  // The answer is one string: the compressed workbook (tens of bytes a row) is read back whole.
  std::ifstream in(path_, std::ios::binary);
  if (!in) return DomainError::Internal("people.export.read", "无法读取导出文件");
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Response res = Response::Text(std::move(body), kXlsxType);
  res.headers.emplace_back("Content-Disposition",
                           core::http::AttachmentDisposition(filename, ascii_fallback));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

namespace {

// The resident list as an xlsx file, with its audit row.
Result<Response> ExportResidents(PeopleContext& ctx, const Request& req) {
  const auto& who = req.Who();
  if (!who.Has(kRead)) return Forbidden();
  JC_ASSIGN_OR_RETURN(std::string purpose, RevealPurpose(req));
  bool reveal = !purpose.empty();

  ResidentFilter filter = ResidentQuery(req, ctx.Today());
  filter.limit = 500;
  if (!filter.tag.empty() && !CanUseTag(who, filter.tag)) return Forbidden();

  JC_ASSIGN_OR_RETURN(auto download, XlsxDownload::Create(ctx, "实有人口", ResidentHeader()));
  std::string today = ctx.Today();
  OrgNames grid_name(ctx);
  // One snapshot for the whole file, read a page at a time.
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    ResidentStore store(s, ctx.privacy);
    std::string cursor;
    while (true) {
      JC_ASSIGN_OR_RETURN(auto page, store.Search(who.scope, filter, cursor));
      for (const auto& r : page.items)
        download->AddRow(ResidentCells(r, reveal, today, grid_name(r.org_code)));
      if (!page.next_cursor) break;
      cursor = *page.next_cursor;
    }
    return {};
  }));

  Json summary = {{"list", "residents"},
                  {"filter",
                   {{"q", filter.q},
                    {"org", filter.org},
                    {"tag", filter.tag},
                    {"residency_kind", filter.residency_kind},
                    {"status", filter.status}}},
                  {"rows", download->rows()},
                  {"masked", !reveal}};
  if (reveal) summary["purpose"] = purpose;
  JC_ASSIGN_OR_RETURN(Response res, download->Finish("实有人口-" + today + ".xlsx",
                                                     "residents-" + today + ".xlsx"));
  // No file leaves without its audit row.
  JC_TRY(ctx.audit.AppendAlone(
      core::app::Call::Of(req).Audit("people.export", "resident_list", "",
                                     filter.org.empty() ? who.org_code : filter.org, summary)));
  return res;
}

}  // namespace

void RegisterResidentExportRoute(core::http::Router& router, PeopleContext& ctx) {
  router.Get(
      "/api/v1/residents/export.xlsx",
      [&ctx](Request& req) { return core::http::Answer(req, ExportResidents(ctx, req)); }, kExport,
      "Export residents (same filters as the list) to xlsx, masked unless a purpose is given");
}

}  // namespace jiceng::people
