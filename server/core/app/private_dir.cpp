#include "core/app/private_dir.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace jiceng::core::app {

Result<void> EnsurePrivateDir(const std::string& dir, const std::string& error_code) {
  auto refuse = [&](const std::string& why) -> Result<void> {
    spdlog::error("private folder {} refused: {}", dir, why);
    return DomainError::Internal(error_code, "数据文件夹不可用，请联系系统管理员");
  };
  std::error_code ec;
  std::filesystem::path path(dir);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return refuse(std::strerror(errno));
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return refuse(std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) return refuse("not a directory (a symbolic link?)");
  if (st.st_uid != ::geteuid()) return refuse("owned by another user");
  if ((st.st_mode & 07777) != 0700 && ::chmod(dir.c_str(), 0700) != 0) {
    return refuse(std::strerror(errno));
  }
  return {};
}

}  // namespace jiceng::core::app
