#include "core/db/migrator.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <set>

namespace jiceng::core::db {

namespace {
std::int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

std::vector<Migration> MigrationsOf(const std::string& module) {
  std::vector<Migration> out;
  for (const auto& m : EmbeddedMigrations()) {
    if (m.module == module) out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.number < b.number; });
  return out;
}

Result<void> Migrate(Database& db, const std::vector<Migration>& migrations) {
  const char* dialect_name = db.dialect() == Dialect::kPostgres ? "pg" : "sqlite";
  return db.WriteExclusive([&](Session& s) -> Result<void> {
    JC_TRY(s.ExecScript(
        "CREATE TABLE IF NOT EXISTS core_migrations (module TEXT NOT NULL, number INTEGER NOT NULL,"
        " name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, number))"));
    JC_ASSIGN_OR_RETURN(Rows done, s.Query("SELECT module, number FROM core_migrations"));
    std::set<std::pair<std::string, std::int64_t>> applied;
    for (std::size_t i = 0; i < done.size(); ++i) applied.emplace(done[i].Text(0), done[i].Int(1));
    for (const auto& m : migrations) {
      if (!m.dialect.empty() && m.dialect != dialect_name) continue;
      if (applied.count({m.module, m.number})) continue;
      Result<void> r = s.ExecScript(RewriteTypes(m.sql, db.dialect()));
      if (!r.ok()) {
        DomainError e = r.error();
        e.code = "db.migration";
        e.message = "数据库迁移失败：" + m.module + " " + std::to_string(m.number) + "_" + m.name;
        return e;
      }
      JC_TRY(s.Exec(
          "INSERT INTO core_migrations (module, number, name, applied_at) VALUES ($1, $2, $3, $4)",
          {m.module, std::int64_t{m.number}, m.name, NowMs()}));
      spdlog::debug("applied migration {} {:04}_{}", m.module, m.number, m.name);
    }
    return {};
  });
}

}  // namespace jiceng::core::db
