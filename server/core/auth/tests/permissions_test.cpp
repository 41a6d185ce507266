#include "core/auth/permissions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jiceng::core::auth {
namespace {

std::set<std::string> PermissionsOf(const std::string& role) {
  auto r = FindRole(role);
  EXPECT_TRUE(r.has_value()) << role;
  return r ? std::set<std::string>(r->permissions.begin(), r->permissions.end())
           : std::set<std::string>{};
}

// Core's own grants only: modules (and other tests in this binary) add theirs to the same
// process-wide catalogue.
std::set<std::string> CorePermissionsOf(const std::string& role) {
  static const std::set<std::string> kCore = {
      "org.read",  "org.write",       "org.grid.write",          "user.read",       "user.write",
      "role.read", "security.unlock", "security.password.reset", "security.policy", "audit.read"};
  std::set<std::string> out;
  for (const auto& p : PermissionsOf(role)) {
    if (kCore.count(p)) out.insert(p);
  }
  return out;
}

TEST(AuthPermissions, TemplatesOfTheApiContract) {
  EXPECT_EQ(CorePermissionsOf("system_admin"),
            (std::set<std::string>{"org.read", "org.write", "org.grid.write", "user.read",
                                   "user.write", "role.read"}));
  EXPECT_EQ(CorePermissionsOf("security_admin"),
            (std::set<std::string>{"user.read", "role.read", "security.unlock",
                                   "security.password.reset", "security.policy"}));
  EXPECT_EQ(CorePermissionsOf("audit_admin"), (std::set<std::string>{"audit.read"}));
  for (const char* staff : {"county_staff", "township_staff", "village_staff"}) {
    EXPECT_EQ(CorePermissionsOf(staff), (std::set<std::string>{"org.read", "org.grid.write"}));
  }
  EXPECT_EQ(CorePermissionsOf("department_handler"), (std::set<std::string>{"org.read"}));
  EXPECT_EQ(CorePermissionsOf("grid_worker"), (std::set<std::string>{"org.read"}));
}

TEST(AuthPermissions, EveryGrantedPermissionIsInTheCatalogue) {
  for (const auto& role : Roles()) {
    EXPECT_FALSE(role.name.empty());
    for (const auto& p : role.permissions)
      EXPECT_TRUE(PermissionExists(p)) << role.code << " " << p;
  }
}

TEST(AuthPermissions, SeparationOfDutiesHolds) {
  const auto sys = PermissionsOf("system_admin");
  const auto sec = PermissionsOf("security_admin");
  const auto aud = PermissionsOf("audit_admin");
  auto shared = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    std::vector<std::string> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  };
  // role.read and user.read are what the system and security admins both need to see whom
  // they administer; the contract gives both to both, so only write/security/audit powers are
  // required to be disjoint.
  for (const auto& p : shared(sys, sec)) EXPECT_TRUE(p == "user.read" || p == "role.read") << p;
  EXPECT_TRUE(shared(sys, aud).empty());
  EXPECT_TRUE(shared(sec, aud).empty());
  for (const auto& p : sys) {
    EXPECT_NE(p.rfind("security.", 0), 0u) << p;
    EXPECT_NE(p.rfind("audit.", 0), 0u) << p;
  }
  EXPECT_EQ(sec.count("user.write"), 0u);
  EXPECT_EQ(aud.count("org.read"), 0u);
}

TEST(AuthPermissions, RegistrationRefusesGrantsBreakingSeparation) {
  auto bad = RegisterPermission("audit.export", "导出审计日志", {"system_admin"});
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(PermissionExists("audit.export"));  // nothing half-registered
  EXPECT_FALSE(GrantPermission("system_admin", "security.unlock").ok());
  EXPECT_FALSE(GrantPermission("audit_admin", "user.write").ok());
  EXPECT_FALSE(GrantPermission("security_admin", "audit.read").ok());
  EXPECT_TRUE(CheckSeparationOfDuties().ok());
}

TEST(AuthPermissions, ModulesRegisterPermissionsAndRoles) {
  ASSERT_TRUE(RegisterPermission("test.cases.dispatch", "测试：派遣案件",
                                 {"county_staff", "township_staff"})
                  .ok());
  EXPECT_TRUE(PermissionExists("test.cases.dispatch"));
  EXPECT_EQ(PermissionsOf("county_staff").count("test.cases.dispatch"), 1u);
  EXPECT_EQ(PermissionsOf("village_staff").count("test.cases.dispatch"), 0u);
  // Registering again is harmless.
  EXPECT_TRUE(RegisterPermission("test.cases.dispatch", "测试：派遣案件").ok());
  EXPECT_FALSE(RegisterPermission("test.x", "x", {"no_such_role"}).ok());

  // The catalogue is process-wide: tolerate a repeated run (--gtest_repeat).
  if (!FindRole("test_hotline")) {
    EXPECT_TRUE(RegisterRole({"test_hotline", "测试：热线坐席", {"test.cases.dispatch"}}).ok());
  }
  EXPECT_FALSE(RegisterRole({"test_hotline", "重复", {}}).ok());
  EXPECT_FALSE(RegisterRole({"test_other", "未知权限", {"test.nope"}}).ok());
  // The union of the roles' permissions (modules registered earlier in the process may have
  // added to grid_worker's).
  std::set<std::string> expected = PermissionsOf("grid_worker");
  expected.insert("test.cases.dispatch");
  EXPECT_EQ(PermissionsOfRoles({"test_hotline", "grid_worker"}), expected);
  EXPECT_EQ(PermissionsOf("grid_worker").count("org.read"), 1u);
  EXPECT_TRUE(CheckSeparationOfDuties().ok());
}

}  // namespace
}  // namespace jiceng::core::auth
