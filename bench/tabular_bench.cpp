// Spreadsheet throughput on 100k resident-like rows (8 columns): reading the .xlsx XlsxWriter
// writes (inline strings), the same rows as a shared-string .xlsx (the form Excel saves), and
// the same rows as CSV, in one run; plus writing the export itself. Items are rows.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/tabular/csv_reader.hpp"
#include "core/tabular/xlsx_reader.hpp"
#include "core/tabular/xlsx_writer.hpp"

namespace {

namespace tabular = jiceng::core::tabular;

constexpr int kRows = 100000;

tabular::Row MakeRow(int i) {
  std::string seq = std::to_string(1000 + i % 9000);
  return {"居民" + std::to_string(i),
          "33068119" + std::to_string(50 + i % 50) + "0101" + seq,
          "138" + std::to_string(10000000 + i),
          "浙江省诸暨市暨阳街道" + std::to_string(i % 300) + "号",
          "330681109" + std::to_string(200 + i % 100),
          i % 2 ? "男" : "女",
          "19" + std::to_string(50 + i % 50) + "-01-01",
          i % 7 ? "" : "低保户"};
}

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Files {
  std::string dir;
  std::string inline_xlsx;
  std::string shared_xlsx;
  std::string csv;

  Files() {
    dir =
        (std::filesystem::temp_directory_path() / ("jiceng-bench-tab-" + std::to_string(getpid())))
            .string();
    std::filesystem::create_directories(dir);
    inline_xlsx = dir + "/inline.xlsx";
    shared_xlsx = dir + "/shared.xlsx";
    csv = dir + "/rows.csv";
    tabular::Row header = {"姓名", "身份证号", "电话", "住址", "网格", "性别", "出生日期", "标签"};

    auto writer = tabular::XlsxWriter::Create(inline_xlsx, "居民");
    writer.value()->SetHeader(header);
    for (int i = 0; i < kRows; ++i) writer.value()->AddRow(MakeRow(i));
    (void)writer.value()->Close();

    // Without constant_memory libxlsxwriter writes a shared-string table, as Excel does.
    lxw_workbook* wb = workbook_new(shared_xlsx.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "居民");
    for (int i = 0; i <= kRows; ++i) {
      tabular::Row row = i == 0 ? header : MakeRow(i - 1);
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (!row[c].empty()) worksheet_write_string(ws, i, c, row[c].c_str(), nullptr);
      }
    }
    workbook_close(wb);

    std::ofstream out(csv, std::ios::binary);
    for (int i = 0; i <= kRows; ++i) {
      tabular::Row row = i == 0 ? header : MakeRow(i - 1);
      for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << Quote(row[c]);
      out << "\r\n";
    }
  }
  ~Files() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

const Files& TheFiles() {
  static Files files;
  return files;
}

template <typename Read>
void ReadRows(benchmark::State& state, const std::string& path, Read read) {
  std::size_t rows = 0;
  for (auto _ : state) {
    std::size_t n = 0;
    auto r = read(path, [&](std::size_t, const tabular::Row& row) {
      n += row.size() > 1;
      return true;
    });
    if (!r.ok() || n != kRows + 1) state.SkipWithError("read failed");
    rows += n;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
}

void BM_TabularReadXlsxInline(benchmark::State& state) {
  ReadRows(state, TheFiles().inline_xlsx, [](const std::string& p, const tabular::RowHandler& h) {
    return tabular::ReadXlsx(p, h);
  });
}
BENCHMARK(BM_TabularReadXlsxInline)->Unit(benchmark::kMillisecond);

void BM_TabularReadXlsxSharedStrings(benchmark::State& state) {
  ReadRows(state, TheFiles().shared_xlsx, [](const std::string& p, const tabular::RowHandler& h) {
    return tabular::ReadXlsx(p, h);
  });
}
BENCHMARK(BM_TabularReadXlsxSharedStrings)->Unit(benchmark::kMillisecond);

void BM_TabularReadCsv(benchmark::State& state) {
  ReadRows(state, TheFiles().csv, [](const std::string& p, const tabular::RowHandler& h) {
    return tabular::ReadCsv(p, h);
  });
}
BENCHMARK(BM_TabularReadCsv)->Unit(benchmark::kMillisecond);

void BM_TabularWriteXlsx(benchmark::State& state) {
  std::vector<tabular::Row> rows;
  for (int i = 0; i < kRows; ++i) rows.push_back(MakeRow(i));
  std::string path = TheFiles().dir + "/out.xlsx";
  for (auto _ : state) {
    auto writer = tabular::XlsxWriter::Create(path, "居民");
    if (!writer.ok()) state.SkipWithError("create failed");
    for (const auto& row : rows) writer.value()->AddRow(row);
    if (!writer.value()->Close().ok()) state.SkipWithError("close failed");
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_TabularWriteXlsx)->Unit(benchmark::kMillisecond);

}  // namespace
