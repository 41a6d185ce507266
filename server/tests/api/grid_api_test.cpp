// Grid editing through the HTTP API as the township account of the demo county: create, read,
// update with optimistic versions, the geometry rules, history, deletion, locate, the public
// grid card, audit records and localized problem titles.
//
// The tests share one seeded server; each works in its own village of 枫桥镇 so they do not
// depend on each other's order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "tests/demo_codes.hpp"
#include "tests/grid_points.hpp"
#include "tests/shared_app_test.hpp"

namespace jiceng::testing {
namespace {

constexpr const char* kDemoVillage = "330681109290";

std::string Village(int n) { return std::string(kTownship) + std::to_string(n); }

// The polygon scaled by `factor` towards its vertex mean: inside the original (grid cells are
// convex Voronoi cells).
Json Shrink(const Json& polygon, double factor) {
  auto [cx, cy] = VertexMean(polygon);
  Json ring = Json::array();
  for (const auto& p : polygon.at("coordinates").at(0)) {
    double x = cx + (p[0].get<double>() - cx) * factor;
    double y = cy + (p[1].get<double>() - cy) * factor;
    ring.push_back({std::round(x * 1e7) / 1e7, std::round(y * 1e7) / 1e7});
  }
  ring.back() = ring.front();
  return {{"type", "Polygon"}, {"coordinates", Json::array({ring})}};
}

// A bow tie over the bounding box of a polygon: the ring crosses itself in the middle.
Json BowTie(const Json& polygon) {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  for (const auto& p : polygon.at("coordinates").at(0)) {
    x0 = std::min(x0, p[0].get<double>());
    y0 = std::min(y0, p[1].get<double>());
    x1 = std::max(x1, p[0].get<double>());
    y1 = std::max(y1, p[1].get<double>());
  }
  Json ring = {{x0, y0}, {x1, y1}, {x1, y0}, {x0, y1}, {x0, y0}};
  return {{"type", "Polygon"}, {"coordinates", Json::array({ring})}};
}

std::string Sequence(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", n);
  return buf;
}

Json GridInput(const std::string& village, const std::string& name, const Json& geometry) {
  return {{"village_code", village},    {"name", name},
          {"kind", "comprehensive"},    {"geometry", geometry},
          {"household_capacity", 120},  {"population_capacity", 360},
          {"hotline", "0575-87001234"}, {"worker_ids", Json::array()}};
}

class ApiGrid : public SharedAppTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SharedAppTest::SetUp());
    township_ = Token("township");
    ASSERT_FALSE(township_.empty());
  }

  // The grid features of a village, ordered by code.
  std::vector<Json> GridsOf(const std::string& village, const std::string& token = {}) {
    HttpResponse r =
        Client().Get("/api/v1/orgs/" + village + "/grids", As(token.empty() ? township_ : token));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Json> out;
    for (const auto& f : r.json().value("features", Json::array())) out.push_back(f);
    std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
      return a["id"].get<std::string>() < b["id"].get<std::string>();
    });
    return out;
  }

  struct Space {
    std::string deleted_code;  // the demo grid removed to make room
    int deleted_sequence = 0;
    Json polygon;  // inside the removed grid's old polygon
  };
  // Deletes the last grid of a village and returns room for a new one where it was.
  Space CarveSpace(const std::string& village) {
    Space s;
    std::vector<Json> grids = GridsOf(village);
    EXPECT_GE(grids.size(), 3u);
    if (grids.empty()) return s;
    const Json& last = grids.back();
    s.deleted_code = last["id"];
    s.deleted_sequence = std::stoi(s.deleted_code.substr(12));
    s.polygon = Shrink(last["geometry"], 0.6);
    HttpResponse del = Client().Delete("/api/v1/grids/" + s.deleted_code, As(township_));
    EXPECT_EQ(del.status, 204) << del.body;
    return s;
  }

  HttpResponse Create(const Json& input, const RequestOptions& options) {
    return Client().Post("/api/v1/grids", input, options);
  }
  HttpResponse Create(const Json& input) { return Create(input, As(township_)); }

  std::string township_;
};

