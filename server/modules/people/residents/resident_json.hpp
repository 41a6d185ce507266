// Residents as JSON (docs/api-people.md), masked unless revealed, with only the tags the caller
// may read; and the JSON body of a create or edit turned into a Resident.
#pragma once
#include <string>

#include "core/auth/principal.hpp"
#include "core/http/message.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

struct ResidentJsonOptions {
  bool reveal = false;   // ID and phone numbers in full (the caller gave a purpose)
  std::string today;     // YYYY-MM-DD, for the age
  std::string org_name;  // the grid's name
};

core::http::Json ResidentJson(const Resident& r, const core::auth::Principal& who,
                              const ResidentJsonOptions& options);
core::http::Json TagJson(const ResidentTag& t);
// Whether who may see and set tags of this kind.
bool CanUseTag(const core::auth::Principal& who, const std::string& kind);

// Applies the fields present in body onto r (create: r is empty; edit: r is the stored record).
// Unknown fields and wrong types are 422 errors naming the field.
core::Result<void> ApplyResidentJson(const core::http::Json& body, Resident& r);

// Full years between a YYYY-MM-DD birth date and today; -1 when unknown.
int AgeOn(const std::string& birth_date, const std::string& today);
// The birth date as a masked answer may show it: not at all. Digits 7-14 of the ID number are
// the birth date, so showing it beside a masked ID number would undo the mask; the age stands
// in for it. Only an unmasked (purpose-given, audited) read shows the date.
std::string ShownBirthDate(const Resident& r, bool reveal);

}  // namespace jiceng::people
