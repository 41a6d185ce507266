// .xlsx: our writer's files read back, hand-made packages with the forms Excel and other tools
// write (shared and inline strings, gaps, dates, booleans), and broken or hostile files.
#include <gtest/gtest.h>
#include <unzip.h>

#include <atomic>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/tabular/table_reader.hpp"
#include "core/tabular/tests/xlsx_test_util.hpp"
#include "core/tabular/xlsx_reader.hpp"
#include "core/tabular/xlsx_writer.hpp"
#include "tests/test_support.hpp"

namespace jiceng::core::tabular {
namespace {

using testing::ExpectProgressToTheEnd;
using testing::Package;
using testing::WriteZip;

std::string NewPath(const std::string& ext = ".xlsx") {
  static std::atomic<int> n{0};
  return jiceng::testing::TempDir() + "/tab" + std::to_string(++n) + ext;
}

// Every reported row by row number.
std::map<std::size_t, Row> CollectXlsxRows(const std::string& path, XlsxLimits limits = {}) {
  std::map<std::size_t, Row> rows;
  Result<void> r = ReadXlsx(
      path,
      [&](std::size_t n, const Row& row) {
        rows[n] = row;
        return true;
      },
      {}, limits);
  EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  return rows;
}

Result<void> TryRead(const std::string& path, XlsxLimits limits = {}) {
  return ReadXlsx(
      path, [](std::size_t, const Row&) { return true; }, {}, limits);
}

std::string Inflate(const std::string& zip_path, const std::string& entry) {
  unzFile z = unzOpen64(zip_path.c_str());
  std::string out;
  if (z == nullptr) return out;
  if (unzLocateFile(z, entry.c_str(), 0) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[4096];
    int n;
    while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) out.append(buf, n);
    unzCloseCurrentFile(z);
  }
  unzClose(z);
  return out;
}

TEST(XlsxWriterTest, RoundTripKeepsChineseTextIdNumbersAndGaps) {
  std::string path = NewPath();
  auto created = XlsxWriter::Create(path, "居民名单");
  ASSERT_TRUE(created.ok()) << created.error().detail;
  XlsxWriter& w = **created;
  w.SetHeader({"姓名", "身份证号", "电话", "备注", "住址"});
  w.AddRow({"张三", "11010519491231002X", "057187654321", "", "浙江省诸暨市暨阳街道"});
  w.AddRow({"李四", "440524188001010014", "", "=1+1", ""});  // trailing empties vanish
  w.AddRow({});                                              // an empty row: not reported
  w.AddRow({"王五", "330681199001011234", "13800138000", "多行\n备注 & <b>\"引号\"", "x"});
  w.AddRow({"a\x01z", "", "", "", "0.30000000000000004"});
  ASSERT_TRUE(w.Close().ok());

  std::map<std::size_t, Row> rows = CollectXlsxRows(path);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1], (Row{"姓名", "身份证号", "电话", "备注", "住址"}));
  EXPECT_EQ(rows[2],
            (Row{"张三", "11010519491231002X", "057187654321", "", "浙江省诸暨市暨阳街道"}));
  EXPECT_EQ(rows[3], (Row{"李四", "440524188001010014", "", "=1+1"}));
  EXPECT_EQ(rows.count(4), 0u);
  EXPECT_EQ(rows[5],
            (Row{"王五", "330681199001011234", "13800138000", "多行\n备注 & <b>\"引号\"", "x"}));
  EXPECT_EQ(rows[6], (Row{"a\x01z", "", "", "", "0.30000000000000004"}));  // text stays text

  // Everything is a string cell (never a number Excel could round), the header row is frozen.
  std::string sheet = Inflate(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("11010519491231002X</t>"), std::string::npos);
  EXPECT_EQ(sheet.find("<v>"), std::string::npos);
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);
  EXPECT_NE(Inflate(path, "xl/workbook.xml").find("居民名单"), std::string::npos);
}

TEST(XlsxWriterTest, BadSheetNameIsCleanedAndUnwritablePathIsAnError) {
  std::string path = NewPath();
  auto w = XlsxWriter::Create(path, "a/b:c[d]*?'");
  ASSERT_TRUE(w.ok());
  (*w)->AddRow({"1"});
  ASSERT_TRUE((*w)->Close().ok());
  EXPECT_NE(Inflate(path, "xl/workbook.xml").find("name=\"a_b_c_d___\""), std::string::npos);

  auto bad = XlsxWriter::Create(jiceng::testing::TempDir() + "/missing/dir/x.xlsx", "s");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "export.file.create");
}