TEST_F(ApiGrid, CreateInsideAVillageAssignsTheNextSequenceCode) {
  const std::string village = Village(291);
  Space space = CarveSpace(village);
  ASSERT_FALSE(space.deleted_code.empty());

  HttpResponse created = Create(GridInput(village, "乐山村新网格", space.polygon));
  ASSERT_EQ(created.status, 201) << created.body;
  Json f = created.json();
  const std::string code = village + Sequence(space.deleted_sequence + 1);
  EXPECT_EQ(f["id"], code);
  EXPECT_EQ(f["properties"]["code"], code);
  EXPECT_EQ(f["properties"]["version"], 1);

  HttpResponse got = Client().Get("/api/v1/grids/" + code, As(township_));
  ASSERT_EQ(got.status, 200) << got.body;
  Json g = got.json();
  EXPECT_EQ(g["type"], "Feature");
  EXPECT_EQ(g["id"], code);
  EXPECT_EQ(g["geometry"]["type"], "Polygon");
  const Json& p = g["properties"];
  EXPECT_EQ(p["name"], "乐山村新网格");
  EXPECT_EQ(p["kind"], "comprehensive");
  EXPECT_EQ(p["village_code"], village);
  EXPECT_EQ(p["household_capacity"], 120);
  EXPECT_EQ(p["population_capacity"], 360);
  EXPECT_EQ(p["hotline"], "0575-87001234");
  EXPECT_GT(p["area_m2"].get<double>(), 0);
  EXPECT_TRUE(p["workers"].is_array());
  EXPECT_EQ(p["version"], 1);
  EXPECT_EQ(p["updated_at"].get<std::string>().back(), 'Z');

  // The grid is a node of the org tree as well.
  HttpResponse node = Client().Get("/api/v1/orgs/" + code, As(township_));
  ASSERT_EQ(node.status, 200) << node.body;
  EXPECT_EQ(node.json()["level"], "grid");
  EXPECT_EQ(node.json()["parent_code"], village);

  // Locate finds it at once.
  HttpResponse located = Client().Get(LocateTarget(VertexMean(space.polygon)), User("village"));
  EXPECT_EQ(located.status, 404) << "the village account of 枫源村 must not see 乐山村";
  located = Client().Get(LocateTarget(VertexMean(space.polygon)), As(township_));
  ASSERT_EQ(located.status, 200) << located.body;
  EXPECT_EQ(located.json()["id"], code);
}

TEST_F(ApiGrid, UpdateNeedsTheCurrentVersionAndBumpsIt) {
  const std::string village = Village(292);
  Space space = CarveSpace(village);
  HttpResponse created = Create(GridInput(village, "齐东村甲网格", space.polygon));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string code = created.json()["id"];

  Json change = GridInput(village, "齐东村乙网格", Shrink(space.polygon, 0.9));
  change["version"] = 1;
  HttpResponse updated = Client().Put("/api/v1/grids/" + code, change, As(township_));
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["properties"]["version"], 2);
  EXPECT_EQ(updated.json()["properties"]["name"], "齐东村乙网格");

  change["name"] = "齐东村丙网格";  // someone still holding version 1
  HttpResponse stale = Client().Put("/api/v1/grids/" + code, change, As(township_));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.json()["code"], "org.grid.version_conflict");
  EXPECT_EQ(stale.Header("content-type").rfind("application/problem+json", 0), 0u);

  HttpResponse now = Client().Get("/api/v1/grids/" + code, As(township_));
  EXPECT_EQ(now.json()["properties"]["version"], 2);
  EXPECT_EQ(now.json()["properties"]["name"], "齐东村乙网格");
}

TEST_F(ApiGrid, GeometryRulesAnswer422WithStableCodes) {
  const std::string village = Village(293);
  std::vector<Json> grids = GridsOf(village);
  ASSERT_GE(grids.size(), 2u);
  const Json& sibling = grids.front();
  const std::string sibling_code = sibling["id"];

  HttpResponse overlap = Create(GridInput(village, "重叠网格", Shrink(sibling["geometry"], 0.5)));
  EXPECT_EQ(overlap.status, 422) << overlap.body;
  EXPECT_EQ(overlap.json()["code"], "org.grid.overlap");
  EXPECT_EQ(overlap.json()["field"], "geometry");
  EXPECT_NE(overlap.json().value("detail", "").find(sibling_code), std::string::npos)
      << "detail names the sibling: " << overlap.body;

  HttpResponse bowtie =
      Create(GridInput(village, "自相交网格", BowTie(Shrink(sibling["geometry"], 0.5))));
  EXPECT_EQ(bowtie.status, 422) << bowtie.body;
  EXPECT_EQ(bowtie.json()["code"], "org.grid.self_intersection");

  // A grid of 暨阳街道's 江东社区 drawn under 永宁村.
  std::vector<Json> far = GridsOf("330681001001", app_->Token("county"));
  ASSERT_FALSE(far.empty());
  HttpResponse outside =
      Create(GridInput(village, "越界网格", Shrink(far.front()["geometry"], 0.5)));
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(outside.json()["code"], "org.grid.outside_village");

  for (const char* bad : {"{\"village_code\": ", "not json", "[1,2]"}) {
    HttpResponse r = Client().Post("/api/v1/grids", std::string(bad), As(township_));
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_EQ(r.json()["code"], "http.bad_json") << bad;
  }

  // Nothing was created by any of these.
  EXPECT_EQ(GridsOf(village).size(), grids.size());
}

