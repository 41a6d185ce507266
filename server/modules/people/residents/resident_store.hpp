// The only SQL about residents, their search terms, tags and field history. Every read takes a
// Scope; the store decrypts ID and phone numbers so callers see plain Resident values.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/people/people.hpp"
#include "modules/people/privacy.hpp"
#include "modules/people/residents/search_terms.hpp"

namespace jiceng::people {

// What Insert computes for a row (encryption, blind indexes, search terms). Bulk imports compute
// it on a worker pool so that the single writer only runs SQL.
struct SealedResident {
  std::string id_number_enc;
  std::string id_number_index;
  std::string phone_enc;
  std::string phone_index;
  std::vector<SearchTerm> terms;
};
SealedResident SealResident(const Resident& r, const Privacy& privacy);

// One row of people_search_terms, for bulk writes.
struct TermRow {
  std::string kind;
  std::string term;
  std::string org_code;
  std::int64_t resident_id = 0;
  bool operator<(const TermRow& o) const {
    return std::tie(kind, term, org_code, resident_id) <
           std::tie(o.kind, o.term, o.org_code, o.resident_id);
  }
};

using ResidentPage = core::db::Page<Resident>;  // next_cursor: "org_code:id" of the last item

// Where an ID number is already registered (ignoring scope: for the duplicate check only).
struct ExistingResident {
  std::int64_t id = 0;
  std::string org_code;
};

class ResidentStore {
 public:
  ResidentStore(core::db::Session& session, const Privacy& privacy)
      : s_(session), privacy_(privacy) {}

  core::Result<std::optional<Resident>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Lists or searches residents in scope, ordered by (grid, id), with their tags.
  core::Result<ResidentPage> Search(const core::auth::Scope& scope, const ResidentFilter& filter,
                                    const std::string& cursor);
  core::Result<std::int64_t> Count(const core::auth::Scope& scope, const std::string& org);
  core::Result<std::optional<ExistingResident>> FindByIdNumber(const std::string& normalized_id);

  // Inserts r (sets r.id) with its search terms.
  core::Result<void> Insert(Resident& r, const std::string& actor, std::int64_t now_ms);
  // The same with the sealed values computed beforehand (SealResident of the same r).
  core::Result<void> Insert(Resident& r, const std::string& actor, std::int64_t now_ms,
                            const SealedResident& sealed);
  // Bulk writes: the row alone (sets r.id), its terms appended to `terms`; then every collected
  // term in key order, many rows per statement. Sorted keys touch each B-tree page once per
  // batch instead of once per term, which is most of an import's write time.
  core::Result<void> InsertRowOnly(Resident& r, const std::string& actor, std::int64_t now_ms,
                                   const SealedResident& sealed, std::vector<TermRow>& terms);
  core::Result<void> InsertTerms(std::vector<TermRow>& terms);
  // Saves after over before if the stored version is still before.version: bumps the version,
  // rewrites the search terms and records one change row per changed field.
  // A stale version is people.version_conflict.
  core::Result<void> Update(const Resident& before, Resident& after, const std::string& actor,
                            std::int64_t now_ms);
  core::Result<std::vector<FieldChange>> History(std::int64_t resident_id);

  // Residents of a household or a house (members lists), in scope.
  core::Result<std::vector<Resident>> OfHousehold(const core::auth::Scope& scope,
                                                  std::int64_t household_id);
  core::Result<std::vector<Resident>> OfHouse(const core::auth::Scope& scope,
                                              std::int64_t house_id);
  // Moves every resident of a house to another grid (the house moved).
  core::Result<void> MoveHouse(std::int64_t house_id, const std::string& org_code,
                               const std::string& actor, std::int64_t now_ms);

  core::Result<std::vector<ResidentTag>> Tags(std::int64_t resident_id);
  core::Result<std::optional<ResidentTag>> GetTag(const core::auth::Scope& scope,
                                                  std::int64_t tag_id);
  core::Result<void> InsertTag(ResidentTag& tag, std::int64_t now_ms);
  core::Result<void> UpdateTag(const ResidentTag& tag, std::int64_t now_ms);

  // Column lists and row conversions shared with ledgers (residents: r. prefix; tags: none).
  static const char* Columns();
  core::Result<Resident> FromRow(const core::db::Row& row) const;
  static const char* TagColumns();
  static ResidentTag TagFrom(const core::db::Row& row);

 private:
  core::Result<ResidentPage> SearchRows(const core::auth::Scope& scope,
                                        const ResidentFilter& filter, const std::string& cursor);
  // Runs a SELECT of Columns() and decrypts the rows.
  core::Result<std::vector<Resident>> Load(const std::string& sql, const core::db::Params& params);
  // Tags of a page of residents in one query.
  core::Result<void> LoadTags(std::vector<Resident>& residents);
  core::Result<void> WriteTerms(const Resident& r, bool remove);
  core::Result<ResidentPage> Lookup(const core::auth::Scope& scope, const ResidentFilter& filter,
                                    const std::string& cursor,
                                    const std::vector<TermLookup>& lookups);

  core::db::Session& s_;
  const Privacy& privacy_;
};

// Field-by-field differences (field key, old, new) with ID and phone numbers masked.
std::vector<FieldChange> DiffResidents(const Resident& before, const Resident& after);

}  // namespace jiceng::people
