// The people module's functions for the party module (api.hpp, "for the party module"): party
// members are resident records, their household links are households, their visits are visit
// records. Nothing here is stored twice.
#include "modules/people/api.hpp"
#include "modules/people/households/household_store.hpp"
#include "modules/people/privacy.hpp"
#include "modules/people/residents/resident_store.hpp"
#include "modules/people/visits/visit_store.hpp"

namespace jiceng::people {

namespace {

HouseholdBrief BriefOf(const Household& h) {
  return {h.id, h.number, h.org_code, h.head_name, h.house_address};
}

ResidentBrief BriefOf(const Resident& r) {
  return {r.id, r.name, r.org_code, r.household_id, r.birth_date};
}

}  // namespace

PartyPeopleApi::PartyPeopleApi(std::shared_ptr<core::crypto::FieldCipher> cipher)
    : cipher_(std::move(cipher)) {}

core::Result<std::optional<ResidentBrief>> PartyPeopleApi::Resident(core::db::Session& s,
                                                                    const core::auth::Scope& scope,
                                                                    std::int64_t id) const {
  Privacy privacy(cipher_);
  JC_ASSIGN_OR_RETURN(auto r, ResidentStore(s, privacy).Get(scope, id));
  if (!r) return std::optional<ResidentBrief>();
  return std::optional<ResidentBrief>(BriefOf(*r));
}

core::Result<std::optional<HouseholdBrief>> PartyPeopleApi::Household(
    core::db::Session& s, const core::auth::Scope& scope, std::int64_t id) const {
  JC_ASSIGN_OR_RETURN(auto h, HouseholdStore(s).Get(scope, id));
  if (!h) return std::optional<HouseholdBrief>();
  return std::optional<HouseholdBrief>(BriefOf(*h));
}

core::Result<std::vector<HouseholdBrief>> PartyPeopleApi::Households(core::db::Session& s,
                                                                     const core::auth::Scope& scope,
                                                                     int limit) const {
  HouseholdFilter filter;
  filter.limit = limit;
  JC_ASSIGN_OR_RETURN(auto page, HouseholdStore(s).List(scope, filter, ""));
  std::vector<HouseholdBrief> out;
  for (const auto& h : page.items) out.push_back(BriefOf(h));
  return out;
}

core::Result<std::vector<ResidentBrief>> PartyPeopleApi::Residents(core::db::Session& s,
                                                                   const core::auth::Scope& scope,
                                                                   int limit) const {
  Privacy privacy(cipher_);
  ResidentFilter filter;
  filter.limit = limit;
  JC_ASSIGN_OR_RETURN(auto page, ResidentStore(s, privacy).Search(scope, filter, ""));
  std::vector<ResidentBrief> out;
  for (const auto& r : page.items) out.push_back(BriefOf(r));
  return out;
}

core::Result<std::int64_t> PartyPeopleApi::RecordHouseholdVisit(core::db::Session& s,
                                                                const core::auth::Scope& scope,
                                                                const PartyVisitInput& in) const {
  JC_ASSIGN_OR_RETURN(auto hh, HouseholdStore(s).Get(scope, in.household_id));
  if (!hh) {
    return core::DomainError::Invalid("people.household.not_found", "户不存在或不在您的管辖范围内",
                                      "household_id");
  }
  Visit v;
  v.org_code = hh->org_code;
  v.household_id = hh->id;
  v.house_id = hh->house_id;
  v.visited_at = in.visited_at;
  v.note = in.note;
  v.created_by_id = in.created_by_id;
  v.created_by = in.created_by;
  v.created_at = in.created_at;
  JC_TRY(VisitStore(s).Insert(v));
  return v.id;
}

}  // namespace jiceng::people
