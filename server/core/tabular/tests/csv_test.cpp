// CSV as Excel and people write it: quotes, line ends, BOM, GBK from Excel in China, and files
// that are no CSV at all.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "core/tabular/csv_reader.hpp"
#include "core/tabular/table_reader.hpp"
#include "core/tabular/tests/xlsx_test_util.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::tabular {
namespace {

using jiceng::testing::ToGb18030;
using testing::ExpectProgressToTheEnd;
using Numbered = std::vector<std::pair<std::size_t, Row>>;

std::string WriteBytes(const std::string& bytes, const std::string& ext = ".csv") {
  static std::atomic<int> n{0};
  std::string path = jiceng::testing::TempDir() + "/csv" + std::to_string(++n) + ext;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

Numbered CollectCsvRows(const std::string& path) {
  Numbered rows;
  Result<void> r = ReadCsv(path, [&](std::size_t n, const Row& row) {
    rows.emplace_back(n, row);
    return true;
  });
  EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  return rows;
}

TEST(CsvReaderTest, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  std::string path = WriteBytes(
      "姓名,身份证号,备注\r\n"
      "张三,11010519491231002X,\"住址：暨阳街道,3号\"\r\n"
      "\"李四\",440524188001010014,\"第一行\r\n第二行\n\"\"引用\"\"\"\r\n"
      "王五,,\"\"\r\n");
  Numbered rows = CollectCsvRows(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::pair<std::size_t, Row>{1, {"姓名", "身份证号", "备注"}}));
  EXPECT_EQ(rows[1].second, (Row{"张三", "11010519491231002X", "住址：暨阳街道,3号"}));
  EXPECT_EQ(rows[2].second, (Row{"李四", "440524188001010014", "第一行\r\n第二行\n\"引用\""}));
  // Record 3 spans three lines; the next record is still row 4, and its empties are trimmed.
  EXPECT_EQ(rows[3], (std::pair<std::size_t, Row>{4, {"王五"}}));
}

TEST(CsvReaderTest, LineEndsBomEmptyLinesAndMissingFinalNewline) {
  Numbered rows =
      CollectCsvRows(WriteBytes("\xEF\xBB\xBF"
                                "a,b\n\n,,\nc,,d\re,f"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::pair<std::size_t, Row>{1, {"a", "b"}}));  // no BOM in "a"
  EXPECT_EQ(rows[1], (std::pair<std::size_t, Row>{4, {"c", "", "d"}}));
  EXPECT_EQ(rows[2], (std::pair<std::size_t, Row>{5, {"e", "f"}}));
  EXPECT_TRUE(CollectCsvRows(WriteBytes("")).empty());
}

TEST(CsvReaderTest, StrayQuotesAreKeptAsExcelKeepsThem) {
  Numbered rows = CollectCsvRows(WriteBytes("5\"3,\"ab\"cd,x\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second, (Row{"5\"3", "abcd", "x"}));
}

TEST(CsvReaderTest, GbkFromExcelIsDecoded) {
  std::string text =
      "姓名,身份证号,住址\r\n张三,11010519491231002X,浙江省诸暨市\r\n"
      "\"李四\",440524188001010014,\"镕,堃\"\r\n";
  std::string gbk = ToGb18030(text);
  ASSERT_NE(gbk, text);
  Numbered rows = CollectCsvRows(WriteBytes(gbk));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].second, (Row{"姓名", "身份证号", "住址"}));
  EXPECT_EQ(rows[1].second, (Row{"张三", "11010519491231002X", "浙江省诸暨市"}));
  EXPECT_EQ(rows[2].second, (Row{"李四", "440524188001010014", "镕,堃"}));
}

TEST(CsvReaderTest, GbkDecodingAcrossChunkBoundaries) {
  // The reader works in 1 MiB chunks: here 中 starts on the last byte of the first chunk,
  // after 1023 lines of 1 KiB and one of 1023 bytes (cells stay under kMaxFieldBytes).
  std::string before;
  for (int i = 0; i < 1023; ++i) before += std::string(1023, 'a') + "\n";
  before += std::string(1022, 'a') + "\n";
  ASSERT_EQ(before.size(), 1048575u);
  Numbered split = CollectCsvRows(WriteBytes(before + ToGb18030("中文,字段\n")));
  ASSERT_EQ(split.size(), 1025u);
  EXPECT_EQ(split.back().second, (Row{"中文", "字段"}));

  // The first non-UTF-8 byte may come only on the last line; the whole file is GBK then.
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "row" + std::to_string(i) + ",abcdefghijklmnop\n";
  Numbered rows = CollectCsvRows(WriteBytes(text + ToGb18030("居民x,最后一行\n")));
  ASSERT_EQ(rows.size(), 40001u);
  EXPECT_EQ(rows.back().second, (Row{"居民x", "最后一行"}));
}

