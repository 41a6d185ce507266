// CSV import (core/tabular/csv_reader): any bytes a user uploads as .csv, UTF-8 or GBK, quoted
// or not. Rows must come out as valid UTF-8 with increasing row numbers, or the read fails
// with an import.file.* code.
#include <cstdint>
#include <string>

#include "core/tabular/csv_reader.hpp"
#include "core/tabular/table_reader.hpp"
#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"

using namespace jiceng;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = fuzz::ScratchFile(data, size);
  std::size_t last_row = 0;
  std::size_t rows = 0;
  double last_progress = 0;
  auto on_row = [&](std::size_t number, const core::tabular::Row& row) {
    JICENG_FUZZ_CHECK(number > last_row);
    JICENG_FUZZ_CHECK(!row.empty() && !row.back().empty());
    for (const auto& cell : row) JICENG_FUZZ_CHECK(core::text::ValidUtf8(cell));
    last_row = number;
    return ++rows < 1000;  // the stop path too
  };
  auto progress = [&](double f) {
    JICENG_FUZZ_CHECK(f >= last_progress && f <= 1.0);
    last_progress = f;
  };
  auto r = core::tabular::ReadCsv(path, on_row, progress);
  if (!r.ok()) JICENG_FUZZ_CHECK(r.error().code.rfind("import.file.", 0) == 0);
  // The same bytes through the content sniffer (a "PK\3\4" start goes to the xlsx reader).
  last_row = 0;
  rows = 0;
  last_progress = 0;
  auto t = core::tabular::ReadTable(path, on_row, progress);
  if (!t.ok()) JICENG_FUZZ_CHECK(t.error().code.rfind("import.file.", 0) == 0);
  return 0;
}
