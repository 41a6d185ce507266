// What other modules may use of the org module (the only header they may include).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.hpp"
#include "core/auth/scope.hpp"
#include "modules/org/org.hpp"

namespace jiceng::org {

class OrgApi {
 public:
  virtual ~OrgApi() = default;
  // The grid containing a point (lng/lat WGS84), ignoring scope: used to route reports.
  virtual std::optional<std::string> LocateGrid(double lng, double lat) const = 0;
  virtual core::Result<std::optional<OrgNode>> GetNode(const core::auth::Scope& scope,
                                                       const std::string& code) const = 0;
  virtual core::Result<std::vector<std::string>> GridsOfWorker(std::int64_t user_id) const = 0;
  // Whether a 4- or 6-digit code is a prefecture or county anywhere in the country (the national
  // table, whether or not it was loaded into the tree): ID numbers carry such codes.
  virtual bool IsKnownDivisionCode(std::string_view code) const = 0;
  // Every grid code under a prefix, ignoring scope, in code order: for bulk jobs (the demo seed).
  virtual core::Result<std::vector<std::string>> GridCodes(const std::string& prefix) const = 0;
  // The department nodes directly under a county or township, ignoring scope: departments are
  // public routing targets (a township dispatches cases to county departments).
  virtual core::Result<std::vector<OrgNode>> DepartmentsUnder(
      const std::string& parent_code) const = 0;
  // The child nodes of a node that lie in the scope, in code order (departments included).
  virtual core::Result<std::vector<OrgNode>> Children(const core::auth::Scope& scope,
                                                      const std::string& code) const = 0;
  // Names of nodes by code, ignoring scope (names are public, as in breadcrumbs); unknown codes
  // are left out.
  virtual core::Result<std::map<std::string, std::string>> Names(
      const std::vector<std::string>& codes) const = 0;
};

// The module object for main.cpp; also implements OrgApi.
std::unique_ptr<core::app::Module> MakeOrgModule();
OrgApi* AsOrgApi(core::app::Module* module);

}  // namespace jiceng::org
