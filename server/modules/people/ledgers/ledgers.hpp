// Department ledgers (台账) as data: who owns each one, which residents it lists (a filter over
// base fields and tags) and which columns it shows. Rows are computed live from the base records
// collected once, so an edit to a resident shows up in every ledger that lists them.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/principal.hpp"

namespace jiceng::people {

// A base field a ledger reads, with its Chinese label ("name" 姓名, "tags.disabled" 标签：残疾人,
// "house.rental_status" 房屋出租状态).
struct BaseField {
  std::string key;
  std::string label;
};

// Every base field a ledger may consume, in display order.
const std::vector<BaseField>& BaseFields();

// One column: what the header says and which base fields its value is made from.
struct LedgerColumn {
  std::string key;
  std::string label;
  std::vector<std::string> fields;
};

// All of these must hold for a resident (tags active on the day the ledger is read).
struct LedgerCondition {
  std::vector<std::string> tags;  // tag kinds, all required
  std::optional<int> min_age;     // full years, inclusive
  std::optional<int> max_age;     // full years, inclusive
  std::string reason;             // why a row qualifies, shown where a ledger has several
};

enum class LedgerSubject {
  kResident,      // one row per active resident matching any condition
  kRentalTenant,  // one row per active resident living in a house whose rental status is rented
};

struct LedgerDef {
  std::string key;  // department.name, stable: used in URLs and audit rows
  std::string department;
  std::string title;
  std::string description;
  std::string filter_text;  // the filter in words, for the console
  LedgerSubject subject = LedgerSubject::kResident;
  std::vector<LedgerCondition> any_of;  // a resident qualifies if any condition holds
  std::string primary_tag;              // tag whose start date and source the columns show
  std::vector<std::string> columns;     // column keys (see ColumnOf)

  // Every tag kind the filter uses: reading the ledger needs the permission of each.
  std::vector<std::string> TagKinds() const;
  // Base fields consumed by the filter and the columns, without duplicates, in BaseFields order.
  std::vector<std::string> Fields() const;
};

// The shipped ledgers, in display order.
const std::vector<LedgerDef>& Ledgers();
const LedgerDef* FindLedger(std::string_view key);
// The column of a key used by a ledger definition (every key in Ledgers() is known).
const LedgerColumn& ColumnOf(std::string_view key);

// people.ledger.read and people.tag.<kind> for every tag the filter uses.
bool CanReadLedger(const core::auth::Principal& who, const LedgerDef& ledger);

// The dates a condition's age bounds mean on `today` (YYYY-MM-DD): a resident is at least
// min_age when born on or before *born_on_or_before, at most max_age when born after
// *born_after. Matches AgeOn (29 February birthdays count on 1 March in common years).
struct BirthBounds {
  std::optional<std::string> born_on_or_before;
  std::optional<std::string> born_after;
};
BirthBounds BirthBoundsOf(const LedgerCondition& c, const std::string& today);

}  // namespace jiceng::people
