// Houses over HTTP: scope, validation, version conflicts, moving a house with its residents,
// the rental filter and locating a house by its coordinates.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

class HouseApi : public RecordApiTest {};

std::string HousePath(const Json& h) {
  return "/api/v1/houses/" + std::to_string(h["id"].get<std::int64_t>());
}

TEST_F(HouseApi, RegistersAHouseWithAComposedAddress) {
  HttpResponse r = Post("grid1", "/api/v1/houses",
                        {{"org_code", grid1_},
                         {"building", "1"},
                         {"unit", "2"},
                         {"room", "301"},
                         {"use", "residential"},
                         {"rental_status", "rented"},
                         {"owner_name", "张房东"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json h = r.json();
  EXPECT_EQ(h["address"], "1幢2单元301室");
  EXPECT_EQ(h["org_code"], grid1_);
  EXPECT_FALSE(h["org_name"].get<std::string>().empty());
  EXPECT_EQ(h["rental_status"], "rented");
  EXPECT_EQ(h["version"], 1);
  EXPECT_EQ(h["resident_count"], 0);
  EXPECT_TRUE(h["lng"].is_null());

  HttpResponse read = Get("grid1", HousePath(h));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["owner_name"], "张房东");
  EXPECT_TRUE(read.json()["residents"].is_array());
  EXPECT_TRUE(read.json()["households"].is_array());
}

TEST_F(HouseApi, AHouseOfAnotherGridIsNotFound) {
  Json h = NewHouse("grid1", grid1_, "scope-1");
  for (const char* user : {"grid1", "village", "township", "county"}) {
    EXPECT_EQ(Get(user, HousePath(h)).status, 200) << user;
  }
  HttpResponse other = Get("grid2", HousePath(h));
  ASSERT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.json()["code"], "people.house.not_found");
  // Exactly like a house that does not exist.
  HttpResponse absent = Get("grid2", "/api/v1/houses/999999999");
  EXPECT_EQ(absent.status, 404);
  EXPECT_EQ(absent.json()["code"], "people.house.not_found");
  HttpResponse edit = Patch("grid2", HousePath(h), {{"owner_name", "x"}, {"version", 1}});
  EXPECT_EQ(edit.status, 404) << edit.body;
  EXPECT_FALSE(Lists(Get("grid2", "/api/v1/houses?limit=500"), h["id"]));
  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/houses?limit=500"), h["id"]));
  // A department sees nothing of a village's houses.
  EXPECT_EQ(Get("chengguan", HousePath(h)).status, 404);
  // Reading needs people.read, writing people.write.
  EXPECT_EQ(Get("admin", "/api/v1/houses").status, 403);
  EXPECT_EQ(Post("county", "/api/v1/houses", {{"org_code", grid1_}, {"building", "9"}}).status,
            403);
}

TEST_F(HouseApi, ValidationErrorsNameTheirField) {
  struct Case {
    Json body;
    int status;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"building", "1"}}, 422, "people.grid.required", "org_code"},
      {{{"org_code", grid2_}, {"building", "1"}}, 422, "people.grid.not_found", "org_code"},
      {{{"org_code", "330681109290999"}, {"building", "1"}},
       422,
       "people.grid.not_found",
       "org_code"},
      {{{"org_code", kVillage}, {"building", "1"}}, 422, "people.grid.not_found", "org_code"},
      {{{"org_code", grid1_}, {"building", "1"}, {"use", "castle"}},
       422,
       "people.code.unknown",
       "use"},
      {{{"org_code", grid1_}, {"building", "1"}, {"rental_status", "sold"}},
       422,
       "people.code.unknown",
       "rental_status"},
      {{{"org_code", grid1_}}, 422, "people.house.address.required", "building"},
      {{{"org_code", grid1_}, {"building", "1"}, {"floor", 3}},
       422,
       "people.field.unknown",
       "floor"},
      {{{"org_code", grid1_}, {"building", 1}}, 422, "people.field.type", "building"},
      {{{"org_code", grid1_}, {"building", std::string(51, 'x')}},
       422,
       "people.field.too_long",
       "building"},
      {{{"org_code", grid1_}, {"building", "1"}, {"lng", 120.2}},
       422,
       "people.house.location.invalid",
       "lat"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body.dump());
    ExpectProblem(Post("grid1", "/api/v1/houses", c.body), c.status, c.code, c.field);
  }
}

