// xlsx import (core/tabular/xlsx_reader): zip (minizip) + XML (expat) + shared strings, styles
// and dates. Any bytes must give rows of valid UTF-8 with increasing row numbers, or an
// import.file.* error; never a crash, a hang or unbounded memory.
#include <cstdint>
#include <string>

#include "core/tabular/xlsx_reader.hpp"
#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"

using namespace jiceng;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = fuzz::ScratchFile(data, size);
  std::size_t last_row = 0;
  auto on_row = [&](std::size_t number, const core::tabular::Row& row) {
    JICENG_FUZZ_CHECK(number > last_row);
    JICENG_FUZZ_CHECK(!row.empty() && !row.back().empty());
    for (const auto& cell : row) JICENG_FUZZ_CHECK(core::text::ValidUtf8(cell));
    last_row = number;
    return true;
  };
  // A small part limit: the fuzzer finds zip bombs quickly and the real limit (2 GiB) would
  // only make it slow. The cap itself is what is under test.
  core::tabular::XlsxLimits limits;
  limits.max_part_bytes = 1 << 20;
  auto r = core::tabular::ReadXlsx(path, on_row, {}, limits);
  if (!r.ok()) JICENG_FUZZ_CHECK(r.error().code.rfind("import.file.", 0) == 0);
  return 0;
}