TEST_F(ApiGrid, DeletionIsAVersionAndTheCodeIsNeverReused) {
  const std::string village = Village(294);
  Space space = CarveSpace(village);
  const auto inside = LocateTarget(VertexMean(space.polygon));

  HttpResponse created = Create(GridInput(village, "新择湖村网格", space.polygon));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string code = created.json()["id"];
  EXPECT_EQ(code, village + Sequence(space.deleted_sequence + 1));
  Json change = GridInput(village, "新择湖村网格（改）", space.polygon);
  change["version"] = 1;
  ASSERT_EQ(Client().Put("/api/v1/grids/" + code, change, As(township_)).status, 200);
  EXPECT_EQ(Client().Get(inside, As(township_)).json()["id"], code);

  HttpResponse del = Client().Delete("/api/v1/grids/" + code, As(township_));
  EXPECT_EQ(del.status, 204) << del.body;
  EXPECT_TRUE(del.body.empty());

  EXPECT_EQ(Client().Get("/api/v1/grids/" + code, As(township_)).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/orgs/" + code, As(township_)).status, 404);
  EXPECT_EQ(Client().Get("/api/v1/public/grids/" + code).status, 404);
  HttpResponse gone = Client().Get(inside, As(township_));
  EXPECT_EQ(gone.status, 404) << gone.body;
  EXPECT_EQ(gone.json()["code"], "org.grid.not_located");
  EXPECT_EQ(Client().Delete("/api/v1/grids/" + code, As(township_)).status, 404);

  HttpResponse versions = Client().Get("/api/v1/grids/" + code + "/versions", As(township_));
  ASSERT_EQ(versions.status, 200) << versions.body;
  std::map<int, bool> deleted_by_version;
  const Json history = versions.json();
  for (const auto& v : history.value("items", Json::array())) {
    deleted_by_version[v["version"].get<int>()] = v.value("deleted", false);
    EXPECT_EQ(v["actor"], "township");
    EXPECT_EQ(v["geometry"]["type"], "Polygon");
  }
  EXPECT_EQ(deleted_by_version, (std::map<int, bool>{{1, false}, {2, false}, {3, true}}));

  // The removed demo grid keeps its history too.
  HttpResponse demo_versions =
      Client().Get("/api/v1/grids/" + space.deleted_code + "/versions", As(township_));
  ASSERT_EQ(demo_versions.status, 200) << demo_versions.body;
  EXPECT_EQ(demo_versions.json()["items"].size(), 2u);

  HttpResponse again = Create(GridInput(village, "新择湖村网格", space.polygon));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["id"], village + Sequence(space.deleted_sequence + 2));
}

TEST_F(ApiGrid, PublicCardNeedsNoLoginAndShowsOnlyPublicFields) {
  std::vector<Json> grids = GridsOf(kDemoVillage);
  std::string staffed;
  for (const auto& f : grids) {
    for (const auto& w : f["properties"]["workers"]) {
      if (w["name"] == "王丽") staffed = f["id"];
    }
  }
  ASSERT_FALSE(staffed.empty());

  HttpResponse card = Client().Get("/api/v1/public/grids/" + staffed);
  ASSERT_EQ(card.status, 200) << card.body;
  Json c = card.json();
  std::set<std::string> keys;
  for (const auto& [k, v] : c.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"code", "name", "area_m2", "workers", "hotline"}));
  EXPECT_EQ(c["code"], staffed);
  EXPECT_GT(c["area_m2"].get<double>(), 0);
  EXPECT_FALSE(c["hotline"].get<std::string>().empty());
  ASSERT_EQ(c["workers"].size(), 1u);
  std::set<std::string> worker_keys;
  for (const auto& [k, v] : c["workers"][0].items()) worker_keys.insert(k);
  EXPECT_EQ(worker_keys, (std::set<std::string>{"name", "phone"}));
  EXPECT_EQ(c["workers"][0]["name"], "王丽");
  EXPECT_EQ(c["workers"][0]["phone"], "13857500001");

  HttpResponse unknown = Client().Get("/api/v1/public/grids/330681109290999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json()["code"], "org.grid.not_found");
}

