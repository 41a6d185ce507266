// Units over HTTP: the unified social credit code (format, check character, uniqueness), the
// contact phone normalized, encrypted at rest and masked, version conflicts and scope.
#include <gtest/gtest.h>

#include <map>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

// 阿里巴巴（中国）有限公司: a real code with a valid check character.
constexpr const char* kValidCode = "91330100716105852F";
// The same with the check character changed.
constexpr const char* kCorruptedCode = "91330100716105852A";

class UnitApi : public RecordApiTest {
 protected:
  static std::string Path(const Json& u) {
    return "/api/v1/units/" + std::to_string(u["id"].get<std::int64_t>());
  }
};

TEST_F(UnitApi, RegistersAUnitWithACheckedCodeAndAMaskedPhone) {
  HttpResponse r = Post("grid1", "/api/v1/units",
                        {{"org_code", grid1_},
                         {"name", "枫源茶厂"},
                         {"credit_code", "91330100716105852f"},  // lower case is accepted
                         {"kind", "enterprise"},
                         {"contact_name", "陈经理"},
                         {"contact_phone", "138 1234 5678"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json u = r.json();
  EXPECT_EQ(u["credit_code"], kValidCode);
  EXPECT_EQ(u["contact_phone"], "138****5678");
  EXPECT_EQ(u["org_code"], grid1_);
  EXPECT_EQ(u["version"], 1);
  HttpResponse read = Get("village", Path(u));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["contact_phone"], "138****5678");
  EXPECT_EQ(read.body.find("13812345678"), std::string::npos);
  for (const auto& item : Items(Get("village", "/api/v1/units?limit=500"))) {
    EXPECT_EQ(item["contact_phone"].get<std::string>().find("1234"), std::string::npos)
        << item.dump();
  }

  // Encrypted at rest: the clear number is nowhere in the row.
  auto rows = app_->app().context().db.Query(
      "SELECT contact_phone_enc FROM people_units WHERE id = $1", {u["id"].get<std::int64_t>()});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  std::string stored = (*rows)[0].Text(0);
  EXPECT_FALSE(stored.empty());
  EXPECT_EQ(stored.find("13812345678"), std::string::npos);

  HttpResponse duplicate =
      Post("village", "/api/v1/units",
           {{"org_code", grid2_}, {"name", "另一家"}, {"credit_code", kValidCode}});
  ASSERT_EQ(duplicate.status, 409) << duplicate.body;
  EXPECT_EQ(duplicate.json()["code"], "people.unit.duplicate");
}

TEST_F(UnitApi, ValidationErrorsNameTheirField) {
  struct Case {
    Json body;
    std::string code;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{{"org_code", grid1_}, {"name", "甲"}, {"credit_code", kCorruptedCode}},
            "people.credit_code.check_digit",
            "credit_code"},
           {{{"org_code", grid1_}, {"name", "乙"}, {"credit_code", "12345"}},
            "people.credit_code.format",
            "credit_code"},
           {{{"org_code", grid1_}, {"name", "丙"}, {"credit_code", "91330100716105852I"}},
            "people.credit_code.format",
            "credit_code"},
           {{{"org_code", grid1_}, {"name", "丁"}, {"contact_phone", "12345"}},
            "people.phone.format",
            "contact_phone"},
           {{{"org_code", grid1_}, {"name", ""}}, "people.name.required", "name"},
           {{{"org_code", grid1_}, {"name", "戊"}, {"kind", "club"}},
            "people.code.unknown",
            "kind"},
           {{{"org_code", grid2_}, {"name", "己"}}, "people.grid.not_found", "org_code"},
           {{{"name", "庚"}}, "people.grid.required", "org_code"},
       }) {
    SCOPED_TRACE(c.body.dump());
    ExpectProblem(Post("grid1", "/api/v1/units", c.body), 422, c.code, c.field);
  }
}

TEST_F(UnitApi, EditsWithAVersionAndRecordsChangesMasked) {
  Json u = Post("grid1", "/api/v1/units",
                {{"org_code", grid1_}, {"name", "枫源书社"}, {"kind", "social_org"}})
               .json();
  ASSERT_TRUE(u.contains("id")) << u.dump();
  HttpResponse edit =
      Patch("grid1", Path(u),
            {{"contact_phone", "13900001111"}, {"address", "枫源村1号"}, {"version", 1}});
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(edit.json()["version"], 2);
  EXPECT_EQ(edit.json()["contact_phone"], "139****1111");

  HttpResponse stale = Patch("village", Path(u), {{"name", "别名"}, {"version", 1}});
  EXPECT_EQ(ExpectStale(stale, 2)["contact_phone"], "139****1111");

  auto rows = app_->app().context().db.Query(
      "SELECT field, old_value, new_value FROM people_changes WHERE entity = 'unit' AND entity_id "
      "= $1 ORDER BY id",
      {u["id"].get<std::int64_t>()});
  ASSERT_TRUE(rows.ok());
  std::map<std::string, std::string> changed;
  for (std::size_t i = 0; i < rows->size(); ++i) changed[(*rows)[i].Text(0)] = (*rows)[i].Text(2);
  EXPECT_EQ(changed["contact_phone"], "139****1111");
  EXPECT_EQ(changed["address"], "枫源村1号");

  HttpResponse bad_code =
      Patch("grid1", Path(u), {{"credit_code", kCorruptedCode}, {"version", 2}});
  ASSERT_EQ(bad_code.status, 422) << bad_code.body;
  EXPECT_EQ(bad_code.json()["code"], "people.credit_code.check_digit");
}

TEST_F(UnitApi, ScopeAndSearch) {
  Json u = Post("grid1", "/api/v1/units",
                {{"org_code", grid1_},
                 {"name", "枫源五金店"},
                 {"kind", "individual_business"},
                 {"credit_code", "9144030071526726XG"}})
               .json();
  ASSERT_TRUE(u.contains("id")) << u.dump();
  HttpResponse other = Get("grid2", Path(u));
  ASSERT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.json()["code"], "people.unit.not_found");
  EXPECT_EQ(Patch("grid2", Path(u), {{"name", "x"}, {"version", 1}}).status, 404);
  EXPECT_FALSE(Lists(Get("grid2", "/api/v1/units?limit=500"), u["id"]));

  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/units?q=%E4%BA%94%E9%87%91"), u["id"]));  // 五金
  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/units?q=9144030071"), u["id"]));          // code prefix
  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/units?kind=individual_business"), u["id"]));
  EXPECT_FALSE(Lists(Get("grid1", "/api/v1/units?kind=school"), u["id"]));
  EXPECT_EQ(Get("grid1", "/api/v1/units?kind=club").status, 422);
}

}  // namespace
}  // namespace jiceng::people::test
