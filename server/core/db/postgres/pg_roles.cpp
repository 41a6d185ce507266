#include "core/db/postgres/pg_roles.hpp"

namespace jiceng::core::db {

Result<std::string> CurrentRole(Database& db) {
  if (db.dialect() != Dialect::kPostgres) {
    return DomainError::Invalid("db.role.unsupported", "只有 PostgreSQL 区分数据库角色");
  }
  JC_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT current_user"));
  if (rows.empty()) return DomainError::Internal("db.error", "无法读取当前数据库角色");
  return rows[0].Text(0);
}

Result<void> GrantServerRole(Database& owner, const std::string& role, const TableRights& only) {
  if (owner.dialect() != Dialect::kPostgres) {
    return DomainError::Invalid("db.role.unsupported", "只有 PostgreSQL 区分数据库角色");
  }
  return owner.Write([&](Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(Rows me, s.Query("SELECT current_user, current_schema()"));
    if (me.empty() || me[0].Text(1).empty()) {
      return DomainError::Internal("db.error", "无法确定当前模式（schema）");
    }
    if (me[0].Text(0) == role) {
      return DomainError::Invalid("db.role.same",
                                  "服务角色与表的属主相同，审计表无法受到保护：" + role,
                                  "[database] owner_url");
    }
    JC_ASSIGN_OR_RETURN(Rows owned, s.Query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = "
                                            "current_schema() AND tableowner = $1",
                                            {role}));
    if (!owned.empty() && owned[0].Int(0) > 0) {
      return DomainError::Invalid("db.role.owns_tables",
                                  "服务角色拥有数据表，应由属主角色执行迁移：" + role,
                                  "[database] owner_url");
    }
    // format() quotes the names (%I); the statements are then run as text.
    auto run = [&](const std::string& pattern, const Params& params) -> Result<void> {
      JC_ASSIGN_OR_RETURN(Rows stmt, s.Query("SELECT format(" + pattern + ")", params));
      JC_TRY(s.Exec(stmt[0].Text(0)));
      return {};
    };
    JC_TRY(run("'GRANT USAGE ON SCHEMA %I TO %I', current_schema(), $1::text", {role}));
    JC_TRY(
        run("'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', "
            "current_schema(), $1::text",
            {role}));
    JC_TRY(
        run("'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), "
            "$1::text",
            {role}));
    for (const auto& [table, privileges] : only) {
      JC_TRY(run("'REVOKE ALL ON %I.%I FROM %I', current_schema(), $1::text, $2::text",
                 {table, role}));
      JC_TRY(run("'GRANT " + privileges + " ON %I.%I TO %I', current_schema(), $1::text, $2::text",
                 {table, role}));
    }
    return {};
  });
}

}  // namespace jiceng::core::db
