// CSV as Excel writes it: RFC 4180 quoting (fields may hold commas, quotes and line breaks),
// CRLF or LF line ends, UTF-8 with or without BOM. Excel in China saves "CSV" as GBK, so a file
// that is not valid UTF-8 is decoded as GB18030 (a superset of GBK). Row numbers count records,
// not lines, as Excel shows them. Files with NUL bytes, UTF-16 and old .xls files are refused as
// import.file.format, as is a quote left open at the end of the file.
#pragma once
#include <string>

#include "core/result.hpp"
#include "core/tabular/table_reader.hpp"

namespace jiceng::core::tabular {

core::Result<void> ReadCsv(const std::string& path, const RowHandler& on_row,
                           const ProgressHandler& progress = {});

}  // namespace jiceng::core::tabular
