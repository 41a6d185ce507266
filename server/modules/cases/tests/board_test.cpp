// The command board over the HTTP API, on a manual clock: its numbers against cases reported,
// dispatched, closed and overdue in the test; the children (drill-down), the department's
// board, scope; the live stream's first event and the next one after a new case.
#include <gtest/gtest.h>

#include "modules/cases/tests/case_test_fixture.hpp"
#include "tests/sse_client.hpp"

namespace jiceng::testing {
namespace {

using namespace std::chrono_literals;

// The count of the item of `array` whose `key` is `value` (-1 when there is none).
std::int64_t CountOf(const Json& array, const std::string& key, const std::string& value,
                     const std::string& field = "count") {
  for (const auto& item : array) {
    if (item.value(key, "") == value) return item[field].get<std::int64_t>();
  }
  return -1;
}

const Json* Child(const Json& board, const std::string& code) {
  for (const auto& c : board["children"]) {
    if (c["code"] == code) return &c;
  }
  return nullptr;
}

class CaseBoardApi : public CaseApiTest {
 protected:
  Json Board(const std::string& user, const std::string& query = "") {
    HttpResponse r = app_->client().Get("/api/v1/case-board" + query, User(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // The first grid under `code` outside `except` (depth first through the org tree).
  std::string GridUnder(const std::string& code, const std::string& except) {
    Json children =
        app_->client().Get("/api/v1/orgs/" + code + "/children?limit=100", User("county")).json();
    for (const auto& c : children["items"]) {
      std::string child = c["code"];
      if (c["level"] == "department" || child.rfind(except, 0) == 0) continue;
      if (c["level"] == "grid") return child;
      std::string grid = GridUnder(child, except);
      if (!grid.empty()) return grid;
    }
    return "";
  }
};

TEST_F(CaseBoardApi, NumbersMatchTheCasesReportedDispatchedAndOverdue) {
  // Last month: a closed on time, b dispatched and never closed (both due 05-29 17:30).
  Start(At("2026-05-28", 9, 0));
  Json a = Dispatch(Report("E0102"));
  Json b = Dispatch(Report("E0102"));
  a = Step("chengguan", a, "accept");
  a = Step("chengguan", a, "resolve", {{"note", "已清运"}});
  a = Step("township", a, "verify");
  a = Step("township", a, "close");

  // Today: c dispatched; d, e and f waiting to be filed (dispatch stage due 09:30).
  SetTime(At("2026-06-10", 9, 0));
  Json c = Dispatch(Report("E0102"));
  Json d = Report("E0102");
  Json e = Report("C0101");
  Json f = Report("E0102", "grid1");
  SetTime(At("2026-06-10", 9, 15));
  Sweep();  // warns d, e and f (15 working minutes left)

  Json board = Board("township");
  EXPECT_EQ(board["org"]["code"], kTownship);
  EXPECT_EQ(board["org"]["level"], "township");
  EXPECT_TRUE(
      board["org"]["parent_code"].is_null());  // the county is not the township user's to open
  EXPECT_EQ(board["today"], "2026-06-10");
  EXPECT_EQ(board["intake_today"]["total"], 4);
  EXPECT_EQ(CountOf(board["intake_today"]["by_channel"], "channel", "api"), 3);
  EXPECT_EQ(CountOf(board["intake_today"]["by_channel"], "channel", "grid_worker"), 1);
  EXPECT_EQ(CountOf(board["intake_today"]["by_channel"], "channel", "hotline"), 0);
  EXPECT_EQ(board["intake_today"]["by_channel"].size(), 5u);
  EXPECT_EQ(board["open"], 5);  // b, c, d, e, f
  EXPECT_EQ(CountOf(board["pipeline"], "status", "reported"), 3);
  EXPECT_EQ(CountOf(board["pipeline"], "status", "dispatched"), 2);
  EXPECT_EQ(CountOf(board["pipeline"], "status", "closed"), -1);  // open statuses only
  EXPECT_EQ(board["overdue"]["count"], 1);
  ASSERT_EQ(board["overdue"]["items"].size(), 1u);
  const Json& late = board["overdue"]["items"][0];
  EXPECT_EQ(late["id"], b["id"]);
  EXPECT_FALSE(late.contains("tracking_code"));  // the reporter's credential, not for staff
  EXPECT_EQ(late["category_name"], "暴露垃圾");
  EXPECT_EQ(late["org_name"], "枫源村第一网格");
  EXPECT_EQ(late["department_code"], kCityManagement);
  EXPECT_EQ(late["stage_due_at"], b["handling_due_at"]);
  EXPECT_EQ(board["due_soon"]["count"], 3);
  std::vector<std::int64_t> soon;
  for (const auto& item : board["due_soon"]["items"]) soon.push_back(item["id"]);
  EXPECT_EQ(soon, (std::vector<std::int64_t>{d["id"], e["id"], f["id"]}));  // same due time: by id
  // This month's categories: E0102 × 3 before C0101 × 1; a and b were last month.
  const Json& top = board["top_categories"]["items"];
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0], (Json{{"code", "E0102"}, {"name", "暴露垃圾"}, {"reported", 3}}));
  EXPECT_EQ(top[1]["code"], "C0101");
  // On-time closure from the counters: last month a of a and b; this month nothing due yet.
  const Json& last = board["on_time_closure"]["last_month"];
  EXPECT_EQ(last["from"], "2026-05-01");
  EXPECT_EQ(last["due"], 2);
  EXPECT_EQ(last["closed_on_time"], 1);
  EXPECT_DOUBLE_EQ(last["rate"].get<double>(), 50.0);
  EXPECT_TRUE(board["on_time_closure"]["this_month"]["rate"].is_null());
  // Children: the villages; every case is in 枫源村.
  const Json* village = Child(board, kVillage);
  ASSERT_NE(village, nullptr);
  EXPECT_EQ((*village)["open"], 5);
  EXPECT_EQ((*village)["overdue"], 1);
  EXPECT_EQ((*village)["intake_today"], 4);
  EXPECT_TRUE((*village)["on_time_closure_rate"].is_null());  // nothing due in June yet
  std::int64_t open_elsewhere = 0;
  for (const auto& child : board["children"]) {
    EXPECT_NE(child["level"], "department");
    if (child["code"] != kVillage) open_elsewhere += child["open"].get<std::int64_t>();
  }
  EXPECT_EQ(open_elsewhere, 0);

  // 09:31: the dispatch stages of d, e and f are past due too; b is still the latest.
  SetTime(At("2026-06-10", 9, 31));
  Sweep();
  board = Board("township");
  EXPECT_EQ(board["overdue"]["count"], 4);
  EXPECT_EQ(board["due_soon"]["count"], 0);
  EXPECT_TRUE(board["due_soon"]["items"].empty());
  std::vector<std::int64_t> order;
  for (const auto& item : board["overdue"]["items"]) order.push_back(item["id"]);
  EXPECT_EQ(order, (std::vector<std::int64_t>{b["id"], d["id"], e["id"], f["id"]}));
  // The list behind the tile says the same.
  HttpResponse list =
      app_->client().Get("/api/v1/cases?overdue=1&org=330681109&limit=200", User("township"));
  EXPECT_EQ(list.json()["items"].size(), 4u);

  // c closed on time: due 06-11, so it counts once that day is in the month so far.
  c = Step("chengguan", c, "accept");
  c = Step("chengguan", c, "resolve", {{"note", "已清运"}});
  c = Step("township", c, "verify");
  c = Step("township", c, "close");
  SetTime(At("2026-06-11", 18, 0));
  board = Board("township");
  EXPECT_EQ(board["on_time_closure"]["this_month"]["due"], 1);
  EXPECT_DOUBLE_EQ(board["on_time_closure"]["this_month"]["rate"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ((*Child(board, kVillage))["on_time_closure_rate"].get<double>(), 100.0);
  EXPECT_EQ(board["intake_today"]["total"], 0);  // a new day
  EXPECT_EQ(board["open"], 4);

  // The county sees the township among its children; drilling down is ?org=.
  Json county = Board("county");
  EXPECT_EQ(county["org"]["code"], "330681");
  EXPECT_EQ(Board("county", "?org=330681109")["org"]["parent_code"], "330681");  // the way back up
  const Json* township = Child(county, kTownship);
  ASSERT_NE(township, nullptr);
  EXPECT_EQ((*township)["open"], 4);
  EXPECT_EQ((*township)["overdue"], 4);
  EXPECT_EQ(Board("county", "?org=330681109290")["open"], 4);
  // The department's board: the cases it handles (b, dispatched to it and never closed).
  Json department = Board("chengguan");
  EXPECT_EQ(department["org"]["code"], kCityManagement);
  EXPECT_EQ(department["open"], 1);
  EXPECT_EQ(CountOf(department["pipeline"], "status", "dispatched"), 1);
  EXPECT_TRUE(department["children"].empty());
}

TEST_F(CaseBoardApi, ScopeAndBadInput) {
  Start(At("2026-06-10", 9, 0));
  Report("E0102");
  std::string other = GridUnder(kTownship, kVillage);
  ASSERT_FALSE(other.empty());
  Report("E0102", "township", other);

  EXPECT_EQ(Board("township")["intake_today"]["total"], 2);
  // The village user sees their village only, and its grids as children.
  Json village = Board("village");
  EXPECT_EQ(village["org"]["code"], kVillage);
  EXPECT_EQ(village["intake_today"]["total"], 1);
  EXPECT_EQ(village["open"], 1);
  EXPECT_TRUE(village["org"]["parent_code"].is_null());  // the township is not theirs to open
  const Json* grid = Child(village, kGrid1);
  ASSERT_NE(grid, nullptr);
  EXPECT_EQ((*grid)["level"], "grid");
  EXPECT_EQ((*grid)["open"], 1);
  // The grid worker's board is their grid.
  EXPECT_EQ(Board("grid1")["org"]["code"], kGrid1);

  for (const char* query : {"?org=330681109", "?org=330681", "?org=999999", "?org=x'--"}) {
    HttpResponse r = app_->client().Get(std::string("/api/v1/case-board") + query, User("village"));
    EXPECT_EQ(r.status, 404) << query;
    EXPECT_EQ(r.json()["code"], "org.not_found") << query;
    SseClient stream(app_->port(), std::string("/api/v1/case-board/stream") + query,
                     {"Authorization: Bearer " + app_->Token("village")});
    EXPECT_EQ(stream.ReadStatus(), 404) << query;
  }
  EXPECT_EQ(app_->client().Get("/api/v1/case-board").status, 401);
  EXPECT_EQ(app_->client().Get("/api/v1/case-board", User("auditor")).status, 403);
  SseClient anonymous(app_->port(), "/api/v1/case-board/stream");
  EXPECT_EQ(anonymous.ReadStatus(), 401);
}

TEST_F(CaseBoardApi, StreamSendsTheBoardAtOnceAndAgainAfterANewCase) {
  Start(At("2026-06-10", 9, 0));
  Report("E0102");
  SseClient stream(app_->port(), "/api/v1/case-board/stream?org=330681109",
                   {"Authorization: Bearer " + app_->Token("township")});
  ASSERT_TRUE(stream.ReadHead());
  ASSERT_EQ(stream.status, 200);
  EXPECT_EQ(stream.headers["content-type"], "text/event-stream; charset=utf-8");
  auto first = stream.Next(3s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->event, "board");
  Json board = Json::parse(first->data);
  EXPECT_EQ(board["intake_today"]["total"], 1);
  EXPECT_EQ(board["org"]["code"], kTownship);

  // A case in another township changes nothing here: no event.
  std::string elsewhere = GridUnder("330681", kTownship);
  ASSERT_FALSE(elsewhere.empty());
  Report("E0102", "county", elsewhere);
  EXPECT_FALSE(stream.Next(3s)) << "an event for a case of another township";

  Json c = Report("C0101", "grid1");
  auto next = stream.Next(6s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->event, "board");
  board = Json::parse(next->data);
  EXPECT_EQ(board["intake_today"]["total"], 2);
  EXPECT_EQ(CountOf(board["intake_today"]["by_channel"], "channel", "grid_worker"), 1);
  EXPECT_GT(std::stoll(next->id), std::stoll(first->id));  // the newest event counted

  // A workflow step is a change too.
  Step("township", c, "file");
  next = stream.Next(6s);
  ASSERT_TRUE(next);
  EXPECT_EQ(CountOf(Json::parse(next->data)["pipeline"], "status", "filed"), 1);
}

}  // namespace
}  // namespace jiceng::testing
