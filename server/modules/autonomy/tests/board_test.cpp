// The public village board: no account, published items only, never ID numbers or phones, and
// rate-limited; the redaction of numbers in disclosure text.
#include <gtest/gtest.h>

#include "modules/autonomy/board/redact.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

TEST(RedactTest, HidesIdNumbersAndPhonesButNotAmountsOrDates) {
  using autonomy::RedactNumbers;
  EXPECT_EQ(RedactNumbers("张三 330681199001011234 补助 1200 元"),
            "张三 ****************** 补助 1200 元");
  EXPECT_EQ(RedactNumbers("身份证33068119900101123X"), "身份证******************");
  EXPECT_EQ(RedactNumbers("电话13857500003，座机0575-87000002"),
            "电话***********，座机*************");
  EXPECT_EQ(RedactNumbers("2025-09-30 支出 8200.00 元，编号 1234567890"),
            "2025-09-30 支出 8200.00 元，编号 1234567890");
  EXPECT_EQ(RedactNumbers(""), "");
  EXPECT_EQ(RedactNumbers("0575-"), "0575-");
}

// Numbers as people type them: broken into groups, with +86, in full-width digits, after
// another number.
TEST(RedactTest, HidesNumbersWrittenInGroupsAndFullWidth) {
  using autonomy::RedactNumbers;
  EXPECT_EQ(RedactNumbers("电话 138 5750 0003。"), "电话 *************。");
  EXPECT_EQ(RedactNumbers("电话138-5750-0003"), "电话*************");
  EXPECT_EQ(RedactNumbers("+86 138 5750 0003"), "+****************");
  EXPECT_EQ(RedactNumbers("１３８５７５００００３"), "***********");
  EXPECT_EQ(RedactNumbers("身份证 330681 19900101 123X"), "身份证 ********************");
  EXPECT_EQ(RedactNumbers("第3 138 5750 0003"), "第3 *************");
  EXPECT_EQ(RedactNumbers("座机 0575 8700 0002"), "座机 **************");
  // Amounts and dates in a row stay.
  EXPECT_EQ(RedactNumbers("收入 1200 350 800 元，2025-09-30"), "收入 1200 350 800 元，2025-09-30");
  const std::string once = RedactNumbers("12345678901 138 5750 0003");
  EXPECT_EQ(once, "*************************");
  EXPECT_EQ(RedactNumbers(once), once);
}

class BoardApiTest : public SharedAppTest {
 protected:
  static std::string BoardPath(const std::string& code) {
    return "/api/v1/public/villages/" + code + "/board";
  }
};

TEST_F(BoardApiTest, ShowsPublishedItemsWithoutAnAccountAndNeverNumbers) {
  // A published village disclosure whose text names a phone and an ID number, and a draft.
  HttpResponse c =
      Client().Post("/api/v1/disclosures",
                    Json{{"org_code", kVillage},
                         {"kind", "village"},
                         {"period", "2025-Q3"},
                         {"title", "低保名单公示"},
                         {"body", "王五 330681199001011234 每月 800 元，咨询 13857500003"}},
                    User("secretary"));
  ASSERT_EQ(c.status, 201) << c.body;
  std::string path = "/api/v1/disclosures/" + std::to_string(c.json()["id"].get<std::int64_t>());
  ASSERT_EQ(Client().Post(path + "/publish", Json::object(), User("secretary")).status, 200);
  HttpResponse draft = Client().Post("/api/v1/disclosures",
                                     Json{{"org_code", kVillage},
                                          {"kind", "party"},
                                          {"period", "2025-Q3"},
                                          {"title", "党费收缴草稿"},
                                          {"body", "未公开"}},
                                     User("secretary"));
  ASSERT_EQ(draft.status, 201);

  HttpResponse r = Client().Get(BoardPath(kVillage));
  ASSERT_EQ(r.status, 200) << r.body;
  Json b = r.json();
  EXPECT_EQ(b["village"]["name"], "枫源村委会");
  EXPECT_NE(r.body.find("低保名单公示"), std::string::npos);
  EXPECT_EQ(r.body.find("党费收缴草稿"), std::string::npos);
  EXPECT_NE(r.body.find("王五"), std::string::npos);
  EXPECT_NE(r.body.find("800 元"), std::string::npos);
  EXPECT_EQ(r.body.find("330681199001011234"), std::string::npos);
  EXPECT_EQ(r.body.find("13857500003"), std::string::npos);
  EXPECT_EQ(r.body.find("created_by"), std::string::npos);
  EXPECT_GE(b["grids"].size(), 1u);
  EXPECT_TRUE(b["convention"].is_null());

  EXPECT_EQ(Client().Get(BoardPath(kTownship)).status, 404);
  EXPECT_EQ(Client().Get(BoardPath("abc")).status, 404);
  EXPECT_EQ(Client().Get(BoardPath("330681109999")).status, 404);
}

TEST_F(BoardApiTest, IsRateLimited) {
  int limited = 0;
  for (int i = 0; i < 70 && limited == 0; ++i) {
    HttpResponse r = Client().Get(BoardPath(kSiblingVillage));
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(r.json()["code"], "autonomy.public.rate_limited");
    }
  }
  EXPECT_EQ(limited, 1);
}

}  // namespace
}  // namespace jiceng::testing
