#include "modules/org/seed_demo.hpp"

#include <map>

#include "core/module_names.hpp"
#include "modules/org/demo_geometry.hpp"
#include "modules/org/divisions.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

namespace {

// Departments a county and a township commonly have; codes take the 9xx segment.
struct DepartmentSeed {
  const char* segment;
  const char* category;
  const char* name;
};
constexpr DepartmentSeed kCountyDepartments[] = {
    {"901", "urban_management", "综合行政执法局（城管）"},
    {"902", "civil_affairs", "民政局"},
    {"903", "emergency", "应急管理局"},
    {"904", "health", "卫生健康局"},
    {"905", "public_security", "公安局"},
    {"906", "market_regulation", "市场监督管理局"},
    {"907", "human_resources", "人力资源和社会保障局"},
    {"908", "disabled_persons", "残疾人联合会"},
    {"909", "housing", "住房和城乡建设局"},
    {"910", "ecology", "生态环境分局"},
};
constexpr DepartmentSeed kTownshipDepartments[] = {
    {"901", "governance_center", "社会治理中心"},
    {"902", "urban_management", "综合执法队"},
    {"903", "civil_affairs", "社会事务办"},
    {"904", "emergency", "应急管理办"},
};

const char* const kChineseNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// "枫源村委会" -> "枫源村", "天竺社区居委会" -> "天竺社区".
std::string ShortVillageName(std::string name) {
  for (const char* suffix : {"村民委员会", "居民委员会", "居委会", "委会"}) {
    std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return name.substr(0, name.size() - s.size());
    }
  }
  return name;
}

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  std::string org_code;
  const char* phone;
};

}  // namespace

