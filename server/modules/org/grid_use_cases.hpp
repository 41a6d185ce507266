// Use cases on grids: create, update, delete (one file each), sharing the rules in save_grid.cpp.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/app/call.hpp"
#include "core/audit/audit_log.hpp"
#include "core/db/database.hpp"
#include "core/time/clock.hpp"
#include "modules/org/grid_locator.hpp"
#include "modules/org/org.hpp"

namespace jiceng::org {

// Resolves user ids to worker names and phones (from the accounts in core auth); ids that do
// not exist are left out.
using WorkerLookup = std::function<std::vector<GridWorker>(const std::vector<std::int64_t>&)>;

// Lists the grid-worker accounts under an org node that the caller may see and assign.
using WorkerDirectory = std::function<core::Result<std::vector<GridWorker>>(
    const core::auth::Scope&, const std::string& org_code)>;

struct GridDeps {
  core::db::Database& db;
  const core::audit::AuditLog& audit;
  const core::time::Clock& clock;
  GridLocatorService& locator;
  WorkerLookup workers;
  WorkerDirectory worker_directory;
};

core::Result<Grid> CreateGrid(GridDeps& deps, const core::app::Call& call, const GridInput& input);
core::Result<Grid> UpdateGrid(GridDeps& deps, const core::app::Call& call, const std::string& code,
                              const GridInput& input);
core::Result<void> DeleteGrid(GridDeps& deps, const core::app::Call& call, const std::string& code);

// A department (城管, 民政, ...) under the county or township it serves, coded parent + 9xx.
core::Result<OrgNode> CreateDepartment(GridDeps& deps, const core::app::Call& call,
                                       const std::string& parent_code, const std::string& name,
                                       const std::string& category);

// Field rules shared by create and update (name, kind, capacities, hotline).
core::Result<void> CheckGridFields(const GridInput& input);

}  // namespace jiceng::org
