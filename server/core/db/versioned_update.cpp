#include "core/db/versioned_update.hpp"

#include <string>

namespace jiceng::core::db {

Result<std::int64_t> UpdateVersioned(Session& s, std::string_view table, std::string_view set,
                                     Params params, std::int64_t id, std::int64_t version,
                                     const DomainError& conflict) {
  std::string sql = "UPDATE " + std::string(table) + " SET " + std::string(set) +
                    ", version = version + 1 WHERE id = ";
  sql += Bind(params, id);
  sql += " AND version = " + Bind(params, version);
  JC_ASSIGN_OR_RETURN(std::int64_t changed, s.Exec(sql, params));
  if (changed == 0) return conflict;
  return version + 1;
}

}  // namespace jiceng::core::db
