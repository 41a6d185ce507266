// The rules of the branch regulations (中国共产党支部工作条例（试行）2018, STANDARDS.md "Party-led
// governance") as pure functions: each outcome is a stable code, an error (422) where the
// regulation says "must not", a warning in the answer where it asks for action.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/party/party.hpp"

namespace jiceng::party {

inline constexpr int kBranchMinFormal = 3;      // fewer: propose a joint branch
inline constexpr int kJointBranchMaxUnits = 5;  // a joint branch covers at most 5 units
inline constexpr int kBranchFlagMembers = 50;   // 50 or more: flagged (general branch)
inline constexpr int kCommitteeFromFormal = 7;  // 7+ formal members: a branch committee
inline constexpr int kCommitteeMin = 3;         // of 3-5 members
inline constexpr int kCommitteeUsualMax = 5;
inline constexpr int kCommitteeMax = 7;      // at most 7
inline constexpr int kTermYears = 5;         // village and community committees
inline constexpr int kTermWarningDays = 90;  // township organizers see terms ending soon

struct Check {
  std::string code;
  std::string message;  // zh-CN
};

// Warnings about a party organization as it stands; today is "YYYY-MM-DD".
std::vector<Check> CheckOrg(const PartyOrg& org, const MemberCounts& counts,
                            const std::string& today);

// A joint branch's list of units: 422 party.org.units.too_many above 5, party.org.units.required
// for none; other kinds take no units (party.org.units.not_joint).
core::Result<void> CheckUnits(OrgKind kind, std::size_t units);

// Whether one more committee seat may be taken in a branch-type organization that has `seated`
// members on its committee: 422 party.member.committee.full at the 8th.
core::Result<void> CheckCommitteeSeat(OrgKind kind, std::int64_t seated);

// Whether a term that ends on term_ends_on is in the to-do window of today: ending within 90
// days (or already ended).
bool TermDue(const std::string& term_ends_on, const std::string& today);
// term_started_on + 5 years ("" for a malformed date).
std::string TermEnd(const std::string& term_started_on);
// Days from today to day (negative when past); 0 for malformed dates.
std::int64_t DaysUntil(const std::string& day, const std::string& today);

}  // namespace jiceng::party
