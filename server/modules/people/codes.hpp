// The code tables of the base data (national standards where one exists). Imports accept a
// code or its Chinese name; the API and storage use the code.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::people {

struct CodeEntry {
  std::string code;
  std::string name;  // zh-CN
};

struct CodeTable {
  std::string key;    // "ethnicities", as in GET /api/v1/people/codes
  std::string field;  // the resident field that takes these codes
  std::vector<CodeEntry> entries;

  bool Has(std::string_view code) const;
  std::string NameOf(std::string_view code) const;  // "" when unknown
  // A code given either as the code or as its Chinese name.
  std::optional<std::string> Resolve(std::string_view code_or_name) const;
};

const CodeTable& Ethnicities();        // GB/T 3304: 56 nationalities + 97, 98
const CodeTable& Relations();          // GB/T 4761
const CodeTable& Educations();         // GB/T 4658
const CodeTable& PoliticalStatuses();  // GB/T 4762
const CodeTable& MaritalStatuses();    // GB/T 2261.2
const CodeTable& IdTypes();
const CodeTable& Genders();
const CodeTable& ResidencyKinds();
const CodeTable& ResidentStatuses();
const CodeTable& HouseUses();
const CodeTable& RentalStatuses();
const CodeTable& UnitKinds();

// Every table above, in the order the codes endpoint lists them.
std::vector<const CodeTable*> AllCodeTables();

enum class TagGroup { kCare, kWatched };

struct TagKind {
  std::string code;
  std::string name;
  TagGroup group;
  std::string Permission() const { return "people.tag." + code; }
};

const std::vector<TagKind>& TagKinds();
const TagKind* FindTagKind(std::string_view code);

inline constexpr const char* kHeadRelation = "02";  // 户主

}  // namespace jiceng::people
