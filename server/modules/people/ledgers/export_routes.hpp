// Exports to xlsx: GET /api/v1/residents/export.xlsx, and the pieces ledger exports share (a
// workbook written row by row to a temporary file, the attachment answer, the reveal purpose).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/http/message.hpp"
#include "core/http/router.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::core::tabular {
class XlsxWriter;
}

namespace jiceng::people {

void RegisterResidentExportRoute(core::http::Router& router, PeopleContext& ctx);

// A workbook of one sheet written in constant memory to a file (mode 0600) in the private
// exports folder beside the data (never the shared /tmp: the rows are personal data); the file
// is removed when the download goes away.
class XlsxDownload {
 public:
  static core::Result<std::unique_ptr<XlsxDownload>> Create(const PeopleContext& ctx,
                                                            const std::string& sheet_name,
                                                            const std::vector<std::string>& header);
  ~XlsxDownload();
  XlsxDownload(const XlsxDownload&) = delete;
  XlsxDownload& operator=(const XlsxDownload&) = delete;

  // Errors (too many rows, a write failure) come back from Finish.
  void AddRow(const std::vector<std::string>& row);
  std::int64_t rows() const { return rows_; }
  // Closes the workbook and answers it as an attachment called filename (UTF-8, .xlsx), or
  // ascii_fallback for old clients.
  core::Result<core::http::Response> Finish(const std::string& filename,
                                            const std::string& ascii_fallback);

 private:
  XlsxDownload() = default;
  std::string path_;
  std::unique_ptr<core::tabular::XlsxWriter> writer_;
  std::int64_t rows_ = 0;
};

// The purpose given with ?purpose= for ID and phone numbers in full: "" when none was given
// (answers stay masked); 403 auth.forbidden without people.sensitive.read; 422 when malformed.
core::Result<std::string> RevealPurpose(const core::http::Request& req);

}  // namespace jiceng::people
