// The only SQL about cases and their timelines. Every read takes the caller's Scope: a case is
// visible to whoever's scope covers its grid or its handling department, so no handler can
// forget the rule. The reporter's phone is encrypted here and decrypted on the way out.
#pragma once
#include <optional>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/crypto/field_cipher.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/cases/case.hpp"

namespace jiceng::cases {

// A case that does not exist and one outside the caller's scope answer alike (404).
inline core::DomainError CaseNotFound() {
  return core::DomainError::NotFound("cases.case.not_found", "案件不存在或不在您的管辖范围内");
}

using CasePage = core::db::Page<Case>;  // next_cursor: id of the last item (lists run newest first)

class CaseStore {
 public:
  CaseStore(core::db::Session& s, const core::crypto::FieldCipher& cipher)
      : s_(s), cipher_(cipher) {}

  core::Result<std::optional<Case>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Ignoring scope: the tracking page (the code itself is the credential).
  core::Result<std::optional<Case>> ByTrackingCode(const std::string& code);
  core::Result<CasePage> List(const core::auth::Scope& scope, const CaseFilter& filter,
                              const std::string& cursor, std::int64_t now_ms);
  // Inserts c (sets id, version 1).
  core::Result<void> Insert(Case& c);
  // Saves the workflow fields of c if its stored version is c.version (then bumps it);
  // 409 cases.version_conflict otherwise.
  core::Result<void> SaveWorkflow(Case& c);
  core::Result<void> AppendEvent(CaseEvent& e);
  core::Result<std::vector<CaseEvent>> Events(std::int64_t case_id);

 private:
  core::Result<Case> FromRow(const core::db::Row& row) const;
  core::Result<std::optional<Case>> One(const std::string& sql, const core::db::Params& params);
  core::db::Session& s_;
  const core::crypto::FieldCipher& cipher_;
};

}  // namespace jiceng::cases
