// Create and update a grid. All checks run inside the write transaction, so two concurrent
// edits cannot both pass the overlap test against a state that no longer exists.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/geo/geometry.hpp"
#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/org/grid_use_cases.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

namespace {

bool ValidHotline(const std::string& s) {
  if (s.size() < 3 || s.size() > 20) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

struct Checked {
  OrgNode village;
  core::geo::Polygon polygon;
  std::vector<GridWorker> workers;
};

// Everything a grid must satisfy against the data already stored.
Result<Checked> CheckAgainstStore(OrgStore& store, GridDeps& deps, const core::app::Call& call,
                                  const GridInput& in, const std::string& self_code) {
  JC_TRY(CheckGridFields(in));
  JC_ASSIGN_OR_RETURN(std::optional<OrgNode> village,
                      store.GetNode(call.who.ManagementScope(), in.village_code));
  if (!village || village->level != OrgLevel::kVillage) {
    return DomainError::NotFound("org.grid.village_not_found",
                                 "所属村（社区）不存在或不在您的管辖范围内");
  }
  JC_ASSIGN_OR_RETURN(core::geo::Polygon polygon, core::geo::ParseGeoJsonPolygon(in.geometry));
  // Integrity checks look at the whole village whatever the caller's own scope.
  const Scope all = Scope::All();
  JC_ASSIGN_OR_RETURN(std::optional<std::string> boundary, store.Boundary(all, in.village_code));
  if (boundary) {
    auto outer = core::geo::ParseGeoJsonPolygon(nlohmann::json::parse(*boundary, nullptr, false));
    if (outer.ok() && !core::geo::Within(polygon, outer.value())) {
      return DomainError::Invalid("org.grid.outside_village", "网格超出了所属村（社区）的边界",
                                  "geometry");
    }
  }
  JC_ASSIGN_OR_RETURN(std::vector<Grid> siblings, store.GridsOfVillage(all, in.village_code));
  for (const Grid& sibling : siblings) {
    if (sibling.code == self_code) continue;
    auto other = core::geo::ParseGeoJsonPolygon(sibling.geometry);
    if (other.ok() && core::geo::Overlaps(polygon, other.value())) {
      DomainError e = DomainError::Invalid("org.grid.overlap",
                                           "网格与相邻网格“" + sibling.name + "”重叠", "geometry");
      e.detail = sibling.code;
      return e;
    }
  }
  // Assignable workers: grid-worker accounts of the same township within the caller's scope.
  std::vector<GridWorker> workers;
  if (!in.worker_ids.empty()) {
    if (!deps.worker_directory) {
      return DomainError::Invalid("org.grid.worker_unknown", "无法核实网格员账号", "worker_ids");
    }
    JC_ASSIGN_OR_RETURN(
        std::vector<GridWorker> assignable,
        deps.worker_directory(call.who.ManagementScope(), in.village_code.substr(0, 9)));
    for (std::int64_t id : in.worker_ids) {
      auto it = std::find_if(assignable.begin(), assignable.end(),
                             [&](const GridWorker& w) { return w.user_id == id; });
      if (it == assignable.end()) {
        return DomainError::Invalid("org.grid.worker_unknown",
                                    "网格员账号不存在或不属于本乡镇（街道）：" + std::to_string(id),
                                    "worker_ids");
      }
      workers.push_back(*it);
    }
  }
  return Checked{std::move(*village), std::move(polygon), std::move(workers)};
}

Grid GridFromInput(const GridInput& in, const std::string& code,
                   const core::geo::Polygon& polygon) {
  Grid g;
  g.code = code;
  g.village_code = in.village_code;
  g.name = in.name;
  g.kind = in.kind;
  g.dedicated_kind = in.kind == "dedicated" ? in.dedicated_kind : "";
  g.household_capacity = in.household_capacity;
  g.population_capacity = in.population_capacity;
  g.hotline = in.hotline;
  g.geometry = core::geo::ToGeoJson(polygon);
  g.area_m2 = core::geo::AreaSquareMetres(polygon);
  return g;
}

// The state to store: the checked input stamped with its version, time and author.
Grid NewState(GridDeps& deps, const core::app::Call& call, const GridInput& in,
              const std::string& code, const Checked& checked, std::int64_t version) {
  Grid g = GridFromInput(in, code, checked.polygon);
  g.version = version;
  g.updated_at = deps.clock.NowMs();
  g.updated_by = call.who.username;
  g.workers = checked.workers;
  return g;
}

// Writes a grid's new state: its org-tree node (so scopes and breadcrumbs work for grids), its
// row, its workers and a version snapshot.
Result<void> StoreState(OrgStore& store, const core::app::Call& call, const Grid& g, bool is_new) {
  OrgNode node{g.code, g.village_code, g.name, OrgLevel::kGrid, g.kind, g.dedicated_kind, 0};
  JC_TRY(store.UpsertNodes({node}, g.updated_at));
  JC_TRY(is_new ? store.InsertGrid(call.who.ManagementScope(), g)
                : store.UpdateGrid(call.who.ManagementScope(), g));
  std::vector<std::int64_t> worker_ids;
  for (const auto& w : g.workers) worker_ids.push_back(w.user_id);
  JC_TRY(store.SetWorkers(call.who.ManagementScope(), g.code, worker_ids));
  return store.SaveVersion(g, false, g.updated_at, call.who.username);
}

}  // namespace

Result<void> CheckGridFields(const GridInput& in) {
  std::size_t name_length = core::text::Utf8Length(in.name);
  if (name_length == 0 || name_length > 50) {
    return DomainError::Invalid("org.grid.name", "网格名称不能为空，且不超过 50 个字", "name");
  }
  if (in.kind != "comprehensive" && in.kind != "dedicated") {
    return DomainError::Invalid("org.grid.kind", "网格类型应为综合网格或专属网格", "kind");
  }
  static const std::set<std::string> kDedicated = {"school", "hospital", "park", "enterprise"};
  if (in.kind == "dedicated" && !kDedicated.count(in.dedicated_kind)) {
    return DomainError::Invalid("org.grid.dedicated_kind",
                                "专属网格须注明类型：学校、医院、园区或企业", "dedicated_kind");
  }
  if (in.household_capacity < 0 || in.household_capacity > 100000) {
    return DomainError::Invalid("org.grid.household_capacity", "户数容量应在 0 到 100000 之间",
                                "household_capacity");
  }
  if (in.population_capacity < 0 || in.population_capacity > 1000000) {
    return DomainError::Invalid("org.grid.population_capacity", "人口容量应在 0 到 1000000 之间",
                                "population_capacity");
  }
  if (!in.hotline.empty() && !ValidHotline(in.hotline)) {
    return DomainError::Invalid("org.grid.hotline", "监督电话只能包含数字和连字符，3 到 20 位",
                                "hotline");
  }
  return {};
}

Result<Grid> CreateGrid(GridDeps& deps, const core::app::Call& call, const GridInput& in) {
  Grid saved;
  core::geo::Polygon polygon;
  JC_TRY(deps.db.Write([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(Checked checked, CheckAgainstStore(store, deps, call, in, ""));
    JC_ASSIGN_OR_RETURN(int last, store.LastGridSequence(Scope::All(), in.village_code));
    if (last >= 999)
      return DomainError::Conflict("org.grid.sequence_full", "该村（社区）的网格编号已用尽");
    Grid g =
        NewState(deps, call, in, in.village_code + fmt::format("{:03d}", last + 1), checked, 1);
    JC_TRY(StoreState(store, call, g, true));
    JC_TRY(store.RecountChildren({g.village_code}));
    JC_TRY(deps.audit.Append(
        s, call.Audit("org.grid.create", "grid", g.code, g.code, {{"after", GridSnapshot(g)}})));
    saved = std::move(g);
    polygon = std::move(checked.polygon);
    return {};
  }));
  deps.locator.Put(saved.code, polygon);
  return saved;
}

Result<Grid> UpdateGrid(GridDeps& deps, const core::app::Call& call, const std::string& code,
                        const GridInput& input) {
  Grid saved;
  core::geo::Polygon polygon;
  JC_TRY(deps.db.Write([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(std::optional<Grid> before,
                        store.GetGrid(call.who.ManagementScope(), code));
    if (!before) return DomainError::NotFound("org.grid.not_found", "网格不存在");
    if (!input.version)
      return DomainError::Invalid("org.grid.version_required", "修改网格须提供版本号", "version");
    if (*input.version != before->version) {
      return DomainError::Conflict("org.grid.version_conflict", "网格已被他人修改，请刷新后再试",
                                   "version");
    }
    GridInput in = input;
    in.village_code = before->village_code;  // a grid never moves to another village
    JC_ASSIGN_OR_RETURN(Checked checked, CheckAgainstStore(store, deps, call, in, code));
    Grid g = NewState(deps, call, in, code, checked, before->version + 1);
    JC_TRY(StoreState(store, call, g, false));
    JC_TRY(deps.audit.Append(
        s, call.Audit("org.grid.update", "grid", g.code, g.code,
                      {{"before", GridSnapshot(*before)}, {"after", GridSnapshot(g)}})));
    saved = std::move(g);
    polygon = std::move(checked.polygon);
    return {};
  }));
  deps.locator.Put(saved.code, polygon);
  return saved;
}

}  // namespace jiceng::org
