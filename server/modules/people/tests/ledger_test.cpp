// Department ledgers (台账) through the HTTP API: residents are registered and tagged once, and
// every ledger that includes them shows them, computed live; an edit shows up everywhere with no
// re-entry. Also scope, paging, permissions, masking and reveal, field usage and xlsx exports.
//
// The tests share one seeded server; each registers its own residents and looks only at them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "core/auth/principal.hpp"
#include "core/tabular/xlsx_reader.hpp"
#include "core/text/id_number.hpp"
#include "modules/people/ledgers/ledgers.hpp"
#include "tests/demo_codes.hpp"
#include "tests/shared_app_test.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

// Today in Asia/Shanghai (the server's day for ages and tags), shifted by `days`.
std::string ShanghaiDate(int days = 0) {
  using namespace std::chrono;
  std::time_t t = system_clock::to_time_t(system_clock::now() + hours(8) + hours(24 * days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

int ThisYear() { return std::stoi(ShanghaiDate().substr(0, 4)); }

// A valid GB 11643 number of 诸暨市 for a birth date; a fresh sequence number each call.
std::string IdNumber(const std::string& birth_date, bool male) {
  static int seq = 100 + static_cast<int>(::getpid() % 300) * 2;
  seq += 2;
  int n = (seq % 998) + (male ? 1 : 0);
  if (n % 2 != (male ? 1 : 0)) ++n;
  char first17[18];
  std::snprintf(first17, sizeof first17, "330681%s%s%s%03d", birth_date.substr(0, 4).c_str(),
                birth_date.substr(5, 2).c_str(), birth_date.substr(8, 2).c_str(), n % 1000);
  return std::string(first17) + core::text::IdCheckChar(first17);
}

std::string Masked(const std::string& id) { return id.substr(0, 6) + "********" + id.substr(14); }

class LedgerApi : public SharedAppTest {
 protected:
  struct Person {
    std::int64_t id = 0;
    std::string id_number;
    Json json;
  };

  // Registers a resident through the API as the village account.
  static Person Register(const std::string& name, const std::string& birth_date,
                         const std::string& grid, Json extra = Json::object()) {
    Person p;
    p.id_number = IdNumber(birth_date, true);
    Json body = {{"org_code", grid},
                 {"name", name},
                 {"gender", "male"},
                 {"birth_date", birth_date},
                 {"id_number", p.id_number},
                 {"phone", "13857512345"},
                 {"current_address", "枫源村" + name + "家"},
                 {"relation", "02"}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    HttpResponse r = Client().Post("/api/v1/residents", body, As(Token("village")));
    EXPECT_EQ(r.status, 201) << r.body;
    p.json = r.json();
    if (r.status == 201) p.id = p.json["id"].get<std::int64_t>();
    return p;
  }

  static std::int64_t Tag(std::int64_t resident, const std::string& kind) {
    HttpResponse r =
        Client().Post("/api/v1/residents/" + std::to_string(resident) + "/tags",
                      Json{{"kind", kind}, {"start_date", "2020-01-01"}, {"source", "走访"}},
                      As(Token("village")));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json()["id"].get<std::int64_t>() : 0;
  }

  // Every row of a ledger, following the cursor with small pages.
  static std::vector<Json> AllRows(const std::string& key, const std::string& user,
                                   const std::string& query = "", int limit = 100) {
    std::vector<Json> rows;
    std::string cursor;
    for (int guard = 0; guard < 1000; ++guard) {
      std::string target = "/api/v1/ledgers/" + key + "?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      HttpResponse r = Client().Get(target, As(Token(user)));
      EXPECT_EQ(r.status, 200) << target << " " << r.body;
      if (r.status != 200) break;
      Json j = r.json();
      for (const auto& item : j["items"]) rows.push_back(item);
      if (j["next_cursor"].is_null()) break;
      cursor = j["next_cursor"].get<std::string>();
    }
    return rows;
  }

  static std::optional<Json> RowOf(const std::vector<Json>& rows, std::int64_t resident) {
    for (const auto& r : rows)
      if (r["resident_id"].get<std::int64_t>() == resident) return r;
    return std::nullopt;
  }

  static std::int64_t AuditCount(const std::string& action, const std::string& needle) {
    std::int64_t n = 0;
    auto rows =
        app_->app().db().Query("SELECT summary FROM core_audit WHERE action = $1", {action});
    EXPECT_TRUE(rows.ok());
    if (!rows.ok()) return 0;
    for (std::size_t i = 0; i < rows->size(); ++i)
      if ((*rows)[i].Text(0).find(needle) != std::string::npos) ++n;
    return n;
  }
};

const std::vector<std::string> kElderLedgers = {
    "civil_affairs.over_80", "civil_affairs.elderly_alone", "disabled_federation.disabled",
    "emergency.evacuation_assist"};

// The promise of 一次采集、多方利用: one edit, seen by every ledger that lists the resident.
TEST_F(LedgerApi, OneEditShowsUpInEveryLedgerThatIncludesTheResident) {
  std::string birth = std::to_string(ThisYear() - 85) + "-01-01";
  Person p = Register("钱多福", birth, kGrid1);
  ASSERT_GT(p.id, 0);
  Tag(p.id, "elderly_alone");
  std::int64_t disabled_tag = Tag(p.id, "disabled");
  Tag(p.id, "mobility_impaired");

  for (const auto& key : kElderLedgers) {
    auto row = RowOf(AllRows(key, "village"), p.id);
    ASSERT_TRUE(row) << key;
    EXPECT_EQ((*row)["name"], "钱多福") << key;
    EXPECT_EQ((*row)["phone"], "138****2345") << key;
    if (row->contains("age")) {
      EXPECT_EQ((*row)["age"], 85) << key;
    }
    if (row->contains("id_number")) {
      EXPECT_EQ((*row)["id_number"], Masked(p.id_number)) << key;
    }
  }
  // Not everywhere: an 85-year-old is not a child, and has no low-income tag.
  EXPECT_FALSE(RowOf(AllRows("health.children_0_6", "village"), p.id));
  EXPECT_FALSE(RowOf(AllRows("civil_affairs.low_income", "village"), p.id));
  // The evacuation ledger says why, from the same definitions.
  auto evac = RowOf(AllRows("emergency.evacuation_assist", "village"), p.id);
  ASSERT_TRUE(evac);
  EXPECT_EQ((*evac)["reasons"], "行动不便；残疾；80岁以上独居");
  auto alone = RowOf(AllRows("civil_affairs.elderly_alone", "village"), p.id);
  ASSERT_TRUE(alone);
  EXPECT_EQ((*alone)["tag_start_date"], "2020-01-01");
  EXPECT_EQ((*alone)["tag_source"], "走访");

  // One edit through the API.
  HttpResponse edit = Client().Send(
      "PATCH", "/api/v1/residents/" + std::to_string(p.id),
      Json{{"name", "钱福寿"}, {"phone", "13957598765"}, {"version", p.json["version"]}}.dump(),
      As(Token("village")));
  ASSERT_EQ(edit.status, 200) << edit.body;
  for (const auto& key : kElderLedgers) {
    auto row = RowOf(AllRows(key, "village"), p.id);
    ASSERT_TRUE(row) << key;
    EXPECT_EQ((*row)["name"], "钱福寿") << key;
    EXPECT_EQ((*row)["phone"], "139****8765") << key;
  }

  // Ending the disabled tag (yesterday was its last day) takes them out of that ledger only;
  // they still need evacuation help for their other reasons.
  HttpResponse end =
      Client().Send("PATCH", "/api/v1/resident-tags/" + std::to_string(disabled_tag),
                    Json{{"end_date", ShanghaiDate(-1)}}.dump(), As(Token("village")));
  ASSERT_EQ(end.status, 200) << end.body;
  EXPECT_FALSE(RowOf(AllRows("disabled_federation.disabled", "village"), p.id));
  EXPECT_TRUE(RowOf(AllRows("civil_affairs.elderly_alone", "village"), p.id));
  evac = RowOf(AllRows("emergency.evacuation_assist", "village"), p.id);
  ASSERT_TRUE(evac);
  EXPECT_EQ((*evac)["reasons"], "行动不便；80岁以上独居");
}

TEST_F(LedgerApi, EvacuationTakesTheOldWhoLiveAloneButNotTheYoungerOnes) {
  Person old_alone = Register("孙长寿", std::to_string(ThisYear() - 81) + "-01-01", kGrid1);
  Person young_alone = Register("孙少安", std::to_string(ThisYear() - 70) + "-01-01", kGrid1);
  Person old_with_family = Register("孙老汉", std::to_string(ThisYear() - 90) + "-01-01", kGrid1);
  Tag(old_alone.id, "elderly_alone");
  Tag(young_alone.id, "elderly_alone");
  auto rows = AllRows("emergency.evacuation_assist", "village");
  EXPECT_TRUE(RowOf(rows, old_alone.id));
  EXPECT_FALSE(RowOf(rows, young_alone.id));
  EXPECT_FALSE(RowOf(rows, old_with_family.id));
  auto over80 = AllRows("civil_affairs.over_80", "village");
  EXPECT_TRUE(RowOf(over80, old_with_family.id));
  EXPECT_FALSE(RowOf(over80, young_alone.id));
}

TEST_F(LedgerApi, ChildrenUpToSixYearsOld) {
  Person three =
      Register("周小宝", std::to_string(ThisYear() - 3) + "-01-01", kGrid2, {{"relation", "20"}});
  Person seven =
      Register("周大宝", std::to_string(ThisYear() - 8) + "-12-31", kGrid2, {{"relation", "20"}});
  auto rows = AllRows("health.children_0_6", "village");
  auto row = RowOf(rows, three.id);
  ASSERT_TRUE(row);
  EXPECT_EQ((*row)["age"], 3);
  EXPECT_EQ((*row)["grid"], "枫源村第二网格");
  EXPECT_FALSE(RowOf(rows, seven.id));
}

TEST_F(LedgerApi, RowsStayInsideTheCallersScopeAndOrgNarrowsThem) {
  std::string birth = std::to_string(ThisYear() - 88) + "-06-01";
  Person in1 = Register("吴一格", birth, kGrid1);
  Person in2 = Register("吴二格", birth, kGrid2);
  // Village staff of the first grid only (scope = that grid).
  Json user = {{"username", "ledger.grid1"}, {"display_name", "网格一专员"},
               {"org_code", kGrid1},         {"password", "Ledger-pass1"},
               {"roles", {"village_staff"}}, {"phone", "13900002222"}};
  HttpResponse created = Client().Post("/api/v1/users", user, As(Token("admin")));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token = app_->FirstLogin("ledger.grid1", "Ledger-pass1");
  ASSERT_FALSE(token.empty());

  std::vector<Json> mine;
  std::string cursor;
  do {
    HttpResponse r = Client().Get("/api/v1/ledgers/civil_affairs.over_80?limit=500" +
                                      (cursor.empty() ? "" : "&cursor=" + cursor),
                                  As(token));
    ASSERT_EQ(r.status, 200) << r.body;
    Json j = r.json();
    for (const auto& item : j["items"]) mine.push_back(item);
    cursor = j["next_cursor"].is_null() ? "" : j["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_TRUE(RowOf(mine, in1.id));
  EXPECT_FALSE(RowOf(mine, in2.id));
  for (const auto& row : mine) EXPECT_EQ(row["org_code"], kGrid1);

  // The village sees both; ?org= narrows to one grid, and the total follows.
  EXPECT_TRUE(RowOf(AllRows("civil_affairs.over_80", "village"), in2.id));
  auto narrowed = AllRows("civil_affairs.over_80", "village", std::string("&org=") + kGrid2);
  EXPECT_TRUE(RowOf(narrowed, in2.id));
  EXPECT_FALSE(RowOf(narrowed, in1.id));
  HttpResponse page = Client().Get(
      std::string("/api/v1/ledgers/civil_affairs.over_80?org=") + kGrid2, As(Token("village")));
  EXPECT_EQ(page.json()["total"].get<std::int64_t>(), static_cast<std::int64_t>(narrowed.size()));
}

TEST_F(LedgerApi, PagesWalkEveryRowOnceAndTotalCountsThem) {
  std::set<std::int64_t> created;
  for (int i = 0; i < 7; ++i) {
    Person p = Register("郑困难" + std::to_string(i), "1980-0" + std::to_string(i + 1) + "-15",
                        i % 2 ? kGrid1 : kGrid2);
    Tag(p.id, "employment_difficulty");
    created.insert(p.id);
  }
  auto rows = AllRows("human_resources.employment_difficulty", "village", "", 2);
  std::set<std::int64_t> seen;
  std::string last_key;
  for (const auto& r : rows) {
    EXPECT_TRUE(seen.insert(r["resident_id"].get<std::int64_t>()).second) << "row twice";
    std::string key = r["org_code"].get<std::string>();
    EXPECT_LE(last_key, key) << "grid order";
    last_key = key;
  }
  for (auto id : created) EXPECT_TRUE(seen.count(id));
  HttpResponse first = Client().Get("/api/v1/ledgers/human_resources.employment_difficulty?limit=2",
                                    As(Token("village")));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json()["items"].size(), 2u);
  EXPECT_EQ(first.json()["total"].get<std::int64_t>(), static_cast<std::int64_t>(rows.size()));
  EXPECT_EQ(first.json()["ledger"]["department"], "人社");
  auto bad = Client().Get("/api/v1/ledgers/human_resources.employment_difficulty?cursor=nonsense",
                          As(Token("village")));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["code"], "http.bad_cursor");
}

TEST_F(LedgerApi, RentalLedgerListsTenantsOfRentedHousesWithTheHouse) {
  auto house = [](const std::string& building, const std::string& status) {
    HttpResponse r = Client().Post("/api/v1/houses",
                                   Json{{"org_code", kGrid1},
                                        {"building", building},
                                        {"room", "101室"},
                                        {"address", "枫源村" + building + "101室"},
                                        {"use", "residential"},
                                        {"owner_name", "冯房东"},
                                        {"rental_status", status}},
                                   As(Token("village")));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json()["id"].get<std::int64_t>() : 0;
  };
  std::int64_t rented = house("租赁楼7幢", "rented");
  std::int64_t own = house("自住楼8幢", "owner_occupied");
  Person t1 = Register("冯租客甲", "1995-05-05", kGrid1,
                       {{"house_id", rented}, {"residency_kind", "migrant"}});
  Person t2 = Register("冯租客乙", "1996-06-06", kGrid1,
                       {{"house_id", rented}, {"residency_kind", "migrant"}});
  Person owner = Register("冯自住", "1970-07-07", kGrid1, {{"house_id", own}});

  auto rows = AllRows("comprehensive.rental_houses", "village", "", 1);  // pages of one row
  auto r1 = RowOf(rows, t1.id);
  ASSERT_TRUE(r1);
  EXPECT_TRUE(RowOf(rows, t2.id));
  EXPECT_FALSE(RowOf(rows, owner.id));
  EXPECT_EQ((*r1)["house_address"], "枫源村租赁楼7幢101室");
  EXPECT_EQ((*r1)["owner_name"], "冯房东");
  EXPECT_EQ((*r1)["residency_kind"], "流动人口");
  EXPECT_EQ((*r1)["house_id"], rented);
  EXPECT_EQ((*r1)["id_number"], Masked(t1.id_number));
}

TEST_F(LedgerApi, LedgersNeedTheLedgerPermission) {
  // A grid worker collects the data but does not read department ledgers.
  EXPECT_EQ(Client().Get("/api/v1/ledgers", As(Token("grid1"))).status, 403);
  EXPECT_EQ(Client().Get("/api/v1/ledgers/civil_affairs.over_80", As(Token("grid1"))).status, 403);
  // A county department handler reads them all (care tags are granted to every department).
  HttpResponse list = Client().Get("/api/v1/ledgers", As(Token("chengguan")));
  ASSERT_EQ(list.status, 200);
  std::set<std::string> keys;
  Json j = list.json();
  for (const auto& l : j["items"]) keys.insert(l["key"].get<std::string>());
  EXPECT_EQ(keys.size(), 8u);
  EXPECT_TRUE(keys.count("comprehensive.rental_houses"));
  EXPECT_EQ(Client().Get("/api/v1/ledgers/no.such_ledger", As(Token("village"))).status, 404);
}

TEST(LedgerDefinitions, ALedgerOverATagIsHiddenWithoutThatTagsPermission) {
  core::auth::Principal who;
  who.permissions = {"people.ledger.read", "people.tag.elderly_alone", "people.tag.disabled"};
  const auto* low_income = people::FindLedger("civil_affairs.low_income");
  const auto* evacuation = people::FindLedger("emergency.evacuation_assist");
  const auto* over80 = people::FindLedger("civil_affairs.over_80");
  ASSERT_TRUE(low_income && evacuation && over80);
  EXPECT_FALSE(people::CanReadLedger(who, *low_income));
  EXPECT_FALSE(people::CanReadLedger(who, *evacuation));  // mobility_impaired is missing
  EXPECT_TRUE(people::CanReadLedger(who, *over80));
  who.permissions.insert("people.tag.mobility_impaired");
  EXPECT_TRUE(people::CanReadLedger(who, *evacuation));
  who.permissions.erase("people.ledger.read");
  EXPECT_FALSE(people::CanReadLedger(who, *over80));
}

TEST(LedgerDefinitions, EveryColumnIsKnownAndAgeBoundsMatchFullYears) {
  std::set<std::string> keys;
  for (const auto& l : people::Ledgers()) {
    EXPECT_TRUE(keys.insert(l.key).second) << l.key;
    EXPECT_FALSE(l.any_of.empty()) << l.key;
    for (const auto& c : l.columns)
      EXPECT_FALSE(people::ColumnOf(c).label.empty()) << l.key << " " << c;
    for (const auto& f : l.Fields()) {
      bool known = false;
      for (const auto& b : people::BaseFields()) known = known || b.key == f;
      EXPECT_TRUE(known) << f;
    }
  }
  EXPECT_EQ(keys.size(), 8u);
  people::LedgerCondition c;
  c.min_age = 80;
  auto b = people::BirthBoundsOf(c, "2026-03-01");
  EXPECT_EQ(b.born_on_or_before, "1946-03-01");
  EXPECT_FALSE(b.born_after);
  c.min_age = 0;
  c.max_age = 6;
  b = people::BirthBoundsOf(c, "2026-03-01");
  EXPECT_EQ(b.born_on_or_before, "2026-03-01");
  EXPECT_EQ(b.born_after, "2019-03-01");  // born 2019-03-01 is 7 today
}

TEST_F(LedgerApi, FieldUsageComesFromTheDefinitions) {
  HttpResponse r = Client().Get("/api/v1/ledgers/field-usage", As(Token("village")));
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, std::set<std::string>> users;
  std::map<std::string, std::string> labels;
  Json usage = r.json();
  for (const auto& f : usage) {
    labels[f["field"]] = f["label"];
    for (const auto& l : f["ledgers"]) users[f["field"]].insert(l["key"].get<std::string>());
  }
  EXPECT_EQ(labels["birth_date"], "出生日期");
  EXPECT_TRUE(users["birth_date"].count("civil_affairs.over_80"));
  EXPECT_TRUE(users["birth_date"].count("health.children_0_6"));
  EXPECT_TRUE(users["tags.low_income"].count("civil_affairs.low_income"));
  EXPECT_EQ(users["tags.low_income"].size(), 1u);
  EXPECT_TRUE(users["house.rental_status"].count("comprehensive.rental_houses"));
  EXPECT_TRUE(users["phone"].count("emergency.evacuation_assist"));
  EXPECT_TRUE(labels.count("employer"));  // collected but used by no ledger: listed with none
  EXPECT_TRUE(users["employer"].empty());
}

// Reads an xlsx answer back with the import reader.
std::vector<std::vector<std::string>> XlsxRows(const std::string& body) {
  std::string path = TempDir() + "/ledger-export-" + std::to_string(::getpid()) + ".xlsx";
  std::ofstream(path, std::ios::binary) << body;
  std::vector<std::vector<std::string>> rows;
  auto read = core::tabular::ReadXlsx(path, [&](std::size_t, const core::tabular::Row& row) {
    rows.push_back(row);
    return true;
  });
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
  std::remove(path.c_str());
  return rows;
}

bool AnyCell(const std::vector<std::vector<std::string>>& rows, const std::string& value) {
  for (const auto& row : rows)
    for (const auto& cell : row)
      if (cell == value) return true;
  return false;
}

TEST_F(LedgerApi, LedgerExportIsAMaskedXlsxWithAChineseNameAndAnAuditRow) {
  Person p = Register("陈低保", "1960-02-02", kGrid1);
  Tag(p.id, "low_income");
  HttpResponse r =
      Client().Get("/api/v1/ledgers/civil_affairs.low_income/export.xlsx", As(Token("village")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_EQ(r.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // 民政-低保户-... percent-encoded as UTF-8.
  EXPECT_NE(r.Header("content-disposition").find("filename*=UTF-8''%E6%B0%91%E6%94%BF-"),
            std::string::npos)
      << r.Header("content-disposition");
  EXPECT_NE(r.Header("content-disposition").find("filename=\"civil_affairs.low_income-"),
            std::string::npos);
  auto rows = XlsxRows(r.body);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0], "姓名");
  EXPECT_TRUE(AnyCell(rows, Masked(p.id_number)));
  EXPECT_FALSE(AnyCell(rows, p.id_number));
  EXPECT_TRUE(AnyCell(rows, "陈低保"));
  EXPECT_GE(AuditCount("people.export", "civil_affairs.low_income"), 1);

  // Export needs people.export: the township has it, a grid worker does not even read ledgers.
  EXPECT_EQ(Client()
                .Get("/api/v1/ledgers/civil_affairs.low_income/export.xlsx", As(Token("grid1")))
                .status,
            403);
}

TEST_F(LedgerApi, APurposeRevealsNumbersOnlyWithThePermissionAndIsAudited) {
  Person p = Register("褚残联", "1975-03-03", kGrid2);
  Tag(p.id, "disabled");
  std::string purpose = "%E5%85%A5%E6%88%B7%E6%A0%B8%E5%AF%B9%E8%A1%A5%E8%B4%B4";  // 入户核对补贴
  HttpResponse plain =
      Client().Get("/api/v1/ledgers/disabled_federation.disabled?limit=500", As(Token("village")));
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.json()["masked"], true);
  auto before = AuditCount("people.ledger.reveal", "入户核对补贴");
  auto rows = AllRows("disabled_federation.disabled", "village", "&purpose=" + purpose);
  auto row = RowOf(rows, p.id);
  ASSERT_TRUE(row);
  EXPECT_EQ((*row)["id_number"], p.id_number);
  EXPECT_EQ((*row)["phone"], "13857512345");
  EXPECT_GT(AuditCount("people.ledger.reveal", "入户核对补贴"), before);
  // A department handler reads ledgers masked; asking for full numbers is refused.
  EXPECT_EQ(Client()
                .Get("/api/v1/ledgers/disabled_federation.disabled?purpose=" + purpose,
                     As(Token("chengguan")))
                .status,
            403);
  EXPECT_EQ(Client()
                .Get("/api/v1/ledgers/disabled_federation.disabled?purpose=x", As(Token("village")))
                .status,
            422);
}

TEST_F(LedgerApi, ResidentListExportUsesTheListFiltersAndIsNotTakenForAResidentId) {
  Person p = Register("蒋导出", "1988-08-08", kGrid1, {{"residency_kind", "migrant"}});
  HttpResponse r =
      Client().Get("/api/v1/residents/export.xlsx?q=%E8%92%8B%E5%AF%BC%E5%87%BA",  // 蒋导出
                   As(Token("village")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  auto rows = XlsxRows(r.body);
  ASSERT_EQ(rows.size(), 2u);  // header + the one match
  EXPECT_EQ(rows[1][0], "蒋导出");
  EXPECT_TRUE(AnyCell(rows, Masked(p.id_number)));
  EXPECT_TRUE(AnyCell(rows, "流动人口"));
  EXPECT_GE(AuditCount("people.export", "蒋导出"), 1);
  // The grid worker has no people.export; the tag filter needs the tag's permission.
  EXPECT_EQ(Client().Get("/api/v1/residents/export.xlsx", As(Token("grid1"))).status, 403);
}

}  // namespace
}  // namespace jiceng::testing
