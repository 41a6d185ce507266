#include "modules/party/rules.hpp"

#include "core/time/civil.hpp"

namespace jiceng::party {

std::vector<Check> CheckOrg(const PartyOrg& org, const MemberCounts& counts,
                            const std::string& today) {
  std::vector<Check> out;
  if (IsBranch(org.kind)) {
    if (counts.formal < kBranchMinFormal) {
      out.push_back({"party.org.formal.too_few",
                     org.kind == OrgKind::kJointBranch
                         ? "正式党员不足3名，联合党支部应合并更多单位的党员"
                         : "正式党员不足3名，不能单独成立党支部，建议与邻近单位成立联合党支部"});
    }
    if (counts.total() >= kBranchFlagMembers) {
      out.push_back(
          {"party.org.members.over_50", "党员达到50名，党支部一般不超过50人，可考虑成立党总支"});
    }
    if (counts.formal >= kCommitteeFromFormal) {
      if (counts.committee < kCommitteeMin) {
        out.push_back(
            {"party.org.committee.too_small", "正式党员7名以上的党支部应设立3至5人的支部委员会"});
      } else if (counts.committee > kCommitteeUsualMax) {
        out.push_back({"party.org.committee.over_five", "支部委员会一般为3至5人，最多不超过7人"});
      }
      if (!counts.has_secretary) {
        out.push_back({"party.org.committee.no_secretary", "支部委员会应设书记"});
      }
    } else if (!counts.has_secretary && counts.formal >= kBranchMinFormal) {
      out.push_back({"party.org.secretary.missing", "党支部应设书记"});
    }
  }
  if (!org.term_ends_on.empty()) {
    std::int64_t left = DaysUntil(org.term_ends_on, today);
    if (left < 0) {
      out.push_back({"party.org.term.ended", "任期已于 " + org.term_ends_on + " 届满，应及时换届"});
    } else if (left <= kTermWarningDays) {
      out.push_back(
          {"party.org.term.ending", "任期将于 " + org.term_ends_on + " 届满，请做好换届准备"});
    }
  }
  return out;
}

core::Result<void> CheckUnits(OrgKind kind, std::size_t units) {
  if (kind != OrgKind::kJointBranch) {
    if (units > 0)
      return core::DomainError::Invalid("party.org.units.not_joint", "只有联合党支部填写覆盖单位",
                                        "units");
    return {};
  }
  if (units == 0)
    return core::DomainError::Invalid("party.org.units.required", "请填写联合党支部覆盖的单位",
                                      "units");
  if (units > static_cast<std::size_t>(kJointBranchMaxUnits))
    return core::DomainError::Invalid("party.org.units.too_many",
                                      "联合党支部覆盖的单位一般不超过5个", "units");
  return {};
}

core::Result<void> CheckCommitteeSeat(OrgKind kind, std::int64_t seated) {
  if ((IsBranch(kind) || kind == OrgKind::kGeneralBranch) && seated >= kCommitteeMax) {
    return core::DomainError::Invalid("party.member.committee.full", "支部委员会最多不超过7人",
                                      "committee_post");
  }
  return {};
}

std::int64_t DaysUntil(const std::string& day, const std::string& today) {
  auto d = core::time::ParseDate(day);
  auto t = core::time::ParseDate(today);
  if (!d || !t) return 0;
  return *d - *t;
}

bool TermDue(const std::string& term_ends_on, const std::string& today) {
  if (!core::time::ParseDate(term_ends_on)) return false;
  return DaysUntil(term_ends_on, today) <= kTermWarningDays;
}

std::string TermEnd(const std::string& term_started_on) {
  auto d = core::time::ParseDate(term_started_on);
  if (!d) return {};
  auto c = core::time::CivilFromDays(*d);
  // 29 February rolls into 1 March of a common year (civil.hpp).
  return core::time::FormatDate(core::time::DaysFromCivil(c.y + kTermYears, c.m, c.d));
}

}  // namespace jiceng::party