TEST_F(HouseApi, AStaleVersionIsAConflictCarryingTheCurrentHouse) {
  Json h = NewHouse("grid1", grid1_, "conflict-1");
  HttpResponse first = Patch("grid1", HousePath(h), {{"rental_status", "vacant"}, {"version", 1}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["version"], 2);
  EXPECT_EQ(first.json()["rental_status"], "vacant");

  HttpResponse stale = Patch("village", HousePath(h), {{"owner_name", "李四"}, {"version", 1}});
  EXPECT_EQ(ExpectStale(stale, 2)["rental_status"], "vacant");
  EXPECT_EQ(Get("grid1", HousePath(h)).json()["owner_name"], "");

  HttpResponse no_version = Patch("grid1", HousePath(h), {{"owner_name", "李四"}});
  ASSERT_EQ(no_version.status, 422) << no_version.body;
  EXPECT_EQ(no_version.json()["code"], "people.version.required");
}

TEST_F(HouseApi, MovingAHouseMovesItsResidentsAndKeepsTheirHistory) {
  Json h = NewHouse("village", grid1_, "move-1");
  Json resident = NewResident("village", grid1_, "房客甲", {{"house_id", h["id"]}});
  std::string resident_path =
      "/api/v1/residents/" + std::to_string(resident["id"].get<std::int64_t>());
  ASSERT_EQ(Get("grid1", HousePath(h)).json()["resident_count"], 1);
  HttpResponse visit =
      Post("grid1", "/api/v1/visits", {{"house_id", h["id"]}, {"note", "搬迁前走访"}});
  ASSERT_EQ(visit.status, 201) << visit.body;

  HttpResponse moved = Patch("village", HousePath(h), {{"org_code", grid2_}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["org_code"], grid2_);
  EXPECT_EQ(moved.json()["resident_count"], 1);

  // The resident record is the same one, now in grid2, with the move in its history.
  HttpResponse after = Get("village", resident_path);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json()["id"], resident["id"]);
  EXPECT_EQ(after.json()["org_code"], grid2_);
  EXPECT_EQ(after.json()["house_id"], h["id"]);
  EXPECT_EQ(after.json()["version"], resident["version"].get<int>() + 1);
  HttpResponse history = Get("village", resident_path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  bool recorded = false;
  for (const auto& c : history.json()) {
    if (c["field"] == "org_code" && c["old"] == grid1_ && c["new"] == grid2_) recorded = true;
  }
  EXPECT_TRUE(recorded) << history.body;

  // grid1 lost both; grid2 sees both.
  EXPECT_EQ(Get("grid1", HousePath(h)).status, 404);
  EXPECT_EQ(Get("grid1", resident_path).status, 404);
  HttpResponse in_grid2 = Get("grid2", HousePath(h));
  ASSERT_EQ(in_grid2.status, 200) << in_grid2.body;
  ASSERT_EQ(in_grid2.json()["residents"].size(), 1u);
  EXPECT_EQ(in_grid2.json()["residents"][0]["name"], "房客甲");
  EXPECT_EQ(in_grid2.json()["residents"][0]["masked"], true);
  EXPECT_NE(in_grid2.json()["residents"][0]["id_number"].get<std::string>().find("****"),
            std::string::npos);

  // The visit at the house went with it.
  EXPECT_TRUE(Lists(Get("grid2", "/api/v1/visits?limit=500"), visit.json()["id"]));
  EXPECT_FALSE(Lists(Get("grid1", "/api/v1/visits?limit=500"), visit.json()["id"]));

  // A grid worker cannot move a house into a grid outside their scope.
  HttpResponse away = Patch("grid2", HousePath(h), {{"org_code", grid1_}, {"version", 2}});
  ASSERT_EQ(away.status, 422) << away.body;
  EXPECT_EQ(away.json()["code"], "people.grid.not_found");
}

TEST_F(HouseApi, ListsFilterByRentalStatusAndAddressAndPage) {
  Json rented = NewHouse("grid1", grid1_, "rental-A", {{"rental_status", "rented"}});
  Json own = NewHouse("grid1", grid1_, "rental-B");
  HttpResponse r = Get("grid1", "/api/v1/houses?rental_status=rented&limit=500");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Lists(r, rented["id"]));
  EXPECT_FALSE(Lists(r, own["id"]));
  for (const auto& item : Items(r)) EXPECT_EQ(item["rental_status"], "rented");

  HttpResponse q = Get("grid1", "/api/v1/houses?q=rental-&limit=500");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.json()["items"].size(), 2u);
  EXPECT_EQ(Get("grid1", "/api/v1/houses?rental_status=sold").status, 422);

  // Paging walks every house once.
  std::set<std::int64_t> seen;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    HttpResponse p =
        Get("village", "/api/v1/houses?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(p.status, 200) << p.body;
    for (const auto& item : Items(p))
      EXPECT_TRUE(seen.insert(item["id"].get<std::int64_t>()).second);
    if (p.json()["next_cursor"].is_null()) break;
    cursor = p.json()["next_cursor"].get<std::string>();
  }
  EXPECT_TRUE(seen.count(rented["id"].get<std::int64_t>()));
  EXPECT_TRUE(seen.count(own["id"].get<std::int64_t>()));
  EXPECT_EQ(Get("village", "/api/v1/houses?cursor=garbage").status, 400);
  // ?org= narrows the scope; a node outside it lists nothing.
  EXPECT_FALSE(Lists(Get("village", "/api/v1/houses?limit=500&org=" + grid2_), rented["id"]));
  EXPECT_TRUE(Get("grid1", "/api/v1/houses?org=330681001").json()["items"].empty());
}

