// The rules a resident record must satisfy, shared by the API, imports and the demo seed:
// GB 11643 ID numbers (birth date and gender derived from them), phone formats, known codes.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

struct ValidationContext {
  std::string today;  // YYYY-MM-DD in Asia/Shanghai
  // Whether a 6-digit address code is a known division (ID numbers); empty: not checked.
  std::function<bool(std::string_view)> address_code_exists;
};

// Normalizes r in place (ID number upper-case, phone digits, birth date and gender filled from a
// resident ID when missing) and checks every rule. Collects every problem, not only the first.
std::vector<core::DomainError> ValidateResident(Resident& r, const ValidationContext& ctx);

// A 6-digit address code is accepted when the county exists, or when it is a prefecture's
// 市辖区 code (xxxx01) or the prefecture itself (xxxx00): older ID numbers carry those.
bool AddressCodeKnown(std::string_view six,
                      const std::function<bool(std::string_view)>& division_exists);

}  // namespace jiceng::people
