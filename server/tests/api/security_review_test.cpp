// Security review of 2026-12 (issue 12), findings 8 and 9, through the HTTP API: caps on what an
// upload or a boundary may hold, login failures that all look alike, rate limits on password
// changes and on the import's ID-number probe, the session token kept out of cookie logins'
// bodies, /metrics closed to the network, no internals in error answers, and private uploads.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace security_review {

// The resident import's header row (docs/api-people.md).
const std::vector<std::string> kImportHeader = {"姓名",     "性别",       "出生日期", "证件号码",
                                                "联系电话", "网格编码",   "民族",     "户号",
                                                "与户主关系", "房屋地址", "备注"};

std::string CsvOf(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  return out;
}

class SecurityReviewApi : public SharedAppTest {
 protected:
  static HttpResponse UploadCsv(const std::string& user, const std::string& bytes,
                                const std::string& mode = "dry_run") {
    RequestOptions o = User(user);
    o.content_type = "text/csv";
    return Client().Post("/api/v1/imports/residents?mode=" + mode + "&filename=r.csv", bytes, o);
  }
};

// Finding 9a: a header row of 201 columns, or a cell of 64 KB + 1, is refused at upload with a
// stable code, before any job runs.
TEST_F(SecurityReviewApi, ImportRefusesTooManyColumnsAndHugeCells) {
  std::vector<std::string> wide = kImportHeader;
  while (wide.size() <= 200) wide.push_back("备用" + std::to_string(wide.size()));
  HttpResponse columns = UploadCsv("village", CsvOf({wide}));
  EXPECT_EQ(columns.status, 422) << columns.body;
  EXPECT_EQ(columns.json().value("code", ""), "import.file.too_many_columns") << columns.body;
  EXPECT_EQ(columns.json().value("field", ""), "file");

  std::vector<std::string> huge = kImportHeader;
  huge.back() = std::string(64 * 1024 + 1, 'x');
  HttpResponse cell = UploadCsv("village", CsvOf({huge}));
  EXPECT_EQ(cell.status, 422) << cell.body.substr(0, 300);
  EXPECT_EQ(cell.json().value("code", ""), "import.file.field_too_large");
  EXPECT_NE(cell.json().value("title", "").find("64 KB"), std::string::npos);
}

// Finding 9a: a grid boundary of more than 10,000 vertices in a ring is refused (422) before
// the geometry engine works on it.
TEST_F(SecurityReviewApi, GridBoundaryVerticesAreCapped) {
  Json ring = Json::array();
  const int n = 10'001;
  for (int i = 0; i + 1 < n; ++i) {
    double a = 2 * 3.14159265358979 * i / (n - 1);
    ring.push_back({120.2 + 0.001 * std::cos(a), 29.7 + 0.001 * std::sin(a)});
  }
  ring.push_back(ring[0]);
  Json input = {{"village_code", kVillage},
                {"name", "超大边界"},
                {"kind", "comprehensive"},
                {"geometry", {{"type", "Polygon"}, {"coordinates", Json::array({ring})}}},
                {"household_capacity", 100},
                {"population_capacity", 300},
                {"hotline", "0575-87001234"},
                {"worker_ids", Json::array()}};
  HttpResponse r = Client().Post("/api/v1/grids", input, User("township"));
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_EQ(r.json().value("code", ""), "org.grid.geometry_too_large");
  EXPECT_EQ(r.json().value("field", ""), "geometry");
}

}  // namespace security_review
}  // namespace jiceng::testing
