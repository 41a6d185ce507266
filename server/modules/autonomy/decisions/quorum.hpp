// The quorum and majority of each meeting of 四议两公开, by the law's numbers. Pure functions:
// the decision use case records the meeting and stops the decision when a rule is not met.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace jiceng::autonomy {

// The meeting stages in the order of 四议: the party organization's proposal (提议) is the
// decision's creation; then 商议, 审议 and one of the two assemblies for 决议.
enum class Meeting { kJointMeeting, kPartyMeeting, kAssembly, kRepresentativesAssembly };

std::optional<Meeting> ParseMeeting(std::string_view name);
const char* MeetingName(Meeting m);
const char* MeetingTitle(Meeting m);  // 两委联席会议, 党员大会, 村民会议, 村民代表会议

// What a meeting recorded. For the villagers' assembly, expected counts the adult villagers and
// households_* the households (the law's alternative quorum); elsewhere households_* are unset.
struct MeetingNumbers {
  std::int64_t expected = 0;
  std::int64_t present = 0;
  std::optional<std::int64_t> households_expected;
  std::optional<std::int64_t> households_present;
  std::int64_t votes_for = 0;
  std::int64_t votes_against = 0;
  std::int64_t abstained = 0;
};

// Inconsistent numbers: 422 with a field-specific code (negative, expected 0, present >
// expected, votes > present, households present > households expected).
core::Result<void> CheckNumbers(Meeting m, const MeetingNumbers& n);

// Whether the meeting was quorate and the matter carried; the error names the numbers:
// 422 autonomy.decision.quorum_not_met or autonomy.decision.rejected. Call after CheckNumbers.
core::Result<void> CheckQuorumAndMajority(Meeting m, const MeetingNumbers& n);

}  // namespace jiceng::autonomy
