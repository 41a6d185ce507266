// The static-file cache holds only files that exist: asking for a million missing paths must not
// grow it (a memory exhaustion without logging in).
#include "core/http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/test_support.hpp"

namespace jiceng::core::http {
namespace {

TEST(StaticFiles, MissesAreNotCached) {
  const std::string root = jiceng::testing::TempDir() + "/static-cache";
  std::filesystem::create_directories(root + "/assets");
  std::ofstream(root + "/index.html") << "<!doctype html><title>x</title>";
  std::ofstream(root + "/assets/app.js") << "console.log(1)";
  StaticFiles files(root);
  Request req;
  req.method = "GET";
  for (int i = 0; i < 2000; ++i) {
    req.path = "/assets/missing-" + std::to_string(i) + ".js";
    EXPECT_FALSE(files.Serve(req));
    req.path = "/some/route/" + std::to_string(i);  // client-side routes get index.html
    auto page = files.Serve(req);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  }
  req.path = "/assets/app.js";
  EXPECT_TRUE(files.Serve(req));
  EXPECT_EQ(files.CachedFiles(), 2u);
}

}  // namespace
}  // namespace jiceng::core::http
