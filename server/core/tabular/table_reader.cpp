#include "core/tabular/table_reader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/tabular/csv_reader.hpp"
#include "core/tabular/reader_support.hpp"
#include "core/tabular/xlsx_reader.hpp"

namespace jiceng::core::tabular {

Result<void> ReadTable(const std::string& path, const RowHandler& on_row,
                       const ProgressHandler& progress) {
  // By content, not by name: people rename files, and browsers send what the name says.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return internal::Unreadable(std::strerror(errno));
  char magic[4] = {};
  std::size_t n = std::fread(magic, 1, sizeof magic, file);
  std::fclose(file);
  if (n == sizeof magic && std::memcmp(magic, "PK\x03\x04", 4) == 0) {
    return ReadXlsx(path, on_row, progress);
  }
  return ReadCsv(path, on_row, progress);
}

}  // namespace jiceng::core::tabular
