// The party module's permissions and which role templates hold them (docs/api-party.md). Party
// membership is personal data: only the party roles read it, and nothing of it is public.
#pragma once
#include "core/result.hpp"

namespace jiceng::party {

inline constexpr const char* kRead = "party.read";
inline constexpr const char* kWrite = "party.write";
inline constexpr const char* kOrgWrite = "party.org.write";
inline constexpr const char* kExport = "party.export";

core::Result<void> RegisterPartyPermissions();

}  // namespace jiceng::party
