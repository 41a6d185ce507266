#include "modules/people/residents/search_terms.hpp"

#include <algorithm>
#include <cctype>

#include "core/db/like.hpp"
#include "core/text/pinyin.hpp"
#include "core/text/utf8.hpp"

namespace jiceng::people {

namespace {

// Address pairs indexed: the last characters of an address are the specific part (村, 幢, 室);
// the province/county prefix is shared by everyone in scope and would only bloat the index.
constexpr std::size_t kAddressChars = 9;

bool IsAsciiAlpha(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}

bool IsIdTailChars(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool last_x = i + 1 == s.size() && (c == 'X' || c == 'x');
    if (!std::isdigit(c) && !last_x) return false;
  }
  return !s.empty();
}

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddPairs(std::vector<SearchTerm>& out, const std::string& kind,
              const std::vector<std::string>& chars) {
  for (std::size_t i = 0; i + 1 < chars.size(); ++i) out.push_back({kind, chars[i] + chars[i + 1]});
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Characters that thousands of addresses share (numbers, 号, 室, 幢 ...): a pair made of them
// finds too many candidates to filter, so the lookup starts from the least common pair
// (the last of equals: only the last characters of an address are indexed).
int Commonness(const std::string& ch) {
  static const std::vector<std::string> kCommon = {"号", "室", "幢", "栋", "单", "元", "层",
                                                   "楼", "村", "路", "弄", "街", "巷", "区",
                                                   "组", "市", "镇", "乡", "县", "社"};
  if (ch.size() == 1) return 2;  // a digit or letter
  return std::find(kCommon.begin(), kCommon.end(), ch) != kCommon.end() ? 1 : 0;
}

std::string RarestAddressPair(const std::vector<std::string>& chars) {
  std::size_t best = 0;
  int best_score = 1 << 30;
  for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
    int score = Commonness(chars[i]) + Commonness(chars[i + 1]);
    if (score <= best_score)
      best = i, best_score = score;  // the later the pair, the likelier indexed
  }
  return chars[best] + chars[best + 1];
}

}  // namespace

std::vector<SearchTerm> ResidentTerms(const Resident& r, const Privacy& privacy) {
  std::vector<SearchTerm> out;
  std::vector<std::string> name;
  for (auto& ch : core::text::SplitUtf8(r.name))
    if (ch != " " && ch != "·") name.push_back(ch);
  for (const auto& ch : name) out.push_back({"n1", ch});
  AddPairs(out, "n2", name);
  auto pinyin = core::text::PinyinOfName(r.name);
  for (const auto& p : pinyin.full) out.push_back({"py", p});
  for (const auto& p : pinyin.initials) out.push_back({"pi", p});
  if (r.id_number.size() >= 4)
    out.push_back({"i4", privacy.IdTailTerm(Upper(r.id_number.substr(r.id_number.size() - 4)))});
  if (r.phone.size() >= 4)
    out.push_back({"p4", privacy.PhoneTailTerm(r.phone.substr(r.phone.size() - 4))});
  auto address = core::text::SplitUtf8(r.current_address);
  if (address.size() > kAddressChars) address.erase(address.begin(), address.end() - kAddressChars);
  AddPairs(out, "a2", address);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

QueryPlan PlanQuery(std::string_view raw, const Privacy& privacy) {
  QueryPlan plan;
  std::string q = Trim(raw);
  if (q.empty()) return plan;
  if (IsAsciiAlpha(q)) {
    std::string p = Lower(q);
    plan.lookups.push_back({"py", p, false});
    plan.lookups.push_back({"pi", p, false});
    plan.fallback.push_back({"py", p, true});
    plan.fallback.push_back({"pi", p, true});
    return plan;
  }
  if (IsIdTailChars(q)) {
    std::string up = Upper(q);
    if (up.size() == 18 || up.size() == 15) {
      plan.exact_id_index = privacy.IdNumberIndex(up);
      return plan;
    }
    if (up.size() == 11 && up[0] == '1') {
      plan.exact_phone_index = privacy.PhoneIndex(up);
      return plan;
    }
    if (up.size() >= 4 && up.size() <= 6) {
      std::string last4 = up.substr(up.size() - 4);
      plan.lookups.push_back({"i4", privacy.IdTailTerm(last4), false, "", "", up, ""});
      if (up.size() == 4 && up.back() != 'X')
        plan.lookups.push_back({"p4", privacy.PhoneTailTerm(last4), false, "", "", "", up});
      return plan;
    }
  }
  auto chars = core::text::SplitUtf8(q);
  if (chars.size() == 1) {
    plan.lookups.push_back({"n1", q});
    return plan;
  }
  std::string first_pair = chars[0] + chars[1];
  plan.lookups.push_back(
      {"n2", first_pair, false, chars.size() > 2 ? core::db::LikeContaining(q) : ""});
  plan.lookups.push_back({"a2", RarestAddressPair(chars), false, "",
                          chars.size() > 2 ? core::db::LikeContaining(q) : ""});
  return plan;
}

}  // namespace jiceng::people
