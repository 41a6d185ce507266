// Households over HTTP: registration and duplicates, the single-head rule, members moved in and
// out through the resident record (version and history), scope and search.
#include <gtest/gtest.h>

#include <set>

#include "modules/people/tests/record_test_fixture.hpp"

namespace jiceng::people::test {
namespace {

class HouseholdApi : public RecordApiTest {
 protected:
  static Json NewHousehold(const std::string& user, const Json& body) {
    HttpResponse r = Post(user, "/api/v1/households", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static std::string Path(const Json& hh) {
    return "/api/v1/households/" + std::to_string(hh["id"].get<std::int64_t>());
  }
  static std::string MemberPath(const Json& hh, const Json& resident) {
    return Path(hh) + "/members/" + std::to_string(resident["id"].get<std::int64_t>());
  }
  static std::string ResidentPath(const Json& resident) {
    return "/api/v1/residents/" + std::to_string(resident["id"].get<std::int64_t>());
  }
};

// Security issue 12, finding 8: a resident is linked only to a household and a house that exist
// and lie in the caller's scope; one in another grid is answered exactly as one that does not
// exist, so the answer tells nothing about other grids.
TEST_F(HouseholdApi, AResidentIsLinkedOnlyToHouseholdsAndHousesInTheCallersScope) {
  Json other_house = NewHouse("grid2", grid2_, "link-house-2");
  Json other_household = NewHousehold("grid2", {{"number", "330681-L002"}, {"org_code", grid2_}});
  Json own_house = NewHouse("grid1", grid1_, "link-house-1");
  Json own_household = NewHousehold("grid1", {{"number", "330681-L001"}, {"org_code", grid1_}});
  const std::int64_t missing = 999999999;
  auto body = [&](const Json& extra) {
    Json b = {
        {"org_code", grid1_}, {"name", "链接测试"}, {"id_number", MakeIdNumber("19700101", 7)}};
    for (const auto& [k, v] : extra.items()) b[k] = v;
    return b;
  };
  HttpResponse unknown_household =
      Post("grid1", "/api/v1/residents", body({{"household_id", missing}}));
  ExpectProblem(unknown_household, 422, "people.household.not_found", "household_id");
  HttpResponse foreign_household =
      Post("grid1", "/api/v1/residents", body({{"household_id", other_household["id"]}}));
  ExpectProblem(foreign_household, 422, "people.household.not_found", "household_id");
  EXPECT_EQ(foreign_household.json()["title"], unknown_household.json()["title"]);
  HttpResponse unknown_house = Post("grid1", "/api/v1/residents", body({{"house_id", missing}}));
  ExpectProblem(unknown_house, 422, "people.house.not_found", "house_id");
  HttpResponse foreign_house =
      Post("grid1", "/api/v1/residents", body({{"house_id", other_house["id"]}}));
  ExpectProblem(foreign_house, 422, "people.house.not_found", "house_id");
  EXPECT_EQ(foreign_house.json()["title"], unknown_house.json()["title"]);
  // Nothing was registered by the refused requests.
  EXPECT_EQ(Get("grid2", Path(other_household)).json()["member_count"], 0);

  // In scope: registered with both links; an edit cannot move the links out of scope either.
  HttpResponse created =
      Post("grid1", "/api/v1/residents",
           body({{"household_id", own_household["id"]}, {"house_id", own_house["id"]}}));
  ASSERT_EQ(created.status, 201) << created.body;
  Json resident = created.json();
  EXPECT_EQ(resident["household_id"], own_household["id"]);
  EXPECT_EQ(resident["house_id"], own_house["id"]);
  ExpectProblem(Patch("grid1", ResidentPath(resident),
                      {{"version", resident["version"]}, {"household_id", other_household["id"]}}),
                422, "people.household.not_found", "household_id");
  ExpectProblem(Patch("grid1", ResidentPath(resident),
                      {{"version", resident["version"]}, {"house_id", other_house["id"]}}),
                422, "people.house.not_found", "house_id");
  Json now = Get("grid1", ResidentPath(resident)).json();
  EXPECT_EQ(now["household_id"], own_household["id"]);
  EXPECT_EQ(now["house_id"], own_house["id"]);
  // Unlinking and an edit that leaves the links as they are stay possible.
  HttpResponse renamed =
      Patch("grid1", ResidentPath(resident), {{"version", now["version"]}, {"name", "链接测试二"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  HttpResponse unlinked = Patch("grid1", ResidentPath(resident),
                                {{"version", renamed.json()["version"]}, {"house_id", nullptr}});
  ASSERT_EQ(unlinked.status, 200) << unlinked.body;
  EXPECT_TRUE(unlinked.json()["house_id"].is_null());
}

TEST_F(HouseholdApi, RegistersAHouseholdInItsHousesGridAndRefusesADuplicateNumber) {
  Json house = NewHouse("grid1", grid1_, "hh-house-1");
  HttpResponse r =
      Post("grid1", "/api/v1/households", {{"number", "330681-0001"}, {"house_id", house["id"]}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json hh = r.json();
  EXPECT_EQ(hh["org_code"], grid1_);
  EXPECT_EQ(hh["house_id"], house["id"]);
  EXPECT_EQ(hh["house_address"], "hh-house-1");
  EXPECT_TRUE(hh["head_id"].is_null());
  EXPECT_EQ(hh["member_count"], 0);
  EXPECT_EQ(hh["members"], Json::array());
  EXPECT_EQ(Get("grid1", "/api/v1/houses/" + std::to_string(house["id"].get<std::int64_t>()))
                .json()["household_count"],
            1);

  // The number is unique everywhere, even when the other household is out of sight.
  HttpResponse again =
      Post("grid2", "/api/v1/households", {{"number", "330681-0001"}, {"org_code", grid2_}});
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json()["code"], "people.household.duplicate");

  struct Case {
    Json body;
    std::string code;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{{"org_code", grid1_}}, "people.household.number.required", "number"},
           {{{"number", "x-1"}}, "people.grid.required", "org_code"},
           {{{"number", "x-2"}, {"org_code", grid2_}}, "people.grid.not_found", "org_code"},
           {{{"number", "x-3"}, {"house_id", 999999999}}, "people.house.not_found", "house_id"},
           {{{"number", "x-4"}, {"house_id", house["id"]}, {"org_code", grid2_}},
            "people.grid.not_found",
            "org_code"},
           {{{"number", "x-5"}, {"org_code", grid1_}, {"head_id", 999999999}},
            "people.resident.not_found",
            "head_id"},
       }) {
    SCOPED_TRACE(c.body.dump());
    ExpectProblem(Post("grid1", "/api/v1/households", c.body), 422, c.code, c.field);
  }
}

TEST_F(HouseholdApi, OnlyOneHeadAndThePreviousHeadMustChangeFirst) {
  Json a = NewResident("grid1", grid1_, "户主甲");
  Json b = NewResident("grid1", grid1_, "配偶乙");
  Json hh = NewHousehold("grid1", {{"number", "head-rule-1"}, {"org_code", grid1_}});

  HttpResponse first = Put("grid1", MemberPath(hh, a), {{"relation", "02"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["head_id"], a["id"]);
  EXPECT_EQ(first.json()["head_name"], "户主甲");

  HttpResponse second_head = Put("grid1", MemberPath(hh, b), {{"relation", "02"}});
  ASSERT_EQ(second_head.status, 409) << second_head.body;
  EXPECT_EQ(second_head.json()["code"], "people.household.head_exists");

  HttpResponse spouse = Put("grid1", MemberPath(hh, b), {{"relation", "10"}});
  ASSERT_EQ(spouse.status, 200) << spouse.body;
  EXPECT_EQ(spouse.json()["member_count"], 2);
  EXPECT_EQ(spouse.json()["members"][0]["resident_id"], a["id"]);  // the head first

  // The head becomes the spouse's husband; now the other one may be head.
  HttpResponse demoted = Put("grid1", MemberPath(hh, a), {{"relation", "11"}});
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  EXPECT_TRUE(demoted.json()["head_id"].is_null());
  HttpResponse promoted = Put("grid1", MemberPath(hh, b), {{"relation", "02"}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json()["head_id"], b["id"]);
  EXPECT_EQ(promoted.json()["head_name"], "配偶乙");

  HttpResponse unknown = Put("grid1", MemberPath(hh, a), {{"relation", "00"}});
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.json()["code"], "people.code.unknown");
  EXPECT_EQ(unknown.json()["field"], "relation");
}

TEST_F(HouseholdApi, MembershipIsRecordedOnTheResidentWithItsVersionAndHistory) {
  Json house = NewHouse("grid1", grid1_, "hh-house-2");
  Json r = NewResident("grid1", grid1_, "成员丙");
  Json hh = NewHousehold("grid1", {{"number", "member-1"}, {"house_id", house["id"]}});

  ASSERT_EQ(Put("grid1", MemberPath(hh, r), {{"relation", "20"}}).status, 200);
  Json after = Get("grid1", ResidentPath(r)).json();
  EXPECT_EQ(after["household_id"], hh["id"]);
  EXPECT_EQ(after["relation"], "20");
  EXPECT_EQ(after["house_id"], house["id"]);  // moved into the household's house
  EXPECT_EQ(after["version"], r["version"].get<int>() + 1);
  std::set<std::string> fields;
  for (const auto& c : Get("grid1", ResidentPath(r) + "/history").json())
    fields.insert(c["field"].get<std::string>());
  EXPECT_TRUE(fields.count("household_id"));
  EXPECT_TRUE(fields.count("relation"));

  // Setting the same relation again changes nothing.
  ASSERT_EQ(Put("grid1", MemberPath(hh, r), {{"relation", "20"}}).status, 200);
  EXPECT_EQ(Get("grid1", ResidentPath(r)).json()["version"], after["version"]);

  HttpResponse removed = Delete("grid1", MemberPath(hh, r));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json()["member_count"], 0);
  Json out = Get("grid1", ResidentPath(r)).json();
  EXPECT_TRUE(out["household_id"].is_null());
  EXPECT_EQ(out["relation"], "");
  EXPECT_EQ(out["version"], after["version"].get<int>() + 1);

  HttpResponse again = Delete("grid1", MemberPath(hh, r));
  ASSERT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(again.json()["code"], "people.household.member_not_found");
}

TEST_F(HouseholdApi, JoiningAnotherHouseholdLeavesTheFirstAndItsHeadship) {
  Json r = NewResident("grid1", grid1_, "迁户丁");
  Json first =
      NewHousehold("grid1", {{"number", "leave-1"}, {"org_code", grid1_}, {"head_id", r["id"]}});
  EXPECT_EQ(first["head_id"], r["id"]);
  EXPECT_EQ(Get("grid1", ResidentPath(r)).json()["relation"], "02");
  Json second = NewHousehold("grid1", {{"number", "leave-2"}, {"org_code", grid1_}});
  ASSERT_EQ(Put("grid1", MemberPath(second, r), {{"relation", "02"}}).status, 200);
  Json old = Get("grid1", Path(first)).json();
  EXPECT_TRUE(old["head_id"].is_null());
  EXPECT_EQ(old["member_count"], 0);
  EXPECT_EQ(Get("grid1", Path(second)).json()["head_id"], r["id"]);
}

TEST_F(HouseholdApi, AnotherGridsHouseholdIsNotFound) {
  Json mine = NewResident("grid2", grid2_, "网格二居民");
  Json hh = NewHousehold("grid1", {{"number", "scope-1"}, {"org_code", grid1_}});
  HttpResponse r = Get("grid2", Path(hh));
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json()["code"], "people.household.not_found");
  EXPECT_EQ(Put("grid2", MemberPath(hh, mine), {{"relation", "10"}}).status, 404);
  // grid1 cannot pull in a resident it cannot see.
  HttpResponse foreign = Put("grid1", MemberPath(hh, mine), {{"relation", "10"}});
  ASSERT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.json()["code"], "people.resident.not_found");
  EXPECT_FALSE(Lists(Get("grid2", "/api/v1/households?limit=500"), hh["id"]));
  EXPECT_TRUE(Lists(Get("village", "/api/v1/households?limit=500"), hh["id"]));
}

TEST_F(HouseholdApi, SearchesByNumberOrHeadName) {
  Json head = NewResident("grid1", grid1_, "欧阳寻户");
  Json hh = NewHousehold("grid1",
                         {{"number", "search-77"}, {"org_code", grid1_}, {"head_id", head["id"]}});
  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/households?q=search-77"), hh["id"]));
  EXPECT_TRUE(Lists(Get("grid1", "/api/v1/households?q=%E6%AC%A7%E9%98%B3"), hh["id"]));  // 欧阳
  EXPECT_FALSE(Lists(Get("grid1", "/api/v1/households?q=nothing-like-it"), hh["id"]));
  HttpResponse audit = Get("auditor", "/api/v1/audit?action=people.household.&limit=500");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  for (const auto& e : Items(audit)) actions.insert(e["action"].get<std::string>());
  EXPECT_TRUE(actions.count("people.household.create"));
  EXPECT_TRUE(actions.count("people.household.member.set"));
}

}  // namespace
}  // namespace jiceng::people::test
