// Helpers of the table reader tests: .xlsx files built part by part, so each test states the
// XML it feeds in, and what the progress callback of a whole read must have seen.
#pragma once
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace jiceng::core::tabular::testing {

using Parts = std::vector<std::pair<std::string, std::string>>;

// The fractions a read reported: at most one per percent, the last one 1.0.
inline void ExpectProgressToTheEnd(const std::vector<double>& calls) {
  ASSERT_FALSE(calls.empty());
  EXPECT_LE(calls.size(), 101u);
  EXPECT_EQ(calls.back(), 1.0);
}

inline bool WriteZip(const std::string& path, const Parts& parts) {
  zipFile z = zipOpen64(path.c_str(), 0);
  if (z == nullptr) return false;
  bool ok = true;
  for (const auto& [name, data] : parts) {
    ok = ok &&
         zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr,
                               Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) == ZIP_OK &&
         zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())) == ZIP_OK &&
         zipCloseFileInZip(z) == ZIP_OK;
  }
  return zipClose(z, nullptr) == ZIP_OK && ok;
}

inline const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>)";

inline const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

// A workbook whose first sheet (in tab order) is sheet2.xml, to prove the reader follows the
// relationships rather than taking sheet1.xml.
inline std::string Workbook(bool date1904 = false) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr)") +
         (date1904 ? R"( date1904="1")" : "") +
         R"(/><sheets><sheet name="居民" sheetId="2" rel:id="rId7"/><sheet name="其他" sheetId="1" rel:id="rId1"/></sheets></workbook>)";
}

inline const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

// cellXfs: 0 General, 1 built-in 14 (date), 2 custom yyyy/m/d, 3 built-in 22 (date time),
// 4 custom [h]:mm:ss, 5 built-in 31 (yyyy"年"m"月"d"日"), 6 custom 0.00 (number, not a date),
// 7 custom "dd"\d 0 (quoted and escaped letters: a number).
inline const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy/m/d;@"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="0.00"/><numFmt numFmtId="167" formatCode="&quot;dd&quot;\d 0"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="165"/><xf numFmtId="31"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs></styleSheet>)";

inline const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>姓名</t></si><si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si><si><t>身份证号</t></si><si><t>a_x0001_b_x005F_x0041_</t></si></sst>)";

inline std::string Sheet(const std::string& sheet_data) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         sheet_data + "</sheetData></worksheet>";
}

inline Parts Package(const std::string& sheet_data, bool date1904 = false) {
  return {{"[Content_Types].xml", kContentTypes},
          {"_rels/.rels", kRootRels},
          {"xl/workbook.xml", Workbook(date1904)},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/styles.xml", kStyles},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/worksheets/sheet1.xml",
           Sheet(R"(<row r="1"><c t="inlineStr"><is><t>wrong sheet</t></is></c></row>)")},
          {"xl/worksheets/sheet2.xml", Sheet(sheet_data)}};
}

}  // namespace jiceng::core::tabular::testing
