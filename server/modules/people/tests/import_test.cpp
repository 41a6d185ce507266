// Resident imports through the HTTP API (journey 5): a dry run lists every bad row with its
// reason and writes nothing; all_or_nothing writes nothing when a row is bad; valid_only writes
// exactly the good rows. The same rows as xlsx and as GBK CSV give the same answer; a file that
// is no spreadsheet is refused; progress moves; grids outside the importer's scope are refused.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/tabular/xlsx_writer.hpp"
#include "core/text/id_number.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

const std::vector<std::string> kHeader = {"姓名",       "性别",     "出生日期", "证件号码",
                                          "联系电话",   "网格编码", "民族",     "户号",
                                          "与户主关系", "房屋地址", "备注"};

// A valid 诸暨市 ID number; seq makes it unique within the suite.
std::string Id(const std::string& yyyymmdd, int seq) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "330681%s%03d", yyyymmdd.c_str(), seq % 1000);
  return std::string(first17) + core::text::IdCheckChar(first17);
}

// The same number with a wrong check character.
std::string WrongCheck(const std::string& id) {
  std::string bad = id;
  bad[17] = bad[17] == '1' ? '2' : '1';
  return bad;
}

std::string Csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  return out;
}

std::string Xlsx(const std::vector<std::vector<std::string>>& rows) {
  auto path = std::filesystem::path(TempDir()) / ("rows-" + std::to_string(::getpid()) + ".xlsx");
  auto writer = core::tabular::XlsxWriter::Create(path.string(), "居民");
  EXPECT_TRUE(writer.ok());
  (*writer)->SetHeader(rows[0]);
  for (std::size_t i = 1; i < rows.size(); ++i) (*writer)->AddRow(rows[i]);
  EXPECT_TRUE((*writer)->Close().ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class ImportApi : public SharedAppTest {
 protected:
  static constexpr std::size_t kBodyLimit = 64 * 1024;
  static void SetUpTestSuite() {
    TestAppOptions options;
    options.body_limit_bytes = kBodyLimit;
    StartApp(options);
  }

  static HttpResponse Upload(const std::string& user, const std::string& bytes,
                             const std::string& mode, const std::string& filename = "residents.csv",
                             const std::string& type = "text/csv") {
    RequestOptions o = User(user);
    o.content_type = type;
    return app_->client().Post("/api/v1/imports/residents?mode=" + mode + "&filename=" + filename,
                               bytes, o);
  }

  // Polls a job until it is done or failed.
  static Json Wait(const std::string& user, std::int64_t id) {
    Json job;
    for (int i = 0; i < 3000; ++i) {
      HttpResponse r = app_->client().Get("/api/v1/imports/" + std::to_string(id), User(user));
      EXPECT_EQ(r.status, 200) << r.body;
      job = r.json();
      if (job["status"] == "done" || job["status"] == "failed") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "import " << id << " did not finish: " << job.dump();
    return job;
  }

  static Json Run(const std::string& user, const std::string& bytes, const std::string& mode,
                  const std::string& filename = "residents.csv",
                  const std::string& type = "text/csv") {
    HttpResponse r = Upload(user, bytes, mode, filename, type);
    EXPECT_EQ(r.status, 202) << r.body;
    if (r.status != 202) return Json::object();
    return Wait(user, r.json()["id"].get<std::int64_t>());
  }

  static std::int64_t Count(const std::string& where = "1 = 1") {
    auto rows =
        app_->app().context().db.Query("SELECT count(*) FROM people_residents WHERE " + where);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  // row -> codes of the job's errors.
  static std::map<std::int64_t, std::set<std::string>> ErrorsByRow(const Json& job) {
    std::map<std::int64_t, std::set<std::string>> out;
    for (const auto& e : job["errors"])
      out[e["row"].get<std::int64_t>()].insert(e["code"].get<std::string>());
    return out;
  }

  // A grid of another village of the township 330681109 than 枫源村.
  static std::string OtherVillageGrid() {
    auto rows = app_->app().context().db.Query(
        "SELECT code FROM org_nodes WHERE level = 'grid' AND code LIKE '330681109%' AND code NOT "
        "LIKE "
        "'330681109290%' ORDER BY code LIMIT 1");
    EXPECT_TRUE(rows.ok() && !rows->empty()) << "no other village with grids";
    return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : "";
  }
};

// Journey 5: ten rows, seven bad in distinct ways.
class JourneyFive : public ImportApi {
 protected:
  void SetUp() override {
    ImportApi::SetUp();
    if (rows_.empty()) Prepare();
  }

  // Two residents registered beforehand by the township: one in 枫源村 (the village staff's
  // scope), one in another village (outside it).
  static void Prepare() {
    registered_here_ = Id("19700101", 11);
    registered_elsewhere_ = Id("19700202", 13);
    std::string other = OtherVillageGrid();
    ASSERT_FALSE(other.empty());
    Json setup = Run("township",
                     Csv({kHeader,
                          {"周一", "", "", registered_here_, "", kGrid1, "", "", "", "", ""},
                          {"周二", "", "", registered_elsewhere_, "", other, "", "", "", "", ""}}),
                     "valid_only");
    ASSERT_EQ(setup["inserted_rows"], 2) << setup.dump();

    good_ = {Id("19800101", 21), Id("19850315", 23), Id("20180601", 25)};
    rows_ = {
        kHeader,
        /* 2 */
        {"张伟", "男", "1980-01-01", good_[0], "13857512345", kGrid1, "汉族", "H-IMP-1", "户主",
         "1幢1单元101室", ""},
        /* 3 */
        {"王芳", "男", "1985/3/15", good_[1], "", kGrid1, "01", "H-IMP-1", "配偶", "1幢1单元101室",
         ""},
        /* 4 */ {"李娜", "", "", good_[2], "", kGrid2, "", "", "", "", "\"含,逗号\""},
        /* 5 */ {"刘洋", "男", "", WrongCheck(Id("19600101", 31)), "", kGrid1, "", "", "", "", ""},
        /* 6 */ {"陈静", "女", "", WrongCheck(Id("19610101", 33)), "", kGrid1, "", "", "", "", ""},
        /* 7 */ {"杨勇", "", "1990-01-01", Id("19910101", 35), "", kGrid1, "", "", "", "", ""},
        /* 8 */ {"赵强", "", "", good_[0], "", kGrid1, "", "", "", "", ""},
        /* 9 */ {"黄敏", "", "", good_[1], "", kGrid2, "", "", "", "", ""},
        /* 10 */ {"周一", "", "", registered_here_, "", kGrid1, "", "", "", "", ""},
        /* 11 */ {"周二", "", "", registered_elsewhere_, "", kGrid1, "", "", "", "", ""}};
  }

  static void ExpectJourneyErrors(const Json& job) {
    EXPECT_EQ(job["status"], "done") << job.dump();
    EXPECT_EQ(job["total_rows"], 10);
    EXPECT_EQ(job["processed_rows"], 10);
    EXPECT_EQ(job["valid_rows"], 3);
    EXPECT_EQ(job["error_rows"], 7);
    std::map<std::int64_t, std::set<std::string>> want = {
        {5, {"people.id_number.check_digit"}},
        {6, {"people.id_number.check_digit"}},
        {7, {"people.id_number.birth_date_mismatch"}},
        {8, {"people.resident.duplicate"}},
        {9, {"people.resident.duplicate"}},
        {10, {"people.resident.duplicate"}},
        {11, {"people.resident.registered_elsewhere"}}};
    EXPECT_EQ(ErrorsByRow(job), want) << job["errors"].dump();
    for (const auto& e : job["errors"]) {
      std::int64_t row = e["row"].get<std::int64_t>();
      EXPECT_EQ(e["column"], row == 7 ? "出生日期" : "证件号码") << e.dump();
      EXPECT_FALSE(e["message"].get<std::string>().empty());
      // Registered elsewhere discloses nothing about the other record.
      if (row == 11) {
        EXPECT_EQ(e["message"].get<std::string>().find("编号"), std::string::npos) << e.dump();
      }
    }
  }

  static inline std::vector<std::vector<std::string>> rows_;
  static inline std::vector<std::string> good_;
  static inline std::string registered_here_;
  static inline std::string registered_elsewhere_;
};

TEST_F(JourneyFive, DryRunListsExactlyTheBadRowsAndWritesNothing) {
  std::int64_t before = Count();
  HttpResponse r = Upload("village", Csv(rows_), "dry_run");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["mode"], "dry_run");
  EXPECT_EQ(r.json()["filename"], "residents.csv");
  Json job = Wait("village", r.json()["id"].get<std::int64_t>());
  ExpectJourneyErrors(job);
  EXPECT_EQ(job["inserted_rows"], 0);
  EXPECT_EQ(Count(), before);
}

TEST_F(JourneyFive, AllOrNothingWritesNothingWhenARowIsBad) {
  std::int64_t before = Count();
  Json job = Run("village", Csv(rows_), "all_or_nothing");
  ExpectJourneyErrors(job);
  EXPECT_EQ(job["inserted_rows"], 0);
  EXPECT_EQ(Count(), before);
}

TEST_F(JourneyFive, XlsxAndGbkCsvGiveTheSameAnswer) {
  std::int64_t before = Count();
  ExpectJourneyErrors(Run("village", Xlsx(rows_), "dry_run", "residents.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  ExpectJourneyErrors(Run("village", ToGb18030(Csv(rows_)), "dry_run", "gbk.csv"));
  EXPECT_EQ(Count(), before);
}

// Runs last in this suite (gtest keeps declaration order): it writes the good rows.
TEST_F(JourneyFive, ValidOnlyCommitOfTheDryRunWritesExactlyTheGoodRows) {
  std::int64_t before = Count();
  Json dry = Run("village", Csv(rows_), "dry_run");
  ExpectJourneyErrors(dry);
  HttpResponse r = app_->client().Post(
      "/api/v1/imports/" + std::to_string(dry["id"].get<std::int64_t>()) + "/commit",
      Json{{"mode", "valid_only"}}, User("village"));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["mode"], "valid_only");
  EXPECT_NE(r.json()["id"], dry["id"]);
  Json job = Wait("village", r.json()["id"].get<std::int64_t>());
  ExpectJourneyErrors(job);
  EXPECT_EQ(job["inserted_rows"], 3);
  EXPECT_EQ(Count(), before + 3);
  auto names = app_->app().context().db.Query(
      "SELECT name, gender, birth_date, org_code, household_id, relation "
      "FROM people_residents WHERE created_at >= 0 ORDER BY id DESC LIMIT 3");
  ASSERT_TRUE(names.ok());
  std::set<std::string> got;
  for (std::size_t i = 0; i < names->size(); ++i) got.insert((*names)[i].Text(0));
  EXPECT_EQ(got, (std::set<std::string>{"张伟", "王芳", "李娜"}));
  // Codes given as Chinese names resolved; birth date and gender filled from the ID; the two
  // rows of H-IMP-1 share one household whose head is 张伟.
  auto zhang = app_->app().context().db.Query(
      "SELECT r.gender, r.ethnicity, r.relation, h.number, CASE WHEN h.head_id = r.id THEN 1 ELSE "
      "0 END, p.address FROM people_residents r "
      "JOIN people_households h ON h.id = r.household_id JOIN people_houses p ON p.id = r.house_id "
      "WHERE r.name = '张伟' AND r.org_code = '330681109290001'");
  ASSERT_TRUE(zhang.ok());
  ASSERT_EQ(zhang->size(), 1u);
  EXPECT_EQ((*zhang)[0].Text(0), "male");
  EXPECT_EQ((*zhang)[0].Text(1), "01");
  EXPECT_EQ((*zhang)[0].Text(2), "02");
  EXPECT_EQ((*zhang)[0].Text(3), "H-IMP-1");
  EXPECT_TRUE((*zhang)[0].Bool(4));
  EXPECT_EQ((*zhang)[0].Text(5), "1幢1单元101室");
  EXPECT_EQ(Count("household_id = (SELECT id FROM people_households WHERE number = 'H-IMP-1')"), 2);
  // The job is listed, persisted, and audited once.
  HttpResponse list = app_->client().Get("/api/v1/imports", User("village"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["items"][0]["id"], job["id"]);
  EXPECT_EQ(list.json()["items"][0]["inserted_rows"], 3);
  auto audit = app_->app().context().db.Query(
      "SELECT count(*) FROM core_audit WHERE action = 'people.import' AND "
      "target_id = $1",
      {std::to_string(job["id"].get<std::int64_t>())});
  ASSERT_TRUE(audit.ok()) << audit.error().message;
  EXPECT_EQ((*audit)[0].Int(0), 1);
  // Importing the same file again: the good rows are now duplicates.
  Json again = Run("village", Csv(rows_), "dry_run");
  EXPECT_EQ(again["valid_rows"], 0);
}

TEST_F(ImportApi, GarbageIsRefusedAsNoSpreadsheet) {
  std::string garbage("\x00\x01\x02\x03garbage\xff\xfe\x00\x00", 15);
  HttpResponse r = Upload("village", garbage, "dry_run", "x.csv");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["code"], "import.file.format") << r.body;
  HttpResponse zip =
      Upload("village", std::string("PK\x03\x04 broken zip", 15), "dry_run", "x.xlsx");
  EXPECT_EQ(zip.status, 422) << zip.body;
  EXPECT_EQ(zip.json()["code"], "import.file.format") << zip.body;
  HttpResponse columns = Upload("village", "名字,号码\r\n张三,1\r\n", "dry_run");
  EXPECT_EQ(columns.status, 422) << columns.body;
  EXPECT_EQ(columns.json()["code"], "import.file.columns");
  HttpResponse mode = Upload("village", Csv({kHeader}), "everything");
  EXPECT_EQ(mode.status, 422) << mode.body;
  EXPECT_EQ(mode.json()["code"], "import.mode");
}

TEST_F(ImportApi, AVillageCannotImportIntoAnotherVillagesGrid) {
  std::string other = OtherVillageGrid();
  ASSERT_FALSE(other.empty());
  std::int64_t before = Count();
  Json job =
      Run("village",
          Csv({kHeader,
               {"孙一", "", "", Id("19750505", 41), "", other, "", "", "", "", ""},
               {"孙二", "", "", Id("19750506", 43), "", "330681109290999", "", "", "", "", ""},
               {"孙三", "", "", Id("19750507", 45), "", kGrid2, "", "", "", "", ""}}),
          "valid_only");
  EXPECT_EQ(job["error_rows"], 2) << job.dump();
  EXPECT_EQ(ErrorsByRow(job), (std::map<std::int64_t, std::set<std::string>>{
                                  {2, {"people.grid.not_found"}}, {3, {"people.grid.not_found"}}}))
      << job.dump();
  EXPECT_EQ(job["errors"][0]["column"], "网格编码");
  EXPECT_EQ(job["inserted_rows"], 1);
  EXPECT_EQ(Count(), before + 1);
  EXPECT_EQ(Count("org_code = '" + other + "' AND name = '孙一'"), 0);
}

TEST_F(ImportApi, ProgressMovesWhileALargeFileRuns) {
  std::vector<std::vector<std::string>> rows = {kHeader};
  for (int i = 0; i < 30000; ++i) {
    char birth[9];
    std::snprintf(birth, sizeof birth, "19%02d%02d%02d", 40 + i % 60, 1 + i % 12, 1 + i % 28);
    rows.push_back({"测试" + std::to_string(i), "", "", Id(birth, 500 + i % 400), "", kGrid1, "",
                    "", "", "", ""});
  }
  HttpResponse r = Upload("village", Csv(rows), "dry_run", "big.csv");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["status"], "queued");
  EXPECT_EQ(r.json()["progress"], 0.0);
  std::int64_t id = r.json()["id"].get<std::int64_t>();
  std::set<std::int64_t> processed;
  std::set<double> progress;
  Json job;
  for (int i = 0; i < 6000; ++i) {
    job = app_->client().Get("/api/v1/imports/" + std::to_string(id), User("village")).json();
    processed.insert(job["processed_rows"].get<std::int64_t>());
    progress.insert(job["progress"].get<double>());
    if (job["status"] == "done" || job["status"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["total_rows"], 30000);
  EXPECT_EQ(job["processed_rows"], 30000);
  EXPECT_EQ(job["progress"], 1.0);
  // Seen between queued (0) and done (30000): at least one intermediate count.
  EXPECT_GE(processed.size(), 3u) << "processed_rows never moved between start and end";
  EXPECT_GE(progress.size(), 3u);
}

TEST_F(ImportApi, TemplatesHaveChineseHeadersAndAValidExampleRow) {
  HttpResponse csv = app_->client().Get("/api/v1/imports/residents/template.csv", User("village"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("姓名,性别,出生日期,民族,证件类型,证件号码"), std::string::npos)
      << csv.body;
  Json dry = Run("village", csv.body, "dry_run", "template.csv");
  EXPECT_EQ(dry["total_rows"], 1);
  EXPECT_EQ(dry["error_rows"], 0) << dry.dump();
  HttpResponse xlsx =
      app_->client().Get("/api/v1/imports/residents/template.xlsx", User("village"));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  Json dry_xlsx = Run("village", xlsx.body, "dry_run", "template.xlsx");
  EXPECT_EQ(dry_xlsx["total_rows"], 1);
  EXPECT_EQ(dry_xlsx["error_rows"], 0) << dry_xlsx.dump();
  // Grid workers may not import.
  EXPECT_EQ(Upload("grid1", csv.body, "dry_run").status, 403);
}

TEST_F(ImportApi, UploadsAboveTheServerBodyLimitAreAccepted) {
  // The suite's server takes 64 KB bodies (kBodyLimit); the upload route takes 200 MB.
  std::vector<std::vector<std::string>> rows = {{"姓名", "证件号码", "网格编码", "附加"}};
  for (int i = 0; i < 1000; ++i)
    rows.push_back({"吴" + std::to_string(i), Id("19880808", i), kGrid1, std::string(1000, 'x')});
  std::string big = Csv(rows);
  ASSERT_GT(big.size(), 10 * kBodyLimit);
  HttpResponse r = Upload("village", big, "dry_run", "wide.csv");
  ASSERT_EQ(r.status, 202) << r.body.substr(0, 300);
  Json job = Wait("village", r.json()["id"].get<std::int64_t>());
  EXPECT_EQ(job["total_rows"], 1000);
  EXPECT_EQ(job["error_rows"], 0) << job.dump().substr(0, 500);
  // Other routes keep the server's limit.
  ExpectDeclaredBodyRefused("/api/v1/imports/1/commit");
}

}  // namespace
}  // namespace jiceng::testing
