// Visits and patrol logs over HTTP: a visit needs nothing but a note and whom it concerns, and
// every colleague with the grid in scope reads it; patrol logs stay with their author unless
// handed over, and no answer counts or ranks anyone's records.
#include <gtest/gtest.h>

#include <set>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

class VisitApi : public RecordApiTest {
 protected:
  static std::string Id(const Json& j) { return std::to_string(j["id"].get<std::int64_t>()); }
};

TEST_F(VisitApi, AMinimalVisitIsEnoughAndTheVillageSeesIt) {
  Json resident = NewResident("grid1", grid1_, "独居老人甲");
  HttpResponse r = Post("grid1", "/api/v1/visits",
                        {{"resident_id", resident["id"]}, {"note", "身体还好，门锁需修"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json v = r.json();
  EXPECT_EQ(v["org_code"], grid1_);
  EXPECT_EQ(v["resident_id"], resident["id"]);
  EXPECT_EQ(v["resident_name"], "独居老人甲");
  EXPECT_EQ(v["note"], "身体还好，门锁需修");
  EXPECT_EQ(v["place"], "");
  EXPECT_EQ(v["created_by_name"], "王丽");
  EXPECT_TRUE(v["created_by"].is_number_integer());
  EXPECT_EQ(v["visited_at"].get<std::string>().size(), 24u);  // defaults to now, ISO 8601 UTC
  // Nothing about where the worker was.
  for (const char* key : {"lng", "lat", "location", "photo", "position"})
    EXPECT_FALSE(v.contains(key)) << key;

  for (const char* user : {"grid1", "village", "township", "county"}) {
    HttpResponse list = Get(user, "/api/v1/visits?resident_id=" + Id(resident));
    ASSERT_EQ(list.status, 200) << user << list.body;
    EXPECT_TRUE(Lists(list, v["id"])) << user;
  }
  EXPECT_FALSE(Lists(Get("grid2", "/api/v1/visits?limit=500"), v["id"]));
  EXPECT_FALSE(Lists(Get("chengguan", "/api/v1/visits?limit=500"), v["id"]));
  EXPECT_EQ(
      Post("county", "/api/v1/visits", {{"resident_id", resident["id"]}, {"note", "x"}}).status,
      403);
}

TEST_F(VisitApi, AVisitToAMemberShowsOnItsHousehold) {
  Json resident = NewResident("grid1", grid1_, "户内成员乙");
  HttpResponse hh =
      Post("grid1", "/api/v1/households",
           {{"number", "visit-hh-1"}, {"org_code", grid1_}, {"head_id", resident["id"]}});
  ASSERT_EQ(hh.status, 201) << hh.body;
  HttpResponse v =
      Post("grid1", "/api/v1/visits", {{"resident_id", resident["id"]}, {"note", "家中无人"}});
  ASSERT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(v.json()["household_id"], hh.json()["id"]);
  EXPECT_TRUE(
      Lists(Get("village", "/api/v1/visits?household_id=" + Id(hh.json())), v.json()["id"]));

  Json house = NewHouse("grid1", grid1_, "visit-house-1");
  HttpResponse to_house =
      Post("grid1", "/api/v1/visits",
           {{"house_id", house["id"]}, {"note", "出租屋检查"}, {"place", "楼道"}});
  ASSERT_EQ(to_house.status, 201) << to_house.body;
  EXPECT_TRUE(to_house.json()["resident_id"].is_null());
  EXPECT_EQ(to_house.json()["place"], "楼道");
  EXPECT_EQ(to_house.json()["org_code"], grid1_);
}

TEST_F(VisitApi, ValidationErrorsNameTheirField) {
  Json mine = NewResident("grid1", grid1_, "校验丙");
  Json theirs = NewResident("grid2", grid2_, "校验丁");
  struct Case {
    Json body;
    std::string code;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{{"resident_id", mine["id"]}}, "people.visit.note.required", "note"},
           {{{"resident_id", mine["id"]}, {"note", "   "}}, "people.visit.note.required", "note"},
           {{{"resident_id", mine["id"]}, {"note", std::string(2001, 'a')}},
            "people.field.too_long",
            "note"},
           {{{"note", "无对象"}}, "people.visit.subject.required", "resident_id"},
           {{{"resident_id", theirs["id"]}, {"note", "越界"}},
            "people.resident.not_found",
            "resident_id"},
           {{{"household_id", 999999999}, {"note", "x"}},
            "people.household.not_found",
            "household_id"},
           {{{"resident_id", mine["id"]}, {"note", "x"}, {"visited_at", "yesterday"}},
            "people.date.format",
            "visited_at"},
           {{{"resident_id", mine["id"]}, {"note", "x"}, {"visited_at", "2999-01-01T00:00:00Z"}},
            "people.visit.visited_at.future",
            "visited_at"},
           {{{"resident_id", mine["id"]}, {"note", "x"}, {"lat", 29.7}},
            "people.field.unknown",
            "lat"},
       }) {
    SCOPED_TRACE(c.body.dump().substr(0, 200));
    ExpectProblem(Post("grid1", "/api/v1/visits", c.body), 422, c.code, c.field);
  }
  // 2000 characters (not bytes) are fine.
  std::string long_note;
  for (int i = 0; i < 2000; ++i) long_note += "字";
  EXPECT_EQ(
      Post("grid1", "/api/v1/visits", {{"resident_id", mine["id"]}, {"note", long_note}}).status,
      201);
}

TEST_F(VisitApi, ListsNewestVisitFirstWithCursorPaging) {
  Json resident = NewResident("grid1", grid1_, "排序戊");
  auto add = [&](const std::string& at, const std::string& note) {
    HttpResponse r = Post("grid1", "/api/v1/visits",
                          {{"resident_id", resident["id"]}, {"note", note}, {"visited_at", at}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  };
  Json middle = add("2026-03-02T09:00:00+08:00", "second");
  Json oldest = add("2026-03-01", "first");
  Json newest = add("2026-03-03T01:00:00Z", "third");
  EXPECT_EQ(middle["visited_at"], "2026-03-02T01:00:00.000Z");

  std::vector<std::string> notes;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    HttpResponse r = Get("village", "/api/v1/visits?limit=1&resident_id=" + Id(resident) +
                                        (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& item : Items(r)) notes.push_back(item["note"].get<std::string>());
    if (r.json()["next_cursor"].is_null()) break;
    cursor = r.json()["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(notes, (std::vector<std::string>{"third", "second", "first"}));
  HttpResponse audit = Get("auditor", "/api/v1/audit?action=people.visit.create&limit=500");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> targets;
  for (const auto& e : Items(audit)) targets.insert(e["target_id"].get<std::string>());
  EXPECT_TRUE(targets.count(Id(newest)));
  EXPECT_TRUE(targets.count(Id(oldest)));
}

TEST_F(VisitApi, PatrolLogsStayWithTheirAuthorUnlessHandedOver) {
  HttpResponse own = Post("grid1", "/api/v1/patrol-logs", {{"note", "巡查河道，无异常"}});
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.json()["handover"], false);
  EXPECT_EQ(own.json()["org_code"], grid1_);  // the worker's grid when none is given
  EXPECT_EQ(own.json()["created_by_name"], "王丽");
  HttpResponse shared =
      Post("grid1", "/api/v1/patrol-logs",
           {{"note", "桥下堆物，请接班同事跟进"}, {"handover", true}, {"org_code", grid1_}});
  ASSERT_EQ(shared.status, 201) << shared.body;
  EXPECT_EQ(shared.json()["handover"], true);

  HttpResponse mine = Get("grid1", "/api/v1/patrol-logs");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_TRUE(Lists(mine, own.json()["id"]));
  EXPECT_TRUE(Lists(mine, shared.json()["id"]));
  EXPECT_EQ(mine.json()["items"][0]["id"], shared.json()["id"]);  // newest first

  HttpResponse village = Get("village", "/api/v1/patrol-logs");
  ASSERT_EQ(village.status, 200) << village.body;
  EXPECT_TRUE(Lists(village, shared.json()["id"]));
  EXPECT_FALSE(Lists(village, own.json()["id"]));

  HttpResponse other = Get("grid2", "/api/v1/patrol-logs");
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_FALSE(Lists(other, shared.json()["id"]));
  EXPECT_FALSE(Lists(other, own.json()["id"]));

  // Reading takes people.read (security issue 12, finding 8): a hotline operator, who has a
  // login but not that permission, is refused; only people.write may write.
  EXPECT_EQ(Get("chengguan", "/api/v1/patrol-logs").status, 200);
  HttpResponse operator_read = Get("hotline", "/api/v1/patrol-logs");
  EXPECT_EQ(operator_read.status, 403) << operator_read.body;
  EXPECT_EQ(operator_read.json()["code"], "auth.forbidden");
  EXPECT_EQ(operator_read.body.find("桥下堆物"), std::string::npos);
  EXPECT_EQ(Post("county", "/api/v1/patrol-logs", {{"note", "x"}}).status, 403);

  // No counts, totals or rankings per worker: a list is items and a cursor, nothing more.
  std::set<std::string> keys;
  Json village_page = village.json();
  for (const auto& [k, v] : village_page.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"items", "next_cursor"}));

  HttpResponse outside =
      Post("grid1", "/api/v1/patrol-logs", {{"note", "x"}, {"org_code", grid2_}});
  ASSERT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(outside.json()["code"], "people.org.not_found");
  HttpResponse empty = Post("grid1", "/api/v1/patrol-logs", {{"note", ""}});
  ASSERT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(empty.json()["code"], "people.patrol.note.required");
  HttpResponse bad_flag =
      Post("grid1", "/api/v1/patrol-logs", {{"note", "x"}, {"handover", "yes"}});
  ASSERT_EQ(bad_flag.status, 422) << bad_flag.body;
  EXPECT_EQ(bad_flag.json()["field"], "handover");
}

}  // namespace
}  // namespace jiceng::people::test