TEST_F(ApiGrid, EveryChangeLeavesAnAuditRecord) {
  const std::string village = Village(295);
  Space space = CarveSpace(village);
  RequestOptions create_options = As(township_);
  create_options.headers = {{"X-Request-Id", "grid-audit-create-1"}};
  HttpResponse created = Create(GridInput(village, "栎桥村网格", space.polygon), create_options);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string code = created.json()["id"];
  Json change = GridInput(village, "栎桥村网格二", space.polygon);
  change["version"] = 1;
  ASSERT_EQ(Client().Put("/api/v1/grids/" + code, change, As(township_)).status, 200);
  ASSERT_EQ(Client().Delete("/api/v1/grids/" + code, As(township_)).status, 204);

  const std::string auditor = app_->Token("auditor");
  ASSERT_FALSE(auditor.empty());
  auto actions_for = [&](const std::string& target) {
    HttpResponse r = Client().Get(
        "/api/v1/audit?action=org.grid.&org_code=" + target + "&limit=500", As(auditor));
    EXPECT_EQ(r.status, 200) << r.body;
    std::multiset<std::string> actions;
    const Json page = r.json();
    for (const auto& item : page.value("items", Json::array())) {
      if (item["target_id"] != target) continue;
      actions.insert(item["action"].get<std::string>());
      EXPECT_EQ(item["actor"], "township");
      EXPECT_EQ(item["outcome"], "success");
      EXPECT_EQ(item["target_type"], "grid");
      if (item["action"] == "org.grid.create") {
        EXPECT_EQ(item["request_id"], "grid-audit-create-1");
      }
    }
    return actions;
  };
  EXPECT_EQ(actions_for(code),
            (std::multiset<std::string>{"org.grid.create", "org.grid.update", "org.grid.delete"}));
  EXPECT_EQ(actions_for(space.deleted_code), (std::multiset<std::string>{"org.grid.delete"}));

  HttpResponse verify = Client().Post("/api/v1/audit/verify", std::string(), As(auditor));
  ASSERT_EQ(verify.status, 200) << verify.body;
  EXPECT_EQ(verify.json()["ok"], true) << verify.body;
}

TEST_F(ApiGrid, ProblemTitlesFollowAcceptLanguage) {
  const std::string village = Village(296);
  std::vector<Json> grids = GridsOf(village);
  ASSERT_FALSE(grids.empty());
  const Json input = GridInput(village, "重叠网格", Shrink(grids.front()["geometry"], 0.5));
  auto title_in = [&](const std::string& lang) {
    RequestOptions o = As(township_);
    if (!lang.empty()) o.headers = {{"Accept-Language", lang}};
    HttpResponse r = Create(input, o);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["code"], "org.grid.overlap");
    return r.json().value("title", "");
  };
  EXPECT_NE(title_in("").find("重叠"), std::string::npos);
  EXPECT_NE(title_in("zh-CN,zh;q=0.9").find("网格"), std::string::npos);
  EXPECT_EQ(title_in("en-US,en;q=0.8"), "Grid overlaps a neighbouring grid");
  std::string traditional = title_in("zh-TW");
  EXPECT_NE(traditional.find("網格"), std::string::npos) << traditional;
  EXPECT_NE(traditional.find("重疊"), std::string::npos) << traditional;
  EXPECT_EQ(traditional.find("网格"), std::string::npos) << traditional;

  // The same for an error raised by the server itself.
  RequestOptions en;
  en.headers = {{"Accept-Language", "en"}};
  EXPECT_EQ(Client().Get("/api/v1/orgs/roots", en).json()["title"], "Login required");
}

// Departments take the next free 9xx segment under the county or township they serve; only
// org.write may create them, and nothing half-written follows a refusal.
TEST_F(ApiGrid, DepartmentsTakeTheNextNineHundredCodeUnderTheirParent) {
  const std::string admin = app_->Token("admin");
  Json body = {{"name", "枫桥镇退役军人服务站"}, {"category", "other"}};
  HttpResponse created = Client().Post("/api/v1/orgs/330681109/departments", body, As(admin));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["code"], "330681109905");  // the demo seeds 901..904
  EXPECT_EQ(created.json()["level"], "department");
  HttpResponse second = Client().Post("/api/v1/orgs/330681/departments", body, As(admin));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["code"], "330681911");  // the demo seeds 901..910

  // The township staff see their new department in their tree.
  HttpResponse seen = Client().Get("/api/v1/orgs/330681109905", As(township_));
  EXPECT_EQ(seen.status, 200) << seen.body;

  EXPECT_EQ(Client().Post("/api/v1/orgs/330681109/departments", body, As(township_)).status, 403);
  HttpResponse bad = Client().Post("/api/v1/orgs/330681109/departments",
                                   Json{{"name", "某部门"}, {"category", "nope"}}, As(admin));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["code"], "org.department.category");
  HttpResponse under_village =
      Client().Post("/api/v1/orgs/330681109290/departments", body, As(admin));
  EXPECT_EQ(under_village.status, 404);
  EXPECT_EQ(under_village.json()["code"], "org.department.parent_not_found");
  // The refusals took no code: the next one is still 906.
  HttpResponse third = Client().Post("/api/v1/orgs/330681109/departments", body, As(admin));
  EXPECT_EQ(third.json()["code"], "330681109906");
}

}  // namespace
}  // namespace jiceng::testing
