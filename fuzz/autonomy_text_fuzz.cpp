// What villages type into disclosures and meeting records: the public board's number redaction
// (modules/autonomy/board/redact) and the quorum arithmetic of 四议两公开
// (modules/autonomy/decisions/quorum). Redaction keeps valid UTF-8 valid, never lengthens the
// text, changes nothing more when applied twice, and leaves no digit of a phone or ID number
// written in any of the usual ways; the quorum rules answer every count without overflow
// (UBSan) and never pass a meeting whose numbers are inconsistent.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"
#include "modules/autonomy/board/redact.hpp"
#include "modules/autonomy/decisions/quorum.hpp"

using namespace jiceng;

namespace {

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// A phone or ID number built from the input's bytes, written in one of the ways people do.
std::string SensitiveNumber(const std::uint8_t* data, std::size_t size) {
  auto digit = [&](std::size_t i) {
    return static_cast<char>('0' + (size ? data[i % size] % 10 : 0));
  };
  const int form = size ? data[0] % 5 : 0;
  std::string n;
  switch (form) {
    case 0:    // mobile, grouped 3-4-4 with spaces
    case 1: {  // mobile with +86 and dashes
      n = form == 1 ? "+86-1" : "1";
      for (std::size_t i = 1; i < 11; ++i) {
        if (i == 3 || i == 7) n += form == 1 ? '-' : ' ';
        n += digit(i);
      }
      return n;
    }
    case 2:  // ID number, 17 digits and X, grouped 6-8-4
      for (std::size_t i = 0; i < 17; ++i) {
        if (i == 6 || i == 14) n += ' ';
        n += digit(i);
      }
      return n + "X";
    case 3:  // landline with its area code
      n = "0575-";
      n += static_cast<char>('2' + (size ? data[size - 1] % 8 : 0));
      for (std::size_t i = 0; i < 7; ++i) n += digit(i);
      return n;
    default:  // an 18-digit ID number in one piece
      for (std::size_t i = 0; i < 18; ++i) n += digit(i);
      return n;
  }
}

std::int64_t Count(const std::uint8_t* data, std::size_t size, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (at + k < size ? data[at + k] : 0);
  return static_cast<std::int64_t>(v % 1200000) - 100000;  // also negative and too large
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::Text(data, size);
  std::string once = autonomy::RedactNumbers(input);
  JICENG_FUZZ_CHECK(once.size() <= input.size());
  if (core::text::ValidUtf8(input)) JICENG_FUZZ_CHECK(core::text::ValidUtf8(once));
  JICENG_FUZZ_CHECK(autonomy::RedactNumbers(once) == once);

  // Between characters that are neither digits nor separators, no digit of the number stays.
  std::string framed = "：" + SensitiveNumber(data, size) + "。";
  std::string hidden = autonomy::RedactNumbers(framed);
  JICENG_FUZZ_CHECK(!HasDigit(hidden));

  autonomy::MeetingNumbers n;
  n.expected = Count(data, size, 1);
  n.present = Count(data, size, 4);
  n.votes_for = Count(data, size, 7);
  n.votes_against = Count(data, size, 10);
  n.abstained = Count(data, size, 13);
  if (size > 16 && data[16] % 2) {
    n.households_expected = Count(data, size, 17);
    n.households_present = Count(data, size, 20);
  }
  const auto meeting = static_cast<autonomy::Meeting>(size ? data[size - 1] % 4 : 0);
  if (autonomy::CheckNumbers(meeting, n).ok()) {
    JICENG_FUZZ_CHECK(n.present <= n.expected && n.expected >= 1);
    JICENG_FUZZ_CHECK(n.votes_for + n.votes_against + n.abstained <= n.present);
    auto verdict = autonomy::CheckQuorumAndMajority(meeting, n);
    // A matter carried by a vote (every meeting but the joint one, which only discusses) had
    // at least one vote for it.
    if (verdict.ok() && meeting != autonomy::Meeting::kJointMeeting) {
      JICENG_FUZZ_CHECK(n.votes_for > 0);
    }
  }
  return 0;
}
