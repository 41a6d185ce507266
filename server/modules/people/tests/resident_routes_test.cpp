// Residents through the public HTTP API: validation codes, duplicates, masking and audited
// reveals, optimistic locking, history, search and scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "core/audit/audit_log.hpp"
#include "core/tabular/table_reader.hpp"
#include "core/text/id_number.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::people {
namespace {

using testing::kGrid1;
using testing::kGrid2;

using testing::As;
using testing::HttpResponse;
using testing::Json;
using testing::SharedAppTest;

// A valid ID number from its first 17 characters.
std::string Id(const std::string& first17) { return first17 + core::text::IdCheckChar(first17); }

class ResidentRoutesTest : public SharedAppTest {
 protected:
  HttpResponse Create(const std::string& user, const Json& body) {
    return app_->client().Post("/api/v1/residents", body, User(user));
  }
  HttpResponse Get(const std::string& user, const std::string& target) {
    return app_->client().Get(target, User(user));
  }
  HttpResponse Patch(const std::string& user, std::int64_t id, const Json& body) {
    return app_->client().Send("PATCH", "/api/v1/residents/" + std::to_string(id), body.dump(),
                               User(user));
  }
  // Names in the items of a list answer.
  std::vector<std::string> Names(const HttpResponse& r) {
    std::vector<std::string> out;
    Json body = r.json();  // kept alive: a range-for over r.json()["items"] would dangle
    for (const auto& item : body["items"]) out.push_back(item["name"].get<std::string>());
    return out;
  }
};

TEST_F(ResidentRoutesTest, RegistersWithBirthDateAndGenderFromTheIdNumberAndMasksIt) {
  std::string id = Id("33068119500302123");  // sequence 123: odd, male
  auto r = Create("grid1", {{"name", "楼正阳"},
                            {"org_code", kGrid1},
                            {"id_number", id},
                            {"phone", "138 1234 5678"},
                            {"current_address", "诸暨市枫桥镇枫源村12号"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json j = r.json();
  EXPECT_TRUE(j["birth_date"].is_null());  // it would undo the mask: the age stands in
  EXPECT_GE(j["age"].get<int>(), 76);
  EXPECT_EQ(j["gender"], "male");
  EXPECT_EQ(j["id_number"], "330681********" + id.substr(14));
  EXPECT_EQ(j["phone"], "138****5678");
  EXPECT_EQ(j["masked"], true);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(r.body.find(id), std::string::npos);
}

TEST_F(ResidentRoutesTest, InvalidIdNumbersAnswer422WithSpecificCodes) {
  struct Case {
    std::string id;
    std::string code;
  } cases[] = {{"110105194912310021", "people.id_number.check_digit"},
               {"110105194902310026", "people.id_number.birth_date"},
               {"12345", "people.id_number.format"},
               {Id("99999919800101123"), "people.id_number.address_code"}};
  for (const auto& c : cases) {
    auto r = Create("grid1", {{"name", "测试"}, {"org_code", kGrid1}, {"id_number", c.id}});
    EXPECT_EQ(r.status, 422) << c.id;
    EXPECT_EQ(r.json()["code"], c.code) << c.id << " " << r.body;
    EXPECT_EQ(r.Header("content-type").rfind("application/problem+json", 0), 0u);
  }
  auto mismatch = Create("grid1", {{"name", "测试"},
                                   {"org_code", kGrid1},
                                   {"id_number", Id("33068119800101123")},
                                   {"birth_date", "1980-01-02"}});
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_EQ(mismatch.json()["code"], "people.id_number.birth_date_mismatch");
  auto gender = Create("grid1", {{"name", "测试"},
                                 {"org_code", kGrid1},
                                 {"id_number", Id("33068119800101123")},
                                 {"gender", "female"}});
  EXPECT_EQ(gender.json()["code"], "people.id_number.gender_mismatch");
  // English clients get an English title for the same code.
  auto english_options = As(app_->Token("grid1"));
  english_options.headers.push_back({"Accept-Language", "en"});
  auto english = app_->client().Post(
      "/api/v1/residents",
      Json{{"name", "测试"}, {"org_code", kGrid1}, {"id_number", "110105194912310021"}},
      english_options);
  EXPECT_EQ(english.json()["code"], "people.id_number.check_digit");
  EXPECT_EQ(english.json()["title"], "Wrong check character in the ID number");
  auto phone = Create("grid1", {{"name", "测试"},
                                {"org_code", kGrid1},
                                {"id_number", Id("33068119800101133")},
                                {"phone", "12345"}});
  EXPECT_EQ(phone.json()["code"], "people.phone.format");
  // Nothing half-written: the valid ID numbers of the refused requests are still free.
  auto ok = Create(
      "grid1", {{"name", "测试"}, {"org_code", kGrid1}, {"id_number", Id("33068119800101123")}});
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_F(ResidentRoutesTest, LegacyFifteenDigitNumbersAreFlagged) {
  auto r =
      Create("grid1", {{"name", "老号码"}, {"org_code", kGrid1}, {"id_number", "330681500101123"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["id_legacy"], true);
  EXPECT_EQ(r.json()["id_type"], "resident_id_legacy");
  HttpResponse full =
      Get("grid1", "/api/v1/residents/" + std::to_string(r.json()["id"].get<int>()) +
                       "?purpose=%E6%A0%B8%E5%AF%B9");  // 核对
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(full.json()["birth_date"], "1950-01-01");
}

// An answer as text: an xlsx file's cells joined, anything else as it is.
std::string Readable(const std::string& body) {
  if (body.rfind("PK", 0) != 0) return body;
  const std::string path = jiceng::testing::TempDir() + "/answer.xlsx";
  std::ofstream(path, std::ios::binary) << body;
  std::string text;
  auto read = core::tabular::ReadTable(path, [&](std::size_t, const core::tabular::Row& row) {
    for (const auto& cell : row) text += cell + "\t";
    text += "\n";
    return true;
  });
  EXPECT_TRUE(read.ok());
  EXPECT_FALSE(text.empty());
  return text;
}

// The mask stars digits 7-14 of the ID number, which are the birth date: no masked answer
// (detail, list, ledger, export, history) may carry the date in any form, while an unmasked,
// audited read does.
TEST_F(ResidentRoutesTest, NoMaskedAnswerRebuildsTheIdNumber) {
  const std::string first17 = "33068119380917052";
  std::string id = Id(first17);
  auto r = Create("grid1", {{"name", "金守田"}, {"org_code", kGrid1}, {"id_number", id}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/v1/residents/" + std::to_string(r.json()["id"].get<int>());
  // A correction of the number (and so of the birth date) must not show in the history.
  const std::string corrected = Id("33068119380918052");
  HttpResponse fixed = Patch("grid1", r.json()["id"], {{"version", 1}, {"id_number", corrected}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  auto leaks = [&](const std::string& body) {
    for (const char* form : {"1938-09-17", "19380917", "1938/09/17", "1938年9月17日", "1938-09-18",
                             "19380918", "1938/09/18", "1938年9月18日"})
      if (body.find(form) != std::string::npos) return std::string(form);
    for (const std::string& number : {id, corrected})
      if (body.find(number) != std::string::npos) return number;
    return std::string();
  };
  for (const std::string& target :
       {path, std::string("/api/v1/residents?q=%E9%87%91%E5%AE%88%E7%94%B0"),
        std::string("/api/v1/ledgers/civil_affairs.over_80?limit=500"), path + "/history",
        std::string("/api/v1/residents/export.xlsx?q=%E9%87%91%E5%AE%88%E7%94%B0"),
        std::string("/api/v1/ledgers/civil_affairs.over_80/export.xlsx")}) {
    HttpResponse got = Get("village", target);
    ASSERT_EQ(got.status, 200) << target << " " << got.body;
    EXPECT_EQ(leaks(Readable(got.body)), "") << target;
  }
  // The age stays, so ledgers that select by age still work.
  HttpResponse ledger = Get("village", "/api/v1/ledgers/civil_affairs.over_80?limit=500");
  EXPECT_NE(ledger.body.find("金守田"), std::string::npos);
  // With a purpose (people.sensitive.read, audited) the date is shown.
  HttpResponse full = Get("village", path + "?purpose=%E6%A0%B8%E5%AF%B9");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(full.json()["birth_date"], "1938-09-18");
}

TEST_F(ResidentRoutesTest, DuplicatesPointAtTheRecordOnlyInsideTheScope) {
  std::string id = Id("33068119700505224");
  auto first = Create("grid1", {{"name", "宣丽"}, {"org_code", kGrid1}, {"id_number", id}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = Create("grid1", {{"name", "宣丽"}, {"org_code", kGrid1}, {"id_number", id}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"], "people.resident.duplicate");
  EXPECT_NE(
      again.json()["detail"].get<std::string>().find(std::to_string(first.json()["id"].get<int>())),
      std::string::npos);
  auto elsewhere = Create("grid2", {{"name", "宣丽"}, {"org_code", kGrid2}, {"id_number", id}});
  EXPECT_EQ(elsewhere.status, 409);
  EXPECT_EQ(elsewhere.json()["code"], "people.resident.registered_elsewhere");
  EXPECT_EQ(elsewhere.body.find(kGrid1), std::string::npos);
  EXPECT_EQ(elsewhere.body.find("existing_id"), std::string::npos);
}

TEST_F(ResidentRoutesTest, RevealNeedsThePermissionAndAPurposeAndIsAudited) {
  std::string id = Id("33068119600707345");
  auto r = Create(
      "grid1",
      {{"name", "寿国强"}, {"org_code", kGrid1}, {"id_number", id}, {"phone", "13912345678"}});
  ASSERT_EQ(r.status, 201);
  std::string path = "/api/v1/residents/" + std::to_string(r.json()["id"].get<int>());
  EXPECT_EQ(Get("village", path).json()["id_number"], "330681********" + id.substr(14));
  auto revealed = Get(
      "village",
      path + "?purpose=%E4%BD%8F%E6%88%BF%E8%A1%A5%E8%B4%B4%E6%A0%B8%E5%AF%B9");  // 住房补贴核对
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.json()["id_number"], id);
  EXPECT_EQ(revealed.json()["phone"], "13912345678");
  EXPECT_EQ(revealed.json()["masked"], false);
  EXPECT_EQ(Get("village", path + "?purpose=x").json()["code"], "people.purpose.invalid");
  // County staff read residents but may not unmask them.
  EXPECT_EQ(Get("county", path + "?purpose=%E6%A0%B8%E5%AF%B9").status, 403);
  // The audit admin finds the reveal with its purpose.
  auto audit = Get("auditor", "/api/v1/audit?action=people.resident.reveal");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("住房补贴核对"), std::string::npos) << audit.body;
}

TEST_F(ResidentRoutesTest, EditsNeedTheCurrentVersionAndKeepHistory) {
  auto r = Create("grid1", {{"name", "骆文"},
                            {"org_code", kGrid1},
                            {"id_number", Id("33068119850808456")},
                            {"phone", "13700001111"}});
  ASSERT_EQ(r.status, 201);
  std::int64_t id = r.json()["id"];
  auto edited =
      Patch("grid1", id, {{"version", 1}, {"phone", "13700002222"}, {"occupation", "教师"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["version"], 2);
  auto stale = Patch("village", id, {{"version", 1}, {"occupation", "医生"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["code"], "people.version_conflict");
  EXPECT_EQ(stale.json()["current"]["occupation"], "教师");
  EXPECT_EQ(stale.json()["current"]["version"], 2);
  auto missing = Patch("grid1", id, {{"occupation", "医生"}});
  EXPECT_EQ(missing.json()["code"], "people.version.required");
  // Moving to another grid keeps the record and its history.
  auto moved = Patch("village", id, {{"version", 2}, {"org_code", kGrid2}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto history = Get("village", "/api/v1/residents/" + std::to_string(id) + "/history").json();
  ASSERT_GE(history.size(), 3u);
  std::map<std::string, Json> by_field;
  for (const auto& h : history) by_field[h["field"]] = h;
  EXPECT_EQ(by_field["phone"]["old"], "137****1111");
  EXPECT_EQ(by_field["phone"]["new"], "137****2222");
  EXPECT_EQ(by_field["occupation"]["new"], "教师");
  EXPECT_EQ(by_field["org_code"]["old"], kGrid1);
  EXPECT_EQ(by_field["org_code"]["actor"], "village");
  // grid1 no longer sees them; grid2 does.
  EXPECT_EQ(Get("grid1", "/api/v1/residents/" + std::to_string(id)).status, 404);
  EXPECT_EQ(Get("grid2", "/api/v1/residents/" + std::to_string(id)).status, 200);
}

TEST_F(ResidentRoutesTest, SearchByNamePinyinNumberTailsAndAddressWithinScope) {
  std::string id = Id("33068119550909667");
  auto r = Create("grid1", {{"name", "单长青"},
                            {"org_code", kGrid1},
                            {"id_number", id},
                            {"phone", "15857501234"},
                            {"current_address", "诸暨市枫桥镇枫源村荷花弄7号"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto names = [&](const std::string& user, const std::string& q) {
    return Names(Get(user, "/api/v1/residents?q=" + q));
  };
  auto has = [](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), "单长青") != v.end();
  };
  EXPECT_TRUE(has(names("grid1", "%E5%8D%95")));                    // 单 (1 character)
  EXPECT_TRUE(has(names("grid1", "%E9%95%BF%E9%9D%92")));           // 长青 (2 characters)
  EXPECT_TRUE(has(names("grid1", "%E5%8D%95%E9%95%BF%E9%9D%92")));  // 单长青
  EXPECT_TRUE(has(names("grid1", "shanchangqing")));
  EXPECT_TRUE(has(names("grid1", "shanzhang")));  // 长 read zhang is indexed too
  EXPECT_TRUE(has(names("grid1", "scq")));
  EXPECT_TRUE(has(names("grid1", id.substr(12))));                  // last 6 of the ID
  EXPECT_TRUE(has(names("grid1", id.substr(14))));                  // last 4
  EXPECT_TRUE(has(names("grid1", "1234")));                         // phone tail
  EXPECT_TRUE(has(names("grid1", id)));                             // the whole number
  EXPECT_TRUE(has(names("grid1", "%E8%8D%B7%E8%8A%B1%E5%BC%84")));  // 荷花弄 in the address
  EXPECT_FALSE(has(names("grid1", "%E7%8E%8B")));                   // 王
  EXPECT_FALSE(has(names("grid2", "shanchangqing")));               // another grid's worker
  EXPECT_TRUE(has(names("village", "shanchangqing")));
}

TEST_F(ResidentRoutesTest, TagsFollowTheirPermissions) {
  auto r =
      Create("village",
             {{"name", "斯美华"}, {"org_code", kGrid1}, {"id_number", Id("33068119400101228")}});
  ASSERT_EQ(r.status, 201);
  std::string path = "/api/v1/residents/" + std::to_string(r.json()["id"].get<int>());
  auto care = app_->client().Post(
      path + "/tags",
      Json{{"kind", "elderly_alone"}, {"source", "走访"}, {"start_date", "2020-01-01"}},
      As(app_->Token("grid1")));
  EXPECT_EQ(care.status, 201) << care.body;
  auto watched_by_worker = app_->client().Post(
      path + "/tags", Json{{"kind", "community_correction"}}, As(app_->Token("grid1")));
  EXPECT_EQ(watched_by_worker.status, 403);
  auto watched =
      app_->client().Post(path + "/tags", Json{{"kind", "community_correction"}}, User("village"));
  ASSERT_EQ(watched.status, 201) << watched.body;
  auto kinds = [&](const std::string& user) {
    std::set<std::string> out;
    Json resident = Get(user, path).json();
    for (const auto& t : resident["tags"]) out.insert(t["kind"].get<std::string>());
    return out;
  };
  EXPECT_EQ(kinds("village"), (std::set<std::string>{"elderly_alone", "community_correction"}));
  EXPECT_EQ(kinds("grid1"), (std::set<std::string>{"elderly_alone"}));
  // Lists carry the tags too, filtered the same way.
  Json listed_tags =
      Get("grid1", "/api/v1/residents?q=%E6%96%AF%E7%BE%8E%E5%8D%8E").json();  // 斯美华
  ASSERT_EQ(listed_tags["items"].size(), 1u);
  ASSERT_EQ(listed_tags["items"][0]["tags"].size(), 1u);
  EXPECT_EQ(listed_tags["items"][0]["tags"][0]["kind"], "elderly_alone");
  EXPECT_EQ(Get("grid1", "/api/v1/residents?tag=community_correction").status, 403);
  // Ending a tag takes the resident out of the tag's list.
  std::int64_t tag_id = care.json()["id"];
  auto ended =
      app_->client().Send("PATCH", "/api/v1/resident-tags/" + std::to_string(tag_id),
                          Json{{"end_date", "2026-01-01"}}.dump(), As(app_->Token("grid1")));
  EXPECT_EQ(ended.status, 200) << ended.body;
  auto listed = Names(Get("grid1", "/api/v1/residents?tag=elderly_alone"));
  EXPECT_EQ(std::find(listed.begin(), listed.end(), "斯美华"), listed.end());
}

TEST_F(ResidentRoutesTest, NumbersAreEncryptedAtRest) {
  std::string id = Id("33068119911111789");
  auto r =
      Create("grid1",
             {{"name", "俞静"}, {"org_code", kGrid1}, {"id_number", id}, {"phone", "18605751234"}});
  ASSERT_EQ(r.status, 201);
  auto rows = app_->app().context().db.Query(
      "SELECT id_number_enc, phone_enc, id_number_index FROM people_residents WHERE id = $1",
      {r.json()["id"].get<std::int64_t>()});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  std::string stored = (*rows)[0].Text(0) + (*rows)[0].Text(1) + (*rows)[0].Text(2);
  EXPECT_EQ(stored.find(id), std::string::npos);
  EXPECT_EQ(stored.find("18605751234"), std::string::npos);
  EXPECT_EQ(stored.find(id.substr(10)), std::string::npos);
}

TEST_F(ResidentRoutesTest, ListsPageWithACursor) {
  for (int i = 0; i < 5; ++i) {
    auto r = Create(
        "grid2",
        {{"name", "翁" + std::to_string(i)},
         {"org_code", kGrid2},
         {"id_number", Id("3306811990020" + std::to_string(1000 + i * 2 + 1).substr(0, 4))}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page =
        Get("grid2", "/api/v1/residents?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    Json body = page.json();
    for (const auto& item : body["items"])
      EXPECT_TRUE(seen.insert(item["id"].get<std::int64_t>()).second);
    cursor =
        page.json()["next_cursor"].is_null() ? "" : page.json()["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 20);
  EXPECT_GE(seen.size(), 5u);
  auto bad = Get("grid2", "/api/v1/residents?cursor=bad");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["code"], "http.bad_cursor");
}

}  // namespace
}  // namespace jiceng::people