TEST(XlsxWriterTest, HeaderAfterRowsFailsAtClose) {
  std::string path = NewPath();
  auto w = XlsxWriter::Create(path, "s");
  ASSERT_TRUE(w.ok());
  (*w)->AddRow({"1"});
  (*w)->SetHeader({"h"});
  Result<void> closed = (*w)->Close();
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, "export.file.write");
  EXPECT_FALSE(std::ifstream(path).good());  // no half-made export left behind
}

TEST(XlsxReaderTest, HandMadePackageWithSharedInlineAndTypedCells) {
  std::string path = NewPath();
  ASSERT_TRUE(WriteZip(
      path,
      Package(
          // Row 1: shared strings (one with rich text runs and a phonetic guide), a gap to D.
          R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c>)"
          R"(<c r="D1" t="inlineStr"><is><r><t>出生</t></r><r><rPr/><t>日期</t></r></is></c></row>)"
          // Row 2 without r; cells without r continue from the last column.
          R"(<row><c t="s"><v>1</v></c><c t="inlineStr"><is><t>11010519491231002X</t></is></c>)"
          R"(<c r="E2" t="b"><v>1</v></c><c t="b"><v>0</v></c><c r="D2" s="1"><v>44927</v></c></row>)"
          // Row 5 (3 and 4 absent): dates in custom, date-time, elapsed-time and 年月日 formats.
          R"(<row r="5"><c r="A5" s="2"><v>45292</v></c><c r="B5" s="3"><v>45292.5</v></c>)"
          R"(<c r="C5" s="4"><v>0.5208333333333334</v></c><c r="D5" s="5"><v>32874</v></c>)"
          R"(<c r="E5" s="3"><v>45292</v></c></row>)"
          // Row 6: numbers, formula results, an error, escapes, styled-but-empty cells at the end.
          R"(<row r="6"><c r="A6"><v>13800138000</v></c><c r="B6" s="6"><v>0.30000000000000004</v></c>)"
          R"(<c r="C6" t="str"><f>A1&amp;B1</f><v>姓名身份证号</v></c><c r="D6" t="e"><v>#N/A</v></c>)"
          R"(<c r="E6" t="s"><v>3</v></c><c r="F6" s="7"><v>12</v></c><c r="G6" s="1"/><c r="H6" s="2"/></row>)"
          // Row 7: only empty styled cells: not reported.
          R"(<row r="7"><c r="A7" s="1"/></row>)")));

  std::map<std::size_t, Row> rows = CollectXlsxRows(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (Row{"姓名", "身份证号", "", "出生日期"}));
  EXPECT_EQ(rows[2], (Row{"张三 ", "11010519491231002X", "", "2023-01-01", "TRUE", "FALSE"}));
  EXPECT_EQ(rows[5],
            (Row{"2024-01-01", "2024-01-01 12:00:00", "12:30:00", "1990-01-01", "2024-01-01"}));
  EXPECT_EQ(rows[6], (Row{"13800138000", "0.3", "姓名身份证号", "#N/A",
                          "a\x01"
                          "b_x0041_",
                          "12"}));
}

