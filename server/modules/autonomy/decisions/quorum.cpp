#include "modules/autonomy/decisions/quorum.hpp"

#include <fmt/format.h>

#include <utility>

namespace jiceng::autonomy {

using core::DomainError;

std::optional<Meeting> ParseMeeting(std::string_view name) {
  if (name == "joint_meeting") return Meeting::kJointMeeting;
  if (name == "party_meeting") return Meeting::kPartyMeeting;
  if (name == "assembly") return Meeting::kAssembly;
  if (name == "representatives_assembly") return Meeting::kRepresentativesAssembly;
  return std::nullopt;
}

const char* MeetingName(Meeting m) {
  switch (m) {
    case Meeting::kJointMeeting:
      return "joint_meeting";
    case Meeting::kPartyMeeting:
      return "party_meeting";
    case Meeting::kAssembly:
      return "assembly";
    case Meeting::kRepresentativesAssembly:
      return "representatives_assembly";
  }
  return "";
}

const char* MeetingTitle(Meeting m) {
  switch (m) {
    case Meeting::kJointMeeting:
      return "两委联席会议";
    case Meeting::kPartyMeeting:
      return "党员大会";
    case Meeting::kAssembly:
      return "村民会议";
    case Meeting::kRepresentativesAssembly:
      return "村民代表会议";
  }
  return "";
}

core::Result<void> CheckNumbers(Meeting m, const MeetingNumbers& n) {
  const std::pair<const char*, std::int64_t> counts[] = {
      {"expected", n.expected},
      {"present", n.present},
      {"votes_for", n.votes_for},
      {"votes_against", n.votes_against},
      {"abstained", n.abstained},
      {"households_expected", n.households_expected.value_or(0)},
      {"households_present", n.households_present.value_or(0)}};
  for (const auto& [field, value] : counts) {
    if (value < 0 || value > 1000000)
      return DomainError::Invalid("autonomy.stage.number.invalid",
                                  fmt::format("{} 应为 0–1000000 的整数", field), field);
  }
  if (n.expected < 1)
    return DomainError::Invalid("autonomy.stage.expected.invalid", "应到人数至少为 1", "expected");
  if (n.present > n.expected)
    return DomainError::Invalid(
        "autonomy.stage.present.exceeds_expected",
        fmt::format("实到人数（{}）不能多于应到人数（{}）", n.present, n.expected), "present");
  std::int64_t votes = n.votes_for + n.votes_against + n.abstained;
  if (votes > n.present)
    return DomainError::Invalid(
        "autonomy.stage.votes.exceed_present",
        fmt::format("赞成、反对、弃权合计（{}）不能多于实到人数（{}）", votes, n.present),
        "votes_for");
  bool households = n.households_expected.has_value() || n.households_present.has_value();
  if (households && m != Meeting::kAssembly)
    return DomainError::Invalid("autonomy.stage.households.not_applicable",
                                "只有村民会议按户代表计算到会", "households_expected");
  if (households) {
    if (!n.households_expected || !n.households_present)
      return DomainError::Invalid(
          "autonomy.stage.households.incomplete", "按户计算时应同时填写应到户数和到会户数",
          n.households_expected ? "households_present" : "households_expected");
    if (*n.households_expected < 1)
      return DomainError::Invalid("autonomy.stage.households_expected.invalid", "应到户数至少为 1",
                                  "households_expected");
    if (*n.households_present > *n.households_expected)
      return DomainError::Invalid("autonomy.stage.households_present.exceeds_expected",
                                  fmt::format("到会户数（{}）不能多于应到户数（{}）",
                                              *n.households_present, *n.households_expected),
                                  "households_present");
  }
  return {};
}

namespace {

DomainError QuorumNotMet(const std::string& message) {
  return DomainError::Invalid("autonomy.decision.quorum_not_met", message, "present");
}

DomainError Rejected(const std::string& message) {
  return DomainError::Invalid("autonomy.decision.rejected", message, "votes_for");
}

// "More than half of x agree" (过半数): 2 * agree > x. Never floating point.
bool MoreThanHalf(std::int64_t part, std::int64_t whole) { return 2 * part > whole; }
// "At least two thirds" (三分之二以上, which in Chinese law includes the number itself).
bool AtLeastTwoThirds(std::int64_t part, std::int64_t whole) { return 3 * part >= 2 * whole; }

}  // namespace

core::Result<void> CheckQuorumAndMajority(Meeting m, const MeetingNumbers& n) {
  switch (m) {
    case Meeting::kJointMeeting:
      // The joint meeting of the two committees discusses (商议); no law sets its quorum or
      // vote, so it is recorded as held and the matter goes on to the party members' meeting.
      return {};
    case Meeting::kPartyMeeting:
      // The branch regulations' text is not in ../shared/reference/laws/ (docs/api-autonomy.md
      // says so). The rule coded is the one issue 13 states: more than half of the members
      // attend, and more than half of the members entitled to vote agree. `expected` is the
      // number of members entitled to vote (formal members; probationary members do not vote).
      if (!MoreThanHalf(n.present, n.expected))
        return QuorumNotMet(fmt::format("党员大会应到 {} 人、实到 {} 人，未超过半数，会议不能召开",
                                        n.expected, n.present));
      if (!MoreThanHalf(n.votes_for, n.expected))
        return Rejected(fmt::format("党员大会赞成 {} 票，未超过有表决权党员 {} 人的半数，未通过",
                                    n.votes_for, n.expected));
      return {};
    case Meeting::kAssembly: {
      // Villagers Committee Organization Law art. 22: "召开村民会议，应当有本村十八周岁以上村民的
      // 过半数，或者本村三分之二以上的户的代表参加，村民会议所作决定应当经到会人员的过半数通过。"
      bool adults = MoreThanHalf(n.present, n.expected);
      bool households =
          n.households_expected && AtLeastTwoThirds(*n.households_present, *n.households_expected);
      if (!adults && !households) {
        std::string msg =
            fmt::format("村民会议应到 {} 人、实到 {} 人，未超过半数", n.expected, n.present);
        if (n.households_expected)
          msg += fmt::format("；应到 {} 户、到会 {} 户，不足三分之二", *n.households_expected,
                             *n.households_present);
        return QuorumNotMet(msg + "，会议不能作出决定");
      }
      if (!MoreThanHalf(n.votes_for, n.present))
        return Rejected(fmt::format("村民会议到会 {} 人，赞成 {} 票，未超过到会人员半数，未通过",
                                    n.present, n.votes_for));
      return {};
    }
    case Meeting::kRepresentativesAssembly:
      // Art. 26: "村民代表会议有三分之二以上的组成人员参加方可召开，所作决定应当经到会人员的过半数
      // 同意。"
      if (!AtLeastTwoThirds(n.present, n.expected))
        return QuorumNotMet(
            fmt::format("村民代表会议组成人员 {} 人、到会 {} 人，不足三分之二，会议不能召开",
                        n.expected, n.present));
      if (!MoreThanHalf(n.votes_for, n.present))
        return Rejected(
            fmt::format("村民代表会议到会 {} 人，赞成 {} 票，未超过到会人员半数，未通过", n.present,
                        n.votes_for));
      return {};
  }
  return {};
}

}  // namespace jiceng::autonomy
