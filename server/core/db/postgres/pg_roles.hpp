// PostgreSQL roles: the server runs as a role that owns nothing.
//
// The owner role (the one that ran the migrations) grants the server's role, on every table
// and sequence of the current schema, the usual SELECT, INSERT, UPDATE and DELETE (sequences:
// USAGE, SELECT); then, for the tables named in `only`, exactly the privileges listed there and
// nothing else (the audit tables: no UPDATE, DELETE or TRUNCATE). Not owning the tables, the
// server's role cannot drop or disable their triggers either. Run at every start after the
// migrations, so tables added by new migrations get their grants.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/db/database.hpp"

namespace jiceng::core::db {

// (table, privileges): e.g. {"core_audit", "SELECT, INSERT"}. Privileges are SQL keywords
// written by the program, never user input.
using TableRights = std::vector<std::pair<std::string, std::string>>;

// The role a database's connections log in as (current_user).
Result<std::string> CurrentRole(Database& db);

// owner: connections of the tables' owner. Errors: db.role.same (role is the owner: nothing
// would be protected), db.role.owns_tables (role owns some table of the schema), db.error.
Result<void> GrantServerRole(Database& owner, const std::string& role, const TableRights& only);

}  // namespace jiceng::core::db
