// Shared by the csv and xlsx readers only; not part of the tabular interface.
#pragma once
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "core/tabular/table_reader.hpp"

namespace jiceng::core::tabular::internal {

// detail: why (strerror), never the path: errors reach HTTP answers, and a server path is
// nobody's business outside.
inline DomainError Unreadable(const std::string& detail = {}) {
  DomainError e = DomainError::Invalid("import.file.unreadable", "无法读取上传的文件", "file");
  e.detail = detail;
  return e;
}

inline DomainError BadFormat(const std::string& message) {
  return DomainError::Invalid("import.file.format", message, "file");
}

inline DomainError TooLarge(const std::string& message) {
  return DomainError::Invalid("import.file.too_large", message, "file");
}

// Messages name the row (and column) as the user sees them in Excel.
inline DomainError TooManyColumns(std::size_t row) {
  return DomainError::Invalid("import.file.too_many_columns",
                              "第 " + std::to_string(row) + " 行超过 " +
                                  std::to_string(kMaxColumns) + " 列，请删去多余的列后再上传",
                              "file");
}

// row 0: the row is not known (an xlsx shared string, used anywhere in the sheet).
inline DomainError FieldTooLarge(std::size_t row, std::size_t column) {
  std::string where =
      row == 0 ? std::string("有一个单元格")
               : "第 " + std::to_string(row) + " 行第 " + std::to_string(column + 1) + " 列";
  return DomainError::Invalid("import.file.field_too_large",
                              "文件中" + where + "的内容超过 " +
                                  std::to_string(kMaxFieldBytes / 1024) + " KB，请检查后再上传",
                              "file");
}

// Rate-limits progress calls to about one per percent.
class Progress {
 public:
  explicit Progress(const ProgressHandler& handler) : handler_(handler) {}
  void Report(std::uint64_t done, std::uint64_t total) {
    if (!handler_ || total == 0) return;
    double f = done >= total ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    if (f >= 1.0 || f - last_ < 0.01) return;  // 1.0 is for Finish alone
    last_ = f;
    handler_(f);
  }
  void Finish() {
    if (handler_) handler_(1.0);
  }

 private:
  const ProgressHandler& handler_;
  double last_ = 0;
};

// Trims trailing empty cells; false if nothing is left (the row is not reported).
inline bool TrimRow(Row& row) {
  while (!row.empty() && row.back().empty()) row.pop_back();
  return !row.empty();
}

}  // namespace jiceng::core::tabular::internal