TEST_F(HouseApi, AHouseWithCoordinatesAndNoGridIsLocated) {
  const Json& ring = grid1_geometry_.at("coordinates").at(0);
  double x = 0, y = 0;
  std::size_t n = ring.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    x += ring[i][0].get<double>();
    y += ring[i][1].get<double>();
  }
  HttpResponse r = Post("grid1", "/api/v1/houses",
                        {{"building", "located"},
                         {"lng", x / static_cast<double>(n)},
                         {"lat", y / static_cast<double>(n)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["org_code"], grid1_);
  EXPECT_TRUE(r.json()["lng"].is_number());

  // A point in no grid: the grid must be chosen.
  HttpResponse nowhere =
      Post("grid1", "/api/v1/houses", {{"building", "sea"}, {"lng", 0.0}, {"lat", 0.0}});
  ASSERT_EQ(nowhere.status, 422) << nowhere.body;
  EXPECT_EQ(nowhere.json()["code"], "people.grid.not_found");
}

TEST_F(HouseApi, WritesAreAudited) {
  Json h = NewHouse("grid1", grid1_, "audited-1");
  ASSERT_EQ(Patch("grid1", HousePath(h), {{"owner_name", "王五"}, {"version", 1}}).status, 200);
  HttpResponse audit = Get("auditor", "/api/v1/audit?action=people.house.&limit=500");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  for (const auto& e : Items(audit)) {
    if (e["target_id"] == std::to_string(h["id"].get<std::int64_t>()))
      actions.insert(e["action"].get<std::string>());
  }
  EXPECT_TRUE(actions.count("people.house.create"));
  EXPECT_TRUE(actions.count("people.house.update"));
}

}  // namespace
}  // namespace jiceng::people::test
