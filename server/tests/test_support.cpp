#include "tests/test_support.hpp"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "core/db/migrator.hpp"

namespace jiceng::testing {

namespace {
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
std::atomic<int> counter{0};
}  // namespace

std::string TestDriver() {
  std::string d = Env("JICENG_TEST_DRIVER");
  return d.empty() ? "sqlite" : d;
}

std::string TempDir() {
  static std::string dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jiceng-test-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    std::string path = made ? made : "/tmp";
    static struct Cleanup {
      std::string p;
      ~Cleanup() {
        std::error_code ec;
        std::filesystem::remove_all(p, ec);
      }
    } cleanup{path};
    return path;
  }();
  return dir;
}

std::string FreshDatabaseUrl() {
  int n = ++counter;
  if (TestDriver() != "postgres") return TempDir() + "/t" + std::to_string(n) + ".db";
  std::string base = Env("JICENG_TEST_PG");
  if (base.empty()) {
    ADD_FAILURE() << "JICENG_TEST_DRIVER=postgres needs JICENG_TEST_PG (run through make test)";
    return {};
  }
  // One schema per test database, so tests never see each other's rows.
  std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(n);
  auto admin = core::db::Open(base);
  if (!admin.ok()) {
    ADD_FAILURE() << "cannot connect to " << base << ": " << admin.error().detail;
    return {};
  }
  auto r = (*admin)->Write(
      [&](core::db::Session& s) { return s.ExecScript("CREATE SCHEMA " + schema); });
  EXPECT_TRUE(r.ok()) << r.error().detail;
  (*admin)->Close();
  std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  return base + sep + "options=-csearch_path%3D" + schema;
}

std::string ServerRoleUrl(const std::string& owner_url) {
  if (TestDriver() != "postgres") return {};
  std::string base = Env("JICENG_TEST_PG"), app = Env("JICENG_TEST_PG_APP");
  if (base.empty() || app.empty() || owner_url.rfind(base, 0) != 0) return {};
  return app + owner_url.substr(base.size());
}

std::unique_ptr<core::db::Database> OpenTestDatabase() {
  std::string url = FreshDatabaseUrl();
  core::db::OpenOptions options;
  options.read_connections = 2;
  auto db = core::db::Open(url, options);
  if (!db.ok()) {
    ADD_FAILURE() << "open " << url << ": " << db.error().message << " " << db.error().detail;
    return nullptr;
  }
  auto m = core::db::Migrate(**db, core::db::EmbeddedMigrations());
  if (!m.ok()) {
    ADD_FAILURE() << m.error().message << ": " << m.error().detail;
    return nullptr;
  }
  return std::move(*db);
}

std::string ToGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace jiceng::testing
