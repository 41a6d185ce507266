#pragma once
#include "core/result.hpp"

namespace jiceng::autonomy {

inline constexpr const char* kRead = "autonomy.read";
inline constexpr const char* kDecisionWrite = "autonomy.decision.write";
inline constexpr const char* kDisclosureWrite = "autonomy.disclosure.write";
inline constexpr const char* kDisclosureSignOff = "autonomy.disclosure.sign_off";
inline constexpr const char* kConventionReview = "autonomy.convention.review";
inline constexpr const char* kCommitteeWrite = "autonomy.committee.write";
inline constexpr const char* kTwoCommitteesRead = "autonomy.two_committees.read";

// The autonomy.* permissions and their default roles.
core::Result<void> RegisterAutonomyPermissions();

}  // namespace jiceng::autonomy
