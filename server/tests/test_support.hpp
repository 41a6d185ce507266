// Shared test helpers: a fresh, migrated database for the driver under test.
// ctest runs the test binary twice: JICENG_TEST_DRIVER=sqlite (temporary file) and
// JICENG_TEST_DRIVER=postgres (a fresh schema in the PostgreSQL named by JICENG_TEST_PG).
#pragma once
#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace jiceng::testing {

// "sqlite" or "postgres".
std::string TestDriver();
// A database URL for a fresh, empty database of the current driver.
std::string FreshDatabaseUrl();
// PostgreSQL with JICENG_TEST_PG_APP (scripts/with-postgres.sh): url for the server's own role
// (owns nothing; the test runner's role owns the tables and migrates) on the same database and
// schema as owner_url. "" otherwise: the server runs as the owner.
std::string ServerRoleUrl(const std::string& owner_url);
// A fresh database with every embedded migration applied. Fails the test (fatally) on error.
std::unique_ptr<core::db::Database> OpenTestDatabase();
// A temporary directory removed at process exit.
std::string TempDir();
// UTF-8 text in GB18030 (a superset of GBK), the encoding of spreadsheets saved by Chinese Excel.
std::string ToGb18030(const std::string& utf8);

}  // namespace jiceng::testing
