// Folders that hold personal data on disk for a while (import uploads, export workbooks).
#pragma once
#include <string>

#include "core/result.hpp"

namespace jiceng::core::app {

// Creates dir 0700 if absent. An existing one must be a real directory (no symbolic link
// someone planted) owned by this process's user, and is set to 0700. On refusal the reason is
// logged and the caller gets an internal error with error_code and a message for users.
Result<void> EnsurePrivateDir(const std::string& dir, const std::string& error_code);

}  // namespace jiceng::core::app
