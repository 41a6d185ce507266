// The people module's permissions and which role templates hold them (docs/api-people.md).
#pragma once
#include "core/result.hpp"

namespace jiceng::people {

inline constexpr const char* kRead = "people.read";
inline constexpr const char* kWrite = "people.write";
inline constexpr const char* kSensitiveRead = "people.sensitive.read";
inline constexpr const char* kImport = "people.import";
inline constexpr const char* kExport = "people.export";
inline constexpr const char* kLedgerRead = "people.ledger.read";

core::Result<void> RegisterPeoplePermissions();

}  // namespace jiceng::people
