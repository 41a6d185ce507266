#pragma once
#include "core/result.hpp"

namespace jiceng::cases {

inline constexpr const char* kRead = "cases.read";
inline constexpr const char* kReport = "cases.report";
inline constexpr const char* kHotline = "cases.hotline";
inline constexpr const char* kAdmin = "cases.admin";
inline constexpr const char* kCatalogueRead = "cases.catalogue.read";

// The cases.* permissions and their default roles (the workflow's action permissions included).
core::Result<void> RegisterCasesPermissions();

}  // namespace jiceng::cases