TEST(XlsxReaderTest, Date1904SystemAndExcelsFake1900LeapDay) {
  std::string path = NewPath();
  ASSERT_TRUE(WriteZip(
      path, Package(R"(<row r="1"><c r="A1" s="1"><v>0</v></c><c s="1"><v>1</v></c></row>)",
                    /*date1904=*/true)));
  EXPECT_EQ(CollectXlsxRows(path)[1], (Row{"1904-01-01", "1904-01-02"}));

  std::string old = NewPath();
  ASSERT_TRUE(WriteZip(
      old, Package(R"(<row r="1"><c r="A1" s="1"><v>1</v></c><c s="1"><v>59</v></c>)"
                   R"(<c s="1"><v>60</v></c><c s="1"><v>61</v></c><c s="1"><v>-1</v></c></row>)")));
  EXPECT_EQ(CollectXlsxRows(old)[1],
            (Row{"1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "-1"}));
}

TEST(XlsxReaderTest, StopsWhenAskedAndReportsProgressToTheEnd) {
  std::string path = NewPath();
  auto w = XlsxWriter::Create(path, "s");
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 20000; ++i) (*w)->AddRow({std::to_string(i), "居民" + std::to_string(i)});
  ASSERT_TRUE((*w)->Close().ok());

  std::size_t seen = 0;
  ASSERT_TRUE(ReadXlsx(path, [&](std::size_t n, const Row&) { return ++seen < 10; }).ok());
  EXPECT_EQ(seen, 10u);

  std::vector<double> calls;
  std::size_t rows = 0;
  ASSERT_TRUE(ReadXlsx(
                  path, [&](std::size_t, const Row&) { return ++rows > 0; },
                  [&](double f) { calls.push_back(f); })
                  .ok());
  EXPECT_EQ(rows, 20000u);
  ExpectProgressToTheEnd(calls);
  for (std::size_t i = 1; i < calls.size(); ++i) EXPECT_GT(calls[i], calls[i - 1]);
}

TEST(XlsxReaderTest, ExceptionFromTheRowHandlerPassesThrough) {
  std::string path = NewPath();
  ASSERT_TRUE(
      WriteZip(path, Package(R"(<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>)")));
  EXPECT_THROW((void)ReadXlsx(
                   path, [](std::size_t, const Row&) -> bool { throw std::runtime_error("boom"); }),
               std::runtime_error);
}

TEST(XlsxReaderTest, GarbageAndBrokenFilesAreFormatErrors) {
  std::string garbage = NewPath();
  std::ofstream(garbage, std::ios::binary) << "this is not a zip file at all\x01\x02";
  Result<void> r = TryRead(garbage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.file.format");
  EXPECT_FALSE(r.error().message.empty());

  std::string truncated = NewPath();
  {
    std::string good = NewPath();
    ASSERT_TRUE(WriteZip(good, Package("<row r=\"1\"></row>")));
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  EXPECT_EQ(TryRead(truncated).error().code, "import.file.format");

  std::string not_xlsx = NewPath();
  ASSERT_TRUE(WriteZip(not_xlsx, {{"word/document.xml", "<w/>"}}));
  EXPECT_EQ(TryRead(not_xlsx).error().code, "import.file.format");

  std::string bad_xml = NewPath();
  ASSERT_TRUE(WriteZip(bad_xml, Package("<row r=\"1\"><c><v>1</c></row>")));
  EXPECT_EQ(TryRead(bad_xml).error().code, "import.file.format");

  std::string bad_string_index = NewPath();
  ASSERT_TRUE(WriteZip(bad_string_index, Package(R"(<row r="1"><c t="s"><v>99</v></c></row>)")));
  EXPECT_EQ(TryRead(bad_string_index).error().code, "import.file.format");

  std::string doctype = NewPath();
  testing::Parts parts = Package("");
  parts.back().second = R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>)";
  ASSERT_TRUE(WriteZip(doctype, parts));
  EXPECT_EQ(TryRead(doctype).error().code, "import.file.format");

  Result<void> missing = TryRead(jiceng::testing::TempDir() + "/no-such.xlsx");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "import.file.unreadable");
  EXPECT_EQ(missing.error().detail.find("no-such.xlsx"), std::string::npos)
      << missing.error().detail;
}

TEST(XlsxReaderTest, OversizedPartsAreRefused) {
  // A sheet of 3 MB of blanks deflates to a few KB: the shape of a zip bomb. (Blanks between
  // the elements: a 3 MB cell would be refused by its own cap, kMaxFieldBytes.)
  std::string bomb = NewPath();
  ASSERT_TRUE(WriteZip(bomb, Package(R"(<row r="1"><c t="inlineStr"><is><t>0</t></is></c>)" +
                                     std::string(3 << 20, ' ') + "</row>")));
  Result<void> r = TryRead(bomb, XlsxLimits{1 << 20});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.file.too_large");
  EXPECT_TRUE(TryRead(bomb).ok());  // within the default limit

  // A part whose central directory claims more than the limit is refused before inflating.
  std::string claims = NewPath();
  ASSERT_TRUE(WriteZip(claims, Package("<row r=\"1\"></row>")));
  std::fstream f(claims, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), {});
  std::string name = "xl/worksheets/sheet2.xml";
  // Central directory header: signature PK\1\2, uncompressed size at +24, name at +46.
  for (std::size_t at = bytes.find("PK\x01\x02"); at != std::string::npos;
       at = bytes.find("PK\x01\x02", at + 4)) {
    if (bytes.compare(at + 46, name.size(), name) == 0) {
      f.seekp(static_cast<std::streamoff>(at + 24));
      f.write("\xF0\xFF\xFF\xFF", 4);  // ~4 GB
    }
  }
  f.close();
  Result<void> big = TryRead(claims);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "import.file.too_large");
}

