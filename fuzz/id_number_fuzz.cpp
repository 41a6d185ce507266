// Citizen ID numbers (core/text/id_number, GB 11643): typed by staff, read from import files,
// shown masked. Accepted numbers must carry a real birth date, a consistent check character and
// a normalized form that parses to itself; the mask must never fail or show the birth date.
#include <cstdint>
#include <string>

#include "core/text/id_number.hpp"
#include "core/text/mask.hpp"
#include "fuzz_support.hpp"

using namespace jiceng;
namespace text = core::text;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::Text(data, size);
  // The first byte picks "today" so that the after-today rule is reached from both sides.
  std::string today = size > 0 && (data[0] & 1) ? "2026-12-07" : "";
  auto known = [](std::string_view six) { return six.size() == 6 && six[0] != '0'; };
  auto r = text::ParseIdNumber(input, known, today);
  (void)text::MaskIdNumber(input);
  (void)text::IdCheckChar(input);
  (void)text::AgeOn(input, "2026-12-07");
  (void)text::AgeOn("1990-02-28", input);
  if (!r.ok()) {
    const auto& code = r.error().code;
    JICENG_FUZZ_CHECK(code == "people.id_number.format" || code == "people.id_number.check_digit" ||
                      code == "people.id_number.birth_date" ||
                      code == "people.id_number.address_code");
    JICENG_FUZZ_CHECK(r.error().field == "id_number");
    return 0;
  }
  const text::IdNumberInfo& info = r.value();
  JICENG_FUZZ_CHECK(info.normalized.size() == 18 || info.normalized.size() == 15);
  JICENG_FUZZ_CHECK(fuzz::AsciiOnly(info.normalized, "0123456789X"));
  JICENG_FUZZ_CHECK(info.address_code == info.normalized.substr(0, 6));
  JICENG_FUZZ_CHECK(info.birth_date.size() == 10);
  JICENG_FUZZ_CHECK(today.empty() || info.birth_date <= today);
  if (info.kind == text::IdNumberKind::kStandard) {
    JICENG_FUZZ_CHECK(text::IdCheckChar(info.normalized.substr(0, 17)) == info.normalized[17]);
  }
  // What is stored is parsed again on every edit: it must still be accepted, the same way.
  auto again = text::ParseIdNumber(info.normalized, known, today);
  JICENG_FUZZ_CHECK(again.ok() && again.value().normalized == info.normalized &&
                    again.value().birth_date == info.birth_date && again.value().male == info.male);
  JICENG_FUZZ_CHECK(text::AgeOn(info.birth_date, info.birth_date) == 0);
  // The mask hides the birth date (digits 7-14).
  std::string masked = text::MaskIdNumber(info.normalized);
  JICENG_FUZZ_CHECK(masked.size() == info.normalized.size());
  std::size_t birth_digits = info.kind == text::IdNumberKind::kStandard ? 8 : 6;
  JICENG_FUZZ_CHECK(masked.substr(6, birth_digits) == std::string(birth_digits, '*'));
  return 0;
}
