// The rows of a resident import file: which column holds which field (by the Chinese header
// names of docs/api-people.md, in any order), and one row turned into a validated Resident.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/people/people.hpp"
#include "modules/people/residents/resident_validation.hpp"

namespace jiceng::people {

// A bad cell or row of an import; rows are numbered as in the spreadsheet (header = row 1).
struct ImportError {
  std::int64_t row = 0;
  std::string column;  // the Chinese header name, "" for the whole row or file
  std::string code;
  std::string message;
};

enum class ImportColumn {
  kName,
  kGender,
  kBirthDate,
  kEthnicity,
  kIdType,
  kIdNumber,
  kPhone,
  kGrid,
  kHukouAddress,
  kCurrentAddress,
  kResidencyKind,
  kEducation,
  kPoliticalStatus,
  kMaritalStatus,
  kOccupation,
  kEmployer,
  kHouseholdNumber,
  kRelation,
  kHouseAddress,
  kNotes,
};
inline constexpr std::size_t kImportColumnCount = 20;

// The header names in template order (the template and error messages use them).
const std::array<const char*, kImportColumnCount>& ImportHeaders();
// An example row for the template, matching ImportHeaders(); valid in the demo county.
std::vector<std::string> ImportExampleRow();

// Where each column is in the file (-1 = absent).
struct ImportHeader {
  std::array<int, kImportColumnCount> index{};
};

// Maps a header row. Unknown columns are ignored; missing required columns (姓名, 证件号码,
// 网格编码) are one import.file.columns error naming them all.
core::Result<ImportHeader> MapImportHeader(const std::vector<std::string>& cells);

// One data row: the resident (codes resolved from codes or Chinese names, then normalized and
// checked by ValidateResident) and where it lives. errors gets every problem of the row.
struct ImportRow {
  std::int64_t row = 0;
  Resident resident;
  std::string household_number;
  std::string house_address;
};
ImportRow ParseImportRow(const ImportHeader& header, std::int64_t row_number,
                         const std::vector<std::string>& cells, const ValidationContext& validation,
                         std::vector<ImportError>& errors);

// A row with nothing but blanks (skipped, not counted).
bool BlankRow(const std::vector<std::string>& cells);

// The header name of a resident field ("id_number" -> 证件号码), for error columns.
std::string ImportColumnOfField(std::string_view field);

// "1950-3-2", "1950/03/02", "1950.3.2", "19500302" or an Excel date serial as YYYY-MM-DD;
// anything else is returned unchanged (validation then reports it).
std::string NormalizeImportDate(std::string_view text);

}  // namespace jiceng::people
