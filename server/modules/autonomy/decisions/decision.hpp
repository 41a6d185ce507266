// Plain types of a major decision (四议两公开) and the disclosures it creates.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/autonomy/decisions/quorum.hpp"

namespace jiceng::autonomy {

struct Decision {
  std::int64_t id = 0;
  std::string org_code;
  std::string title;
  std::string matter;
  std::string proposal;
  std::string stage = "proposed";
  std::string status = "open";
  std::string stop_reason;
  std::int64_t version = 1;
  std::int64_t created_by_id = 0;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct DecisionStage {
  std::int64_t id = 0;
  std::int64_t decision_id = 0;
  std::string stage;
  std::string held_on;
  MeetingNumbers numbers;
  std::string minutes;
  bool passed = false;
  std::string outcome;  // passed | quorum_not_met | rejected
  std::int64_t recorded_by_id = 0;
  std::int64_t recorded_at = 0;
};

struct DisclosureLine {
  std::string label;
  std::string kind;         // income | expense
  std::int64_t amount = 0;  // fen (分)
};

struct DisclosureReview {
  std::int64_t id = 0;
  std::int64_t disclosure_id = 0;
  std::string verdict;  // approve | refuse
  std::string reason;
  std::int64_t reviewer_id = 0;
  std::string reviewer;
  std::int64_t at = 0;
};

struct Disclosure {
  std::int64_t id = 0;
  std::string org_code;
  std::string kind;  // party | village | finance
  std::string period;
  std::string title;
  std::string body;
  std::optional<std::int64_t> decision_id;
  std::string decision_part;  // resolution | result
  std::string status;         // draft | signed_off | refused | published
  std::optional<std::int64_t> published_at;
  std::int64_t created_by_id = 0;
  std::string created_by;
  std::int64_t created_at = 0;
  // Finance disclosures: the lines and the totals they must add up to (fen).
  std::optional<std::int64_t> total_income;
  std::optional<std::int64_t> total_expense;
  std::vector<DisclosureLine> lines;
  std::int64_t version = 1;
  std::int64_t updated_at = 0;
};

struct DecisionFilter {
  std::string org;     // prefix inside the scope; "" = the whole scope
  std::string status;  // "" = any
  std::string stage;   // "" = any
  int limit = 100;
  std::string cursor;  // keyset cursor of the previous page ("" = the first page)
};

}  // namespace jiceng::autonomy
