#include "core/tabular/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "core/text/utf8.hpp"

namespace jiceng::core::tabular {

namespace {

// Width is measured on the first rows only; beyond them it costs time and changes little.
constexpr std::size_t kWidthSampleRows = 10000;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;

DomainError CreateError(const std::string& path, const std::string& why) {
  DomainError e = DomainError::Internal("export.file.create", "无法创建导出文件");
  e.detail = path + ": " + why;
  return e;
}

DomainError WriteError(const std::string& why) {
  DomainError e = DomainError::Internal("export.file.write", "写入导出文件失败");
  e.detail = why;
  return e;
}

// Column width in Excel's units (one per Latin character, two per Chinese character).
double DisplayWidth(const std::string& s) {
  double width = 0, line = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::optional<char32_t> cp = text::NextCodePoint(s, i);
    if (cp == U'\n') {
      width = std::max(width, line);
      line = 0;
    } else {
      // From the CJK radicals on, except the half-width forms; a byte that is not UTF-8 is narrow.
      bool wide = cp && *cp >= 0x2E80 && !(*cp >= 0xFF61 && *cp <= 0xFFDC);
      line += wide ? 2 : 1;
    }
  }
  return std::max(width, line);
}

// Cuts s after max_chars characters, never inside a UTF-8 sequence.
std::string Truncate(const std::string& s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    (void)text::NextCodePoint(s, i);  // a byte that is not UTF-8 counts as one character
    ++chars;
  }
  return i >= s.size() ? s : s.substr(0, i);
}

// Excel refuses sheet names with []:*?/\, longer than 31 characters, or quoted at either end.
std::string CleanSheetName(const std::string& name) {
  std::string out;
  for (char c : name) out += std::strchr("[]:*?/\\", c) != nullptr && c != '\0' ? '_' : c;
  out = Truncate(out, 31);
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Sheet1" : out;
}

}  // namespace

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path,
                                                       const std::string& sheet_name) {
  // libxlsxwriter opens the output only at close; find an unwritable path now, not after
  // a million rows.
  std::FILE* probe = std::fopen(path.c_str(), "wb");
  if (probe == nullptr) return CreateError(path, std::strerror(errno));
  std::fclose(probe);

  std::unique_ptr<XlsxWriter> w(new XlsxWriter());
  w->path_ = path;
  // Temporary row data beside the output rather than in /tmp, which may be a RAM disk.
  auto slash = path.rfind('/');
  w->tmpdir_ = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = w->tmpdir_.data();
  w->workbook_ = workbook_new_opt(path.c_str(), &options);
  if (w->workbook_ == nullptr) {
    std::remove(path.c_str());
    return CreateError(path, "workbook_new_opt failed");
  }
  w->sheet_ = workbook_add_worksheet(w->workbook_, CleanSheetName(sheet_name).c_str());
  w->bold_ = workbook_add_format(w->workbook_);
  if (w->sheet_ == nullptr || w->bold_ == nullptr) return CreateError(path, "worksheet setup");
  format_set_bold(w->bold_);
  worksheet_ignore_errors(w->sheet_, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
  return w;
}

XlsxWriter::~XlsxWriter() {
  // Not closed: the export was abandoned; free the workbook and leave no half-written file.
  if (workbook_ != nullptr) {
    workbook_close(workbook_);
    std::remove(path_.c_str());
  }
}

void XlsxWriter::Fail(DomainError error) {
  if (!error_) error_ = std::make_unique<DomainError>(std::move(error));
}

void XlsxWriter::SetHeader(const Row& header) {
  if (rows_ != 0) return Fail(WriteError("SetHeader called after rows were added"));
  Write(header, bold_);
  worksheet_freeze_panes(sheet_, 1, 0);
}

void XlsxWriter::AddRow(const Row& cells) { Write(cells, nullptr); }

void XlsxWriter::Write(const Row& cells, lxw_format* format) {
  if (error_ || workbook_ == nullptr) return;
  if (rows_ >= kMaxRows) {
    return Fail(DomainError::Invalid("export.file.too_many_rows",
                                     "导出行数超过 Excel 单个工作表 1048576 行的上限，请缩小范围"));
  }
  if (cells.size() > LXW_COL_MAX) return Fail(WriteError("more columns than Excel holds"));
  bool sample = rows_ < kWidthSampleRows;
  if (sample && widths_.size() < cells.size()) widths_.resize(cells.size(), 0);
  for (std::size_t col = 0; col < cells.size(); ++col) {
    const std::string& cell = cells[col];
    if (cell.empty()) continue;
    // Bytes > characters, so only a cell this long in bytes can need cutting.
    std::string cut;
    if (cell.size() > kMaxCellChars) cut = Truncate(cell, kMaxCellChars);
    const std::string& text = cell.size() > kMaxCellChars ? cut : cell;
    lxw_error e = worksheet_write_string(sheet_, static_cast<lxw_row_t>(rows_),
                                         static_cast<lxw_col_t>(col), text.c_str(), format);
    if (e != LXW_NO_ERROR) return Fail(WriteError(lxw_strerror(e)));
    if (sample) widths_[col] = std::max(widths_[col], DisplayWidth(text));
  }
  ++rows_;
}

Result<void> XlsxWriter::Close() {
  if (workbook_ == nullptr) return WriteError("already closed");
  for (std::size_t col = 0; col < widths_.size(); ++col) {
    double width = std::clamp(widths_[col] + 2, kMinWidth, kMaxWidth);
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width,
                         nullptr);
  }
  lxw_error e = workbook_close(workbook_);
  workbook_ = nullptr;
  if (!error_ && e != LXW_NO_ERROR) Fail(WriteError(lxw_strerror(e)));
  if (error_) {
    std::remove(path_.c_str());  // a partial export must not pass for a complete one
    return *error_;
  }
  return {};
}

}  // namespace jiceng::core::tabular
