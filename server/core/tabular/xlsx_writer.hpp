// Writing .xlsx exports with libxlsxwriter in constant_memory mode: each row goes to a temporary
// file beside the output as it is added, so a million-row export uses little memory. Rows must
// therefore be added in order, header first.
//
// Every cell is written as text, never as a number: Excel would turn an 18-digit ID number into
// 1.10105E+17 and drop a phone number's leading zero. Text cells also cannot be formulas, so a
// value starting with "=" stays inert. Excel's "number stored as text" marks are switched off.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/tabular/table_reader.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jiceng::core::tabular {

class XlsxWriter {
 public:
  // Excel's limits: rows per sheet (header included), characters per cell.
  static constexpr std::size_t kMaxRows = 1048576;
  static constexpr std::size_t kMaxCellChars = 32767;

  // Fails with export.file.create if path cannot be written. sheet_name is cleaned to what
  // Excel accepts (no []:*?/\, at most 31 characters).
  static core::Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path,
                                                          const std::string& sheet_name);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // The first row: bold, frozen while scrolling. Call before any AddRow.
  void SetHeader(const Row& header);
  // Empty strings leave the cell empty; longer cells than Excel holds are cut at kMaxCellChars.
  // Errors (a row past kMaxRows, a header after rows, a library failure) are kept and returned
  // by Close, so a loop of AddRow needs no checks.
  void AddRow(const Row& cells);
  // Sets column widths from the widest cells seen and writes the file. export.file.too_many_rows
  // or export.file.write on failure.
  core::Result<void> Close();

 private:
  XlsxWriter() = default;
  void Write(const Row& cells, lxw_format* format);
  void Fail(DomainError error);

  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::string path_;
  std::size_t rows_ = 0;
  std::vector<double> widths_;
  std::unique_ptr<DomainError> error_;
  std::string tmpdir_;
};

}  // namespace jiceng::core::tabular
