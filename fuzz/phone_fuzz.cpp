// Phone numbers (core/text/phone) and the UTF-8 helpers under them (core/text/utf8): typed by
// staff and residents in any mix of full-width digits, dashes and 转. An accepted number comes
// out in one of the documented ASCII forms, its mask hides the middle, and the UTF-8 functions
// agree with each other on any bytes.
#include <cstdint>
#include <string>

#include "core/text/mask.hpp"
#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"

using namespace jiceng;
namespace text = core::text;

namespace {

void CheckUtf8(std::string_view s) {
  bool valid = text::ValidUtf8(s);
  // Chunked validation agrees with the one-shot answer wherever the text is cut.
  text::Utf8Validator v;
  std::size_t cut = s.empty() ? 0 : static_cast<unsigned char>(s[0]) % (s.size() + 1);
  v.Feed(s.substr(0, cut));
  v.Feed(s.substr(cut));
  JICENG_FUZZ_CHECK(v.Complete() == valid);
  // Splitting keeps every byte, and counts as Utf8Length does.
  auto pieces = text::SplitUtf8(s);
  std::string joined;
  for (const auto& p : pieces) joined += p;
  JICENG_FUZZ_CHECK(joined == s);
  JICENG_FUZZ_CHECK(pieces.size() == text::Utf8Length(s));
  // Decoding and encoding again gives the same bytes for valid text.
  std::string reencoded;
  for (std::size_t pos = 0; pos < s.size();) {
    auto cp = text::NextCodePoint(s, pos);
    if (cp) text::AppendUtf8(reencoded, *cp);
  }
  if (valid) JICENG_FUZZ_CHECK(reencoded == s);
  JICENG_FUZZ_CHECK(text::ValidUtf8(reencoded));
  // A prefix never cuts a character of valid text.
  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{5}, s.size() / 2}) {
    std::string_view prefix = text::Utf8Prefix(s, max);
    JICENG_FUZZ_CHECK(prefix.size() <= max);
    if (valid) JICENG_FUZZ_CHECK(text::ValidUtf8(prefix));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::Text(data, size);
  CheckUtf8(input);
  std::string masked = text::MaskPhone(input);
  JICENG_FUZZ_CHECK(text::ValidUtf8(masked));
  auto r = text::NormalizePhone(input);
  if (!r.ok()) {
    JICENG_FUZZ_CHECK(r.error().code == "people.phone.format" && r.error().field == "phone");
    return 0;
  }
  const std::string& n = r.value();
  JICENG_FUZZ_CHECK(!n.empty() && fuzz::AsciiOnly(n, "0123456789-"));
  JICENG_FUZZ_CHECK(n[0] == '0' || n[0] == '1' || n[0] == '4' || n[0] == '8' || n[0] == '9');
  if (n[0] == '1') JICENG_FUZZ_CHECK(n.size() == 11);
  // The stored form is normalized again whenever the record is validated (every edit) and when
  // it is masked: it must come back unchanged and mask in place.
  std::string shown = text::MaskPhone(n);
  JICENG_FUZZ_CHECK(shown != n && text::ValidUtf8(shown));
  auto again = text::NormalizePhone(n);
  JICENG_FUZZ_CHECK(again.ok() && again.value() == n);
  JICENG_FUZZ_CHECK(shown.size() == n.size());
  return 0;
}
