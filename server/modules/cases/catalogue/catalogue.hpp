// The seed catalogue of case categories (GB/T 30428.2 style majors; minors and deadlines from
// common city practice). Seeded once into cases_categories; from then on it is admins' data.
#pragma once
#include <string>
#include <vector>

namespace jiceng::cases {

struct CategoryDeadline {
  std::string stage;    // dispatch | handling | verification_urban | verification_rural
  std::string urgency;  // normal | urgent
  int amount = 0;
  std::string unit;  // minutes | working_minutes | working_days
};

struct Category {
  std::string code;        // E0102, C0101
  std::string kind;        // event | component
  std::string major_code;  // 01
  std::string major_name;
  std::string name;
  std::string description;
  std::string routing;              // locality_first (events) | owner_first (components)
  std::string department_category;  // org department category
  bool active = true;
  int version = 1;
  std::vector<CategoryDeadline> deadlines;
};

// The seed rows (69 minor categories: 41 events, 28 components), each with its eight
// stage/urgency deadlines.
std::vector<Category> SeedCatalogue();

bool IsDeadlineUnit(const std::string& unit);
bool IsStage(const std::string& stage);

}  // namespace jiceng::cases
