// Plain types of the people module: the base records collected once (residents, households,
// houses, units), their tags, visits, patrol logs and field history.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jiceng::people {

struct ResidentTag {
  std::int64_t id = 0;
  std::int64_t resident_id = 0;
  std::string org_code;
  std::string kind;        // elderly_alone, disabled, ... (codes.hpp)
  std::string start_date;  // YYYY-MM-DD or empty
  std::string end_date;    // empty while the tag applies
  std::string source;      // where the fact comes from (走访, 民政推送, ...)
  std::string note;
};

// A resident as stored, with the ID and phone numbers in clear (decrypted by the store's
// caller); responses mask them unless a purpose was given.
struct Resident {
  std::int64_t id = 0;
  std::string org_code;  // the grid
  std::optional<std::int64_t> house_id;
  std::optional<std::int64_t> household_id;
  std::string relation;  // GB/T 4761 code, relation to the household head
  std::string name;
  std::string former_names;
  std::string gender;      // male | female
  std::string birth_date;  // YYYY-MM-DD
  std::string ethnicity;   // GB/T 3304 two-digit code
  std::string id_type;     // resident_id | resident_id_legacy | passport | ...
  std::string id_number;   // clear text in memory only
  std::string phone;       // clear text in memory only
  std::string hukou_address;
  std::string current_address;
  std::string residency_kind;  // registered | migrant | foreign | left_behind
  std::string education;
  std::string political_status;
  std::string marital_status;
  std::string occupation;
  std::string employer;
  std::string notes;
  std::string status = "active";  // active | moved_out | deceased
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::vector<ResidentTag> tags;
};

struct House {
  std::int64_t id = 0;
  std::string org_code;
  std::string building;
  std::string unit;
  std::string room;
  std::string address;
  std::string use = "residential";
  std::string owner_name;
  std::string rental_status = "owner_occupied";
  std::optional<double> lng;
  std::optional<double> lat;
  std::int64_t version = 1;
  std::int64_t resident_count = 0;
  std::int64_t household_count = 0;
};

struct HouseholdMember {
  std::int64_t resident_id = 0;
  std::string name;
  std::string relation;
  std::string gender;
  std::string birth_date;
};

struct Household {
  std::int64_t id = 0;
  std::string number;
  std::string org_code;
  std::optional<std::int64_t> house_id;
  std::optional<std::int64_t> head_id;
  std::string head_name;
  std::string house_address;
  std::int64_t member_count = 0;
  std::int64_t version = 1;
  std::vector<HouseholdMember> members;
};

struct Unit {
  std::int64_t id = 0;
  std::string org_code;
  std::string name;
  std::string credit_code;
  std::string kind;
  std::string address;
  std::string contact_name;
  std::string contact_phone;  // clear in memory, encrypted at rest
  std::int64_t version = 1;
};

struct Visit {
  std::int64_t id = 0;
  std::string org_code;
  std::optional<std::int64_t> resident_id;
  std::string resident_name;
  std::optional<std::int64_t> household_id;
  std::optional<std::int64_t> house_id;
  std::int64_t visited_at = 0;  // ms UTC
  std::string place;
  std::string note;
  std::int64_t created_by_id = 0;
  std::string created_by;
  std::int64_t created_at = 0;
};

struct PatrolLog {
  std::int64_t id = 0;
  std::string org_code;
  std::int64_t at = 0;
  std::string note;
  bool handover = false;
  std::int64_t created_by_id = 0;
  std::string created_by;
};

// One field change of a base record: who, when, old -> new (sensitive values stored masked).
struct FieldChange {
  std::int64_t at = 0;
  std::string actor;
  std::string field;
  std::string old_value;
  std::string new_value;
};

// Search and list filters for residents; org narrows the caller's scope further.
struct ResidentFilter {
  std::string q;
  std::string org;
  std::string tag;
  std::string residency_kind;
  std::string status;
  std::int64_t after_id = 0;  // cursor
  int limit = 50;
  std::string today;  // YYYY-MM-DD: a tag counts while start <= today <= end (empty = open)
};

}  // namespace jiceng::people
