// Search terms of a resident and the lookups a query turns into. Terms live in
// people_search_terms so that every search is an index range, including the 1- and 2-character
// names that a trigram index cannot find, pinyin prefixes and the tails of encrypted numbers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "modules/people/people.hpp"
#include "modules/people/privacy.hpp"

namespace jiceng::people {

struct SearchTerm {
  std::string kind;  // n1 n2 py pi i4 p4 a2
  std::string term;
  bool operator<(const SearchTerm& o) const {
    return kind != o.kind ? kind < o.kind : term < o.term;
  }
  bool operator==(const SearchTerm& o) const = default;
};

// Distinct terms of a resident (needs the clear ID and phone numbers).
std::vector<SearchTerm> ResidentTerms(const Resident& r, const Privacy& privacy);

// One index lookup of a query; results of several lookups are merged.
struct TermLookup {
  std::string kind;
  std::string term;
  bool prefix = false;       // term is a prefix (pinyin)
  std::string name_like;     // extra filter: name LIKE this ('' = none)
  std::string address_like;  // extra filter: current_address LIKE this
  std::string id_tail;       // extra check after decryption: ID number ends with this
  std::string phone_tail;    // extra check after decryption: phone ends with this
};

// How a query is looked up. Exact ID (18/15 chars) and phone (11 digits) queries use the blind
// indexes on the residents table instead and come back in `exact_*`.
struct QueryPlan {
  std::vector<TermLookup> lookups;
  // Tried when the lookups find nothing: pinyin prefixes ("zhangs" for 张三). Exact pinyin and
  // initials are index ranges inside the caller's scope; a prefix range spans every grid, so it
  // is only the fallback.
  std::vector<TermLookup> fallback;
  std::string exact_id_index;
  std::string exact_phone_index;
};
QueryPlan PlanQuery(std::string_view q, const Privacy& privacy);

}  // namespace jiceng::people
