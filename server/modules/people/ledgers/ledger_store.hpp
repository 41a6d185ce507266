// The SQL of ledgers: a ledger's filter compiled to queries over people_residents (with
// people_resident_tags and people_houses), limited to the caller's scope, paged by cursor.
// Each condition is driven by the index that fits it: tag kind (kind, org_code, resident_id),
// grid order (org_code, id) or the houses of a grid, so a page reads a page, not the county.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/people/ledgers/ledgers.hpp"
#include "modules/people/people.hpp"
#include "modules/people/privacy.hpp"

namespace jiceng::people {

// One ledger row: the resident, their tags active on the day, and the house for rentals.
struct LedgerRow {
  Resident resident;  // tags holds the active tags only
  std::optional<House> house;
};

struct LedgerPage {
  std::vector<LedgerRow> rows;
  std::optional<std::string> next_cursor;  // "org:id", or "org:house:id" for rentals
};

class LedgerStore {
 public:
  LedgerStore(core::db::Session& session, const Privacy& privacy)
      : s_(session), privacy_(privacy) {}

  // Rows after cursor in (grid, id) order ((grid, house, id) for rentals). org narrows the
  // scope to a node inside it; today (YYYY-MM-DD) fixes ages and which tags are active.
  core::Result<LedgerPage> Page(const LedgerDef& ledger, const core::auth::Scope& scope,
                                const std::string& org, const std::string& today,
                                const std::string& cursor, int limit);
  core::Result<std::int64_t> Count(const LedgerDef& ledger, const core::auth::Scope& scope,
                                   const std::string& org, const std::string& today);

 private:
  core::Result<std::vector<LedgerRow>> Load(const std::vector<std::int64_t>& resident_ids,
                                            const std::vector<std::int64_t>& house_ids,
                                            const std::string& today);

  core::db::Session& s_;
  const Privacy& privacy_;
};

// Whether a resident (with their active tags) meets a condition on today.
bool Meets(const LedgerCondition& c, const Resident& r, const std::string& today);

}  // namespace jiceng::people
