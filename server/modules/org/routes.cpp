#include "modules/org/routes.hpp"

#include <cmath>

#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "modules/org/org_json.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

namespace {

// Runs fn with a store on a read connection.
Result<Json> WithStore(GridDeps& deps, const std::function<Result<Json>(OrgStore&)>& fn) {
  Json out;
  JC_TRY(deps.db.Read([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(out, fn(store));
    return {};
  }));
  return out;
}

Json Page(const std::vector<OrgNode>& nodes, int limit) {
  Json items = Json::array();
  for (std::size_t i = 0; i < nodes.size() && static_cast<int>(i) < limit; ++i)
    items.push_back(NodeJson(nodes[i]));
  Json next = static_cast<int>(nodes.size()) > limit
                  ? Json(nodes[static_cast<std::size_t>(limit) - 1].code)
                  : Json(nullptr);
  return {{"items", items}, {"next_cursor", next}};
}

void FillWorkers(GridDeps& deps, Grid& g) {
  if (g.workers.empty() || !deps.workers) return;
  std::vector<std::int64_t> ids;
  for (const auto& w : g.workers) ids.push_back(w.user_id);
  g.workers = deps.workers(ids);
}

Result<Grid> VisibleGrid(OrgStore& store, const core::auth::Scope& scope, const std::string& code) {
  JC_ASSIGN_OR_RETURN(std::optional<Grid> g, store.GetGrid(scope, code));
  if (!g) return DomainError::NotFound("org.grid.not_found", "网格不存在或不在您的管辖范围内");
  return std::move(*g);
}

}  // namespace

