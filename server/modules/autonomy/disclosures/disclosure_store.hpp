// The SQL of disclosures (三务公开): the disclosure, its finance lines and the supervisory
// committee's reviews. Every read takes the caller's Scope.
#pragma once
#include <optional>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "modules/autonomy/decisions/decision.hpp"

namespace jiceng::autonomy {

struct DisclosureFilter {
  std::string org;     // prefix inside the scope
  std::string kind;    // "" = any
  std::string status;  // "" = any
  int limit = 100;
};

class DisclosureStore {
 public:
  explicit DisclosureStore(core::db::Session& s) : s_(s) {}
  // Inserts d with its lines (sets d.id).
  core::Result<void> Insert(Disclosure& d);
  // With its lines.
  core::Result<std::optional<Disclosure>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Without lines, newest first.
  core::Result<std::vector<Disclosure>> List(const core::auth::Scope& scope,
                                             const DisclosureFilter& filter);
  // Rewrites title, body, totals and lines and sets the status back to draft if the stored
  // version is still d.version - 1 and the status one of draft / refused; false otherwise.
  core::Result<bool> Revise(const Disclosure& d);
  // Moves the status from `from` to `to` (bumping the version); false if it was not `from`.
  core::Result<bool> SetStatus(std::int64_t id, const std::string& from, const std::string& to,
                               std::optional<std::int64_t> published_at, std::int64_t now);
  // The published disclosures of one village with their lines, newest first, ignoring scope:
  // for the public village board only (published disclosures are public).
  core::Result<std::vector<Disclosure>> PublishedOf(const std::string& org_code, int limit);
  core::Result<void> InsertReview(DisclosureReview& r);
  core::Result<std::vector<DisclosureReview>> Reviews(std::int64_t disclosure_id);

 private:
  core::Result<void> InsertLines(const Disclosure& d);
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
