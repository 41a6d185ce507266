// [party] household_links_max: 10 by default, set by the file, refused outside 1-100.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <string>

#include "core/app/config.hpp"
#include "tests/test_support.hpp"

namespace jiceng::party {
namespace {

std::string PartyToml(const std::string& text) {
  std::string path = jiceng::testing::TempDir() + "/party-config-" +
                     std::to_string(std::hash<std::string>{}(text)) + ".toml";
  std::ofstream(path) << text;
  return path;
}

TEST(PartyConfig, HouseholdLinksMaxDefaultsToTenAndIsChecked) {
  auto defaults = core::app::LoadConfig("", {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->party.household_links_max, 10);
  auto four = core::app::LoadConfig(PartyToml("[party]\nhousehold_links_max = 4\n"), {});
  ASSERT_TRUE(four.ok()) << four.error().message;
  EXPECT_EQ(four->party.household_links_max, 4);
  EXPECT_FALSE(core::app::LoadConfig(PartyToml("[party]\nhousehold_links_max = 0\n"), {}).ok());
  EXPECT_FALSE(core::app::LoadConfig(PartyToml("[party]\nhousehold_links_max = 101\n"), {}).ok());
}

}  // namespace
}  // namespace jiceng::party