void RegisterOrgRoutes(core::http::Router& router, GridDeps& deps) {
  using core::http::Answering;
  router.SetTag("org");

  router.Get("/api/v1/orgs/roots", Answering([&deps](Request& req) {
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(auto nodes, store.Roots(req.Who().ManagementScope()));
                 Json items = Json::array();
                 for (const auto& n : nodes) items.push_back(NodeJson(n));
                 return Json{{"items", items}, {"next_cursor", nullptr}};
               });
             }),
             "org.read", "Top org nodes of the caller's data scope");

  router.Get(
      "/api/v1/orgs/{code}", Answering([&deps](Request& req) {
        return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
          std::string code = req.Param("code");
          JC_ASSIGN_OR_RETURN(auto node, store.GetNode(req.Who().ManagementScope(), code));
          if (!node)
            return DomainError::NotFound("org.not_found", "组织节点不存在或不在您的管辖范围内");
          Json j = NodeJson(*node);
          JC_ASSIGN_OR_RETURN(auto names, store.Names(AncestorCodes(code)));
          Json path = Json::array();
          for (const auto& [c, n] : names) path.push_back({{"code", c}, {"name", n}});
          j["path"] = path;
          JC_ASSIGN_OR_RETURN(auto boundary, store.Boundary(req.Who().ManagementScope(), code));
          j["has_boundary"] = boundary.has_value();
          return j;
        });
      }),
      "org.read", "One org node with its path");

  router.Get("/api/v1/orgs/{code}/children", Answering([&deps](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req));
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 std::string code = req.Param("code");
                 JC_ASSIGN_OR_RETURN(auto node, store.GetNode(req.Who().ManagementScope(), code));
                 if (!node)
                   return DomainError::NotFound("org.not_found",
                                                "组织节点不存在或不在您的管辖范围内");
                 JC_ASSIGN_OR_RETURN(auto nodes, store.Children(req.Who().ManagementScope(), code,
                                                                req.Query("cursor"), limit + 1));
                 return Page(nodes, limit);
               });
             }),
             "org.read", "Children of an org node, paged");

  router.Get("/api/v1/orgs", Answering([&deps](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req));
               std::string q = req.Query("q");
               if (q.empty() || q.size() > 150)
                 return DomainError::Invalid("http.bad_query", "请输入要查找的名称（不超过 50 字）",
                                             "q");
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(auto nodes, store.Search(req.Who().ManagementScope(), q,
                                                              req.Query("cursor"), limit + 1));
                 return Page(nodes, limit);
               });
             }),
             "org.read", "Find org nodes by name within scope");

  router.Get("/api/v1/orgs/{code}/boundary", Answering([&deps](Request& req) {
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(
                     auto boundary, store.Boundary(req.Who().ManagementScope(), req.Param("code")));
                 if (!boundary)
                   return DomainError::NotFound("org.boundary.not_found", "该组织节点没有边界数据");
                 return Json{{"type", "Feature"},
                             {"id", req.Param("code")},
                             {"geometry", Json::parse(*boundary, nullptr, false)},
                             {"properties", {{"code", req.Param("code")}}}};
               });
             }),
             "org.read", "Boundary of a village as a GeoJSON Feature");

  router.Get("/api/v1/orgs/{code}/grids", Answering([&deps](Request& req) {
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 // The village must be in scope, or contain the caller's scope (a grid worker's
                 // grids).
                 std::string code = req.Param("code");
                 const auto& scope = req.Who().ManagementScope();
                 bool reaches = scope.Covers(code);
                 for (const auto& prefix : scope.prefixes())
                   reaches = reaches || prefix.rfind(code, 0) == 0;
                 if (!reaches)
                   return DomainError::NotFound("org.not_found",
                                                "组织节点不存在或不在您的管辖范围内");
                 JC_ASSIGN_OR_RETURN(auto grids, store.GridsOfVillage(scope, code));
                 Json features = Json::array();
                 for (auto& g : grids) {
                   FillWorkers(deps, g);
                   features.push_back(GridFeature(g));
                 }
                 return Json{{"type", "FeatureCollection"}, {"features", features}};
               });
             }),
             "org.read", "Grids of a village as a GeoJSON FeatureCollection");

  router.Post(
      "/api/v1/orgs/{code}/departments",
      Answering(
          [&deps](Request& req) -> Result<Json> {
            JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
            JC_ASSIGN_OR_RETURN(std::string name, core::http::StringField(body, "name"));
            JC_ASSIGN_OR_RETURN(std::string category, core::http::StringField(body, "category"));
            JC_ASSIGN_OR_RETURN(OrgNode node, CreateDepartment(deps, Call::Of(req),
                                                               req.Param("code"), name, category));
            return NodeJson(node);
          },
          201),
      "org.write", "Create a department under a county or township");

  router.Get(
      "/api/v1/orgs/{code}/grid-workers", Answering([&deps](Request& req) -> Result<Json> {
        // Outside the scope the node is not found, as on every node route: an empty
        // list would tell that the code exists.
        JC_TRY(WithStore(deps, [&](OrgStore& store) -> Result<Json> {
          JC_ASSIGN_OR_RETURN(auto node,
                              store.GetNode(req.Who().ManagementScope(), req.Param("code")));
          if (!node)
            return DomainError::NotFound("org.not_found", "组织节点不存在或不在您的管辖范围内");
          return Json();
        }));
        JC_ASSIGN_OR_RETURN(auto workers,
                            deps.worker_directory(req.Who().ManagementScope(), req.Param("code")));
        Json items = Json::array();
        for (const auto& w : workers)
          items.push_back({{"user_id", w.user_id}, {"name", w.name}, {"phone", w.phone}});
        return Json{{"items", items}, {"next_cursor", nullptr}};
      }),
      "org.grid.write",
      "Grid-worker accounts under an org node that the caller can assign to grids");

  router.Get("/api/v1/grids/locate", Answering([&deps](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(double lng, core::http::NumberParam(req, "lng", -180, 180));
               JC_ASSIGN_OR_RETURN(double lat, core::http::NumberParam(req, "lat", -90, 90));
               std::optional<std::string> code = deps.locator.Locate(lng, lat);
               if (!code)
                 return DomainError::NotFound("org.grid.not_located", "该位置不在任何网格内");
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(auto g, store.GetGrid(req.Who().ManagementScope(), *code));
                 if (!g)
                   return DomainError::NotFound("org.grid.not_located",
                                                "该位置不在您管辖范围内的任何网格内");
                 FillWorkers(deps, *g);
                 return GridFeature(*g);
               });
             }),
             "org.read", "The grid containing a point");

  router.Get("/api/v1/grids/{code}", Answering([&deps](Request& req) {
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(
                     Grid g, VisibleGrid(store, req.Who().ManagementScope(), req.Param("code")));
                 FillWorkers(deps, g);
                 return GridFeature(g);
               });
             }),
             "org.read", "One grid as a GeoJSON Feature");

  router.Get("/api/v1/grids/{code}/versions", Answering([&deps](Request& req) {
               return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                 JC_ASSIGN_OR_RETURN(
                     auto versions, store.Versions(req.Who().ManagementScope(), req.Param("code")));
                 if (versions.empty())
                   return DomainError::NotFound("org.grid.not_found",
                                                "网格不存在或不在您的管辖范围内");
                 Json items = Json::array();
                 for (const auto& v : versions) {
                   items.push_back({{"version", v.version},
                                    {"at", core::time::FormatIsoUtc(v.at)},
                                    {"actor", v.actor},
                                    {"deleted", v.deleted},
                                    {"name", v.snapshot.value("name", "")},
                                    {"geometry", v.snapshot.value("geometry", Json())}});
                 }
                 return Json{{"items", items}};
               });
             }),
             "org.read", "Version history of a grid");

  router.Post("/api/v1/grids",
              Answering(
                  [&deps](Request& req) -> Result<Json> {
                    JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
                    JC_ASSIGN_OR_RETURN(GridInput input, GridInputFromJson(body));
                    JC_ASSIGN_OR_RETURN(Grid grid, CreateGrid(deps, Call::Of(req), input));
                    FillWorkers(deps, grid);
                    return GridFeature(grid);
                  },
                  201),
              "org.grid.write", "Create a grid under a village");

  router.Put("/api/v1/grids/{code}", Answering([&deps](Request& req) -> Result<Json> {
               JC_ASSIGN_OR_RETURN(Json body, req.JsonBody());
               JC_ASSIGN_OR_RETURN(GridInput input, GridInputFromJson(body));
               JC_ASSIGN_OR_RETURN(Grid grid,
                                   UpdateGrid(deps, Call::Of(req), req.Param("code"), input));
               FillWorkers(deps, grid);
               return GridFeature(grid);
             }),
             "org.grid.write", "Change a grid (send the version you read)");

  router.Delete(
      "/api/v1/grids/{code}",
      [&deps](Request& req) {
        auto r = DeleteGrid(deps, Call::Of(req), req.Param("code"));
        if (!r.ok()) return Response::Problem(r.error(), req);
        return Response::NoContent();
      },
      "org.grid.write", "Delete a grid (kept in its version history)");

  router.Public("GET", "/api/v1/public/grids/{code}", Answering([&deps](Request& req) {
                  return WithStore(deps, [&](OrgStore& store) -> Result<Json> {
                    // What the law makes public about a grid, and nothing else.
                    JC_ASSIGN_OR_RETURN(
                        Grid g, VisibleGrid(store, core::auth::Scope::All(), req.Param("code")));
                    FillWorkers(deps, g);
                    Json workers = Json::array();
                    for (const auto& w : g.workers)
                      workers.push_back({{"name", w.name}, {"phone", w.phone}});
                    return Json{{"code", g.code},
                                {"name", g.name},
                                {"area_m2", std::round(g.area_m2)},
                                {"workers", workers},
                                {"hotline", g.hotline}};
                  });
                }),
                "Public grid card: name, area, grid workers and supervision hotline");
}

}  // namespace jiceng::org