TEST(CsvReaderTest, OpenQuoteAtEndOfFileIsAFormatError) {
  Result<void> r =
      ReadCsv(WriteBytes("a,b\n\"c,d\n"), [](std::size_t, const Row&) { return true; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.file.format");
  EXPECT_NE(r.error().message.find("第 2 行"), std::string::npos);
}

TEST(CsvReaderTest, BinaryUtf16AndXlsFilesAreRefused) {
  auto read = [](const std::string& bytes) {
    return ReadTable(WriteBytes(bytes), [](std::size_t, const Row&) { return true; });
  };
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) & 0xFF);
  for (const std::string& bytes :
       {garbage,
        std::string("\xFF\xFE"
                    "a\0,\0b\0",
                    8),
        std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0')}) {
    Result<void> r = read(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "import.file.format");
    EXPECT_EQ(r.error().field, "file");
  }
  Result<void> missing = ReadCsv(jiceng::testing::TempDir() + "/none.csv",
                                 [](std::size_t, const Row&) { return true; });
  EXPECT_EQ(missing.error().code, "import.file.unreadable");
  // Errors reach HTTP answers: they say why, never where on the server.
  EXPECT_EQ(missing.error().detail.find(jiceng::testing::TempDir()), std::string::npos)
      << missing.error().detail;
  EXPECT_EQ(missing.error().message.find("none.csv"), std::string::npos);
}

TEST(CsvReaderTest, StopsWhenAskedAndReportsProgress) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + ",居民,330681\n";
  std::string path = WriteBytes(text, ".xlsx");  // the name does not matter to ReadTable
  std::size_t seen = 0;
  ASSERT_TRUE(ReadTable(path, [&](std::size_t, const Row&) { return ++seen < 5; }).ok());
  EXPECT_EQ(seen, 5u);

  std::vector<double> calls;
  std::size_t rows = 0;
  ASSERT_TRUE(ReadTable(
                  path,
                  [&](std::size_t n, const Row& r) {
                    ++rows;
                    return r.size() == 3 && r[0] == std::to_string(n - 1);
                  },
                  [&](double f) { calls.push_back(f); })
                  .ok());
  EXPECT_EQ(rows, 100000u);
  ExpectProgressToTheEnd(calls);
}

TEST(CsvReaderTest, ColumnsAndFieldsAreCapped) {
  auto read = [](const std::string& bytes) {
    std::size_t rows = 0;
    Result<void> r = ReadCsv(WriteBytes(bytes), [&](std::size_t, const Row&) {
      ++rows;
      return true;
    });
    return std::make_pair(r, rows);
  };
  // kMaxColumns cells are fine, one more non-empty cell is not: the row is named.
  std::string wide;
  for (std::size_t i = 0; i < kMaxColumns; ++i) wide += (i ? "," : "") + std::to_string(i);
  auto [ok, ok_rows] = read("a\r\n" + wide + "\r\n");
  EXPECT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok_rows, 2u);
  auto [over, over_rows] = read("a\r\n" + wide + ",x\r\nb\r\n");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "import.file.too_many_columns");
  EXPECT_EQ(over.error().field, "file");
  EXPECT_EQ(over.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(over.error().message.find("第 2 行"), std::string::npos) << over.error().message;
  EXPECT_EQ(over_rows, 1u);  // the rows before it were read, none after

  // A million empty cells (trailing commas Excel leaves, or an attack on memory) cost nothing:
  // they are trimmed as before, without becoming a million strings.
  auto [commas, comma_rows] = read("a,b" + std::string(1'000'000, ',') + "\r\nc\r\n");
  EXPECT_TRUE(commas.ok()) << commas.error().message;
  EXPECT_EQ(comma_rows, 2u);

  // One cell of kMaxFieldBytes is fine; one byte more is refused, quoted or not.
  EXPECT_TRUE(read("a," + std::string(kMaxFieldBytes, 'x') + "\r\n").first.ok());
  for (const std::string& big : {"a," + std::string(kMaxFieldBytes + 1, 'x') + "\r\n",
                                 "a,\"" + std::string(kMaxFieldBytes + 1, 'x') + "\"\r\n",
                                 "a,\"" + std::string(2 * (kMaxFieldBytes + 1), '"') + "\"\r\n"}) {
    auto [r, n] = read("h\r\n" + big);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "import.file.field_too_large");
    EXPECT_NE(r.error().message.find("第 2 行第 2 列"), std::string::npos) << r.error().message;
  }
  // A 3 MB field with no line end at all (the whole file one cell) stops at the cap.
  auto [huge, huge_rows] = read(std::string(3 << 20, 'y'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, "import.file.field_too_large");
  EXPECT_EQ(huge_rows, 0u);
}

}  // namespace
}  // namespace jiceng::core::tabular
