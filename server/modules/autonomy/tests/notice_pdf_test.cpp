// The A4 notice of a finance disclosure: a PDF whose text (pdftotext) holds the title and the
// totals, and never an ID number or phone typed into the body.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

std::string PdfText(const std::string& pdf) {
  std::string path = TempDir() + "/notice-" + std::to_string(::getpid()) + ".pdf";
  {
    std::ofstream f(path, std::ios::binary);
    f << pdf;
  }
  std::string text;
  FILE* p = ::popen(("pdftotext -enc UTF-8 '" + path + "' - 2>/dev/null").c_str(), "r");
  if (!p) return text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  ::pclose(p);
  std::remove(path.c_str());
  return text;
}

class NoticePdfTest : public SharedAppTest {};

TEST_F(NoticePdfTest, FinanceNoticeHoldsTitleAndTotals) {
  Json body = {
      {"org_code", kVillage},
      {"kind", "finance"},
      {"period", "2025-04"},
      {"title", "枫源村2025年4月财务收支公开"},
      {"body", "经办人电话 13857500003"},
      {"lines", Json::array({{{"label", "仓库租金"}, {"kind", "income"}, {"amount", 1250000}},
                             {{"label", "上级补助"}, {"kind", "income"}, {"amount", 300050}},
                             {{"label", "道路维修"}, {"kind", "expense"}, {"amount", 820000}}})},
      {"total_income", 1550050},
      {"total_expense", 820000}};
  HttpResponse c = Client().Post("/api/v1/disclosures", body, User("secretary"));
  ASSERT_EQ(c.status, 201) << c.body;
  std::string path = "/api/v1/disclosures/" + std::to_string(c.json()["id"].get<std::int64_t>());
  HttpResponse pdf = Client().Get(path + ".pdf", User("supervisor"));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("枫源村2025年4月财务收支公开"), std::string::npos) << text;
  EXPECT_NE(text.find("15500.50"), std::string::npos) << text;  // income total
  EXPECT_NE(text.find("8200.00"), std::string::npos) << text;   // expense total
  EXPECT_NE(text.find("7300.50"), std::string::npos) << text;   // balance
  EXPECT_EQ(text.find("13857500003"), std::string::npos) << text;
  // The QR code's address, printed under it: the village's public page, over plain http on a
  // server without TLS (an https link would not open there).
  EXPECT_NE(text.find("/m/public/village/" + std::string(kVillage)), std::string::npos) << text;
  EXPECT_EQ(text.find("https://"), std::string::npos) << text;

  EXPECT_EQ(Client().Get("/api/v1/disclosures/999999.pdf", User("supervisor")).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/disclosures/x.pdf", User("supervisor")).status, 404);
  EXPECT_EQ(Client().Get(path + ".pdf", User("chengguan")).status, 403);
}

}  // namespace
}  // namespace jiceng::testing