Result<void> SeedDemoCounty(core::app::AppContext& ctx, const core::app::DemoOptions& options) {
  std::int64_t now = ctx.clock.NowMs();
  DivisionLoad load;
  load.data_dir = FindDivisionDataDir(options.divisions_dir);
  load.county_codes = {kDemoCounty};
  auto loaded = LoadDivisions(ctx.db, load, now);
  if (!loaded.ok()) return loaded.error();

  // Townships and villages as loaded, in code order.
  std::vector<OrgNode> townships;
  std::map<std::string, std::vector<OrgNode>> villages;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(townships, store.Children(core::auth::Scope::All(), kDemoCounty, "", 1000));
    for (const auto& t : townships) {
      JC_ASSIGN_OR_RETURN(villages[t.code],
                          store.Children(core::auth::Scope::All(), t.code, "", 1000));
    }
    return {};
  }));
  DemoMapInput input;
  input.centre_lng = 120.24;
  input.centre_lat = 29.71;
  input.area_km2 = 2311;
  input.seed = 330681;
  std::map<std::string, std::string> village_names;
  for (const auto& t : townships) {
    DemoTownshipInput ti{t.code, {}};
    for (const auto& v : villages[t.code]) {
      ti.village_codes.push_back(v.code);
      village_names[v.code] = v.name;
    }
    if (!ti.village_codes.empty()) input.townships.push_back(std::move(ti));
  }
  JC_ASSIGN_OR_RETURN(DemoMap map, GenerateDemoMap(input));

  std::vector<std::string> demo_grids;  // the first two grids of the demo village
  JC_TRY(ctx.db.WriteExclusive([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    const auto all = core::auth::Scope::All();
    JC_TRY(store.SetBoundary(all, kDemoCounty, core::geo::ToGeoJson(map.county).dump(), now));
    for (const auto& t : map.townships)
      JC_TRY(store.SetBoundary(all, t.code, core::geo::ToGeoJson(t.boundary).dump(), now));
    std::vector<OrgNode> nodes;
    for (const auto& v : map.villages) {
      JC_TRY(store.SetBoundary(all, v.code, core::geo::ToGeoJson(v.boundary).dump(), now));
      std::string short_name = ShortVillageName(village_names[v.code]);
      for (std::size_t i = 0; i < v.grids.size(); ++i) {
        Grid g;
        g.code = v.grids[i].code;
        g.village_code = v.code;
        g.name = short_name + "第" + kChineseNumerals[i % 10] + "网格";
        g.kind = "comprehensive";
        g.household_capacity =
            300 + static_cast<std::int64_t>((std::hash<std::string>{}(g.code) % 200));
        g.population_capacity = g.household_capacity * 3;
        g.hotline = "0575-8700" + g.code.substr(g.code.size() - 4);
        g.geometry = core::geo::ToGeoJson(v.grids[i].boundary);
        g.area_m2 = core::geo::AreaSquareMetres(v.grids[i].boundary);
        g.version = 1;
        g.updated_at = now;
        g.updated_by = "system";
        nodes.push_back({g.code, v.code, g.name, OrgLevel::kGrid, g.kind, "", 0});
        JC_TRY(store.InsertGrid(all, g));
        JC_TRY(store.SaveVersion(g, false, now, "system"));
        if (v.code == kDemoVillage && demo_grids.size() < 2) demo_grids.push_back(g.code);
      }
    }
    for (const auto& d : kCountyDepartments) {
      nodes.push_back({std::string(kDemoCounty) + d.segment, kDemoCounty, d.name,
                       OrgLevel::kDepartment, "department", d.category, 0});
    }
    for (const auto& d : kTownshipDepartments) {
      nodes.push_back({std::string(kDemoTownship) + d.segment, kDemoTownship,
                       std::string("枫桥镇") + d.name, OrgLevel::kDepartment, "department",
                       d.category, 0});
    }
    JC_TRY(store.UpsertNodes(nodes, now));
    JC_TRY(store.RecountAllChildren());
    core::audit::AuditEntry e;
    e.actor = "system";
    e.action = "org.demo.seed";
    e.target_type = "county";
    e.target_id = kDemoCounty;
    e.org_code = kDemoCounty;
    e.summary =
        nlohmann::json{{"villages", map.villages.size()}, {"grid_nodes", nodes.size()}}.dump();
    e.source = "cli";
    return ctx.audit.Append(s, e);
  }));
  if (demo_grids.size() < 2) return DomainError::Internal("org.demo.grids", "演示村网格不足两个");

  const std::vector<DemoAccount> accounts = {
      {"admin", "系统管理员", "system_admin", kDemoCounty, ""},
      {"security", "安全管理员", "security_admin", kDemoCounty, ""},
      {"auditor", "审计管理员", "audit_admin", kDemoCounty, ""},
      {"county", "诸暨市社会治理中心", "county_staff", kDemoCounty, "0575-87000001"},
      {"township", "陈刚（枫桥镇综治中心）", "township_staff", kDemoTownship, "0575-87000002"},
      {"village", "李明（枫源村）", "village_staff", kDemoVillage, "13857500003"},
      {"grid1", "王丽", "grid_worker", kDemoVillage, "13857500001"},
      {"grid2", "赵强", "grid_worker", kDemoVillage, "13857500002"},
      {"chengguan", "周敏（城管）", "department_handler", std::string(kDemoCounty) + "901",
       "0575-87000003"},
      {"hotline", "孙燕（12345 热线）", "hotline_operator", kDemoCounty, "0575-12345000"},
      {"organizer", "何建华（枫桥镇党委组织委员）", "party_organizer", kDemoTownship,
       "0575-87000004"},
      {"secretary", "杨志强（枫源村党委书记）", "party_secretary", kDemoVillage, "13857500004"},
      {"supervisor", "陈淑芬（枫源村务监督委员会）", "supervisor", kDemoVillage, "13857500005"},
  };
  core::auth::RequestInfo info{"demo", "cli"};
  std::vector<std::int64_t> worker_ids;
  for (const auto& a : accounts) {
    core::auth::NewUser nu{a.username,       a.display_name, a.org_code,
                           options.password, {a.role},       a.phone};
    nu.temporary_password = false;  // published demo passwords; real accounts change theirs
    JC_ASSIGN_OR_RETURN(core::auth::UserRecord user,
                        ctx.auth.CreateUser(core::auth::AuthService::SystemActor(), nu, info));
    if (std::string(a.role) == "grid_worker") worker_ids.push_back(user.id);
  }
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    for (std::size_t i = 0; i < 2; ++i) {
      JC_TRY(store.SetWorkers(core::auth::Scope::All(), demo_grids[i], {worker_ids[i]}));
    }
    return {};
  }));
  return {};
}

}  // namespace jiceng::org
