#include "modules/party/link_store.hpp"

namespace jiceng::party {

core::Result<void> LinkStore::Insert(HouseholdLink& link) {
  auto rows = s_.Query(
      "INSERT INTO party_household_links (member_id, household_id, org_code, created_at) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {link.member_id, link.household_id, link.org_code, link.created_at});
  if (!rows.ok()) {
    if (rows.error().kind == core::ErrorKind::kConflict)
      return core::DomainError::Conflict("party.link.duplicate", "该户已由这名党员联系",
                                         "household_id");
    return rows.error();
  }
  link.id = (*rows)[0].Int(0);
  return {};
}

core::Result<std::vector<HouseholdLink>> LinkStore::OfMember(std::int64_t member_id) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT id, member_id, household_id, org_code, created_at FROM "
                               "party_household_links WHERE member_id = $1 ORDER BY id",
                               {member_id}));
  std::vector<HouseholdLink> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    HouseholdLink l;
    rows[i].Into(l.id, l.member_id, l.household_id, l.org_code, l.created_at);
    out.push_back(l);
  }
  return out;
}

core::Result<std::int64_t> LinkStore::Count(std::int64_t member_id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT COUNT(*) FROM party_household_links WHERE member_id = $1", {member_id}));
  return rows[0].Int(0);
}

core::Result<std::int64_t> LinkStore::Remove(std::int64_t member_id, std::int64_t household_id) {
  return s_.Exec("DELETE FROM party_household_links WHERE member_id = $1 AND household_id = $2",
                 {member_id, household_id});
}

}  // namespace jiceng::party