TEST(XlsxReaderTest, ReadTablePicksXlsxByContentNotByName) {
  std::string disguised = NewPath(".csv");
  auto w = XlsxWriter::Create(disguised, "s");
  ASSERT_TRUE(w.ok());
  (*w)->AddRow({"a", "b"});
  ASSERT_TRUE((*w)->Close().ok());
  std::vector<Row> rows;
  ASSERT_TRUE(ReadTable(disguised, [&](std::size_t, const Row& r) {
                rows.push_back(r);
                return true;
              }).ok());
  EXPECT_EQ(rows, (std::vector<Row>{{"a", "b"}}));
}

// Shared strings are held for the whole read: their count and total size are capped, and no
// cell (shared, inline or value) may exceed kMaxFieldBytes; no cell may sit past kMaxColumns.
TEST(XlsxReaderTest, SharedStringsCellsAndColumnsAreCapped) {
  auto with_strings = [](const std::string& items) {
    testing::Parts parts = Package(R"(<row r="1"><c t="s"><v>0</v></c></row>)");
    for (auto& [name, data] : parts) {
      if (name == "xl/sharedStrings.xml") {
        data =
            R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
            items + "</sst>";
      }
    }
    std::string path = NewPath();
    EXPECT_TRUE(WriteZip(path, parts));
    return path;
  };
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "<si/>";
  std::string path = with_strings(many);
  XlsxLimits limits;
  limits.max_shared_strings = 999;
  Result<void> count = TryRead(path, limits);
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.error().code, "import.file.too_large");
  limits.max_shared_strings = 1000;
  EXPECT_TRUE(TryRead(path, limits).ok());

  std::string text;
  for (int i = 0; i < 100; ++i) text += "<si><t>" + std::string(1000, 'a') + "</t></si>";
  std::string bulky = with_strings(text);
  limits = {};
  limits.max_shared_string_bytes = 50'000;
  Result<void> bytes = TryRead(bulky, limits);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, "import.file.too_large");
  EXPECT_TRUE(TryRead(bulky).ok());

  Result<void> one_big =
      TryRead(with_strings("<si><t>" + std::string(kMaxFieldBytes + 1, 'b') + "</t></si>"));
  ASSERT_FALSE(one_big.ok());
  EXPECT_EQ(one_big.error().code, "import.file.field_too_large");

  std::string inline_path = NewPath();
  ASSERT_TRUE(
      WriteZip(inline_path, Package(R"(<row r="3"><c r="B3" t="inlineStr"><is><t>)" +
                                    std::string(kMaxFieldBytes + 1, 'c') + "</t></is></c></row>")));
  Result<void> big_inline = TryRead(inline_path);
  ASSERT_FALSE(big_inline.ok());
  EXPECT_EQ(big_inline.error().code, "import.file.field_too_large");
  EXPECT_NE(big_inline.error().message.find("第 3 行第 2 列"), std::string::npos)
      << big_inline.error().message;

  // Column GR is the 200th: a value there is fine, one in GS is not; an empty cell far right
  // (formatting Excel keeps) is ignored.
  std::string edge = NewPath();
  ASSERT_TRUE(
      WriteZip(edge, Package(R"(<row r="1"><c r="GR1"><v>1</v></c><c r="XFD1" s="1"/></row>)")));
  EXPECT_TRUE(TryRead(edge).ok());
  std::string wide = NewPath();
  ASSERT_TRUE(WriteZip(wide, Package(R"(<row r="2"><c r="GS2"><v>1</v></c></row>)")));
  Result<void> columns = TryRead(wide);
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.error().code, "import.file.too_many_columns");
  EXPECT_NE(columns.error().message.find("第 2 行"), std::string::npos);
}

}  // namespace
}  // namespace jiceng::core::tabular
