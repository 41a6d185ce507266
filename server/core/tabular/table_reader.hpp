// Reading spreadsheets that people upload (resident lists, ledgers): .xlsx or .csv, picked by
// content, streamed row by row so a million-row file never sits in memory.
//
// Rows carry their cells up to the last non-empty one (empty cells in the middle stay, as ""),
// and a row with no non-empty cell is not reported; row numbers still count it, so a message
// "第 N 行" points at the row the user sees in Excel.
//
// Errors (kind kInvalid, field "file", message in Chinese):
//   import.file.unreadable  the file cannot be opened or read
//   import.file.format      not a readable xlsx/csv (garbage, .xls, broken zip or XML, ...)
//   import.file.too_large   an xlsx part beyond the size limit (a zip bomb, or simply too big),
//                           or more shared strings (count or bytes) than XlsxLimits allows
//   import.file.too_many_columns  a row with a non-empty cell past column kMaxColumns
//   import.file.field_too_large   one cell holding more than kMaxFieldBytes
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jiceng::core::tabular {

// Caps on what one spreadsheet may hold, whatever its format. Real lists (residents, ledgers,
// divisions) have a few dozen columns and short cells; past these a file is a mistake or an
// attack on memory (a million empty columns, one 200 MB "cell").
inline constexpr std::size_t kMaxColumns = 200;
inline constexpr std::size_t kMaxFieldBytes = 64 * 1024;

using Row = std::vector<std::string>;
// Called with the 1-based row number as the spreadsheet shows it and the row's cells (UTF-8).
// Returns false to stop reading; the read then ends without error.
using RowHandler = std::function<bool(std::size_t, const Row&)>;
// Called with the fraction read so far, in [0, 1], at most ~100 times, the last time with 1.
using ProgressHandler = std::function<void(double)>;

// The first worksheet of an .xlsx file or a .csv file, told apart by the first bytes
// (PK\x03\x04 = xlsx), never by the file name.
core::Result<void> ReadTable(const std::string& path, const RowHandler& on_row,
                             const ProgressHandler& progress = {});

}  // namespace jiceng::core::tabular
