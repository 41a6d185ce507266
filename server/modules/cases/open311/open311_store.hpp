// The SQL of Open311 requests: the public view of cases (public columns only, never reporter_*,
// so no code path here can leak a reporter's name, phone, email, device or account), tokens, and
// the columns only an Open311 request fills.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/crypto/field_cipher.hpp"
#include "core/db/database.hpp"
#include "modules/cases/open311/open311_requests.hpp"

namespace jiceng::cases::open311 {

// What an Open311 request adds to its case row, beyond what every channel writes.
struct SubmissionFields {
  std::string attributes_json;  // the checked attribute answers
  std::string address_id;
  std::string media_url;
  std::int64_t api_key_id = 0;
  std::string email;  // clear text: encrypted here; "" stored as NULL
  std::string device_id;
  std::string account_id;
};

class Open311Store {
 public:
  Open311Store(core::db::Session& s, const core::crypto::FieldCipher& cipher)
      : s_(s), cipher_(cipher) {}

  // The requests of q located within scope (the jurisdiction asked for), newest first, at most
  // kMaxRequests. Cases of private categories and hotline cases come withheld.
  core::Result<std::vector<PublicRequest>> FindRequests(const core::auth::Scope& scope,
                                                        const RequestQuery& q);
  // The case id of a tracking code of a request made through Open311 (the token is the
  // credential: no scope); none for the codes of other channels.
  core::Result<std::optional<std::int64_t>> IdOfToken(const std::string& token);
  // Writes the Open311 columns of a case just inserted within scope (the api key's
  // jurisdiction).
  core::Result<void> SaveSubmissionFields(const core::auth::Scope& scope, std::int64_t case_id,
                                          const SubmissionFields& fields);

 private:
  core::db::Session& s_;
  const core::crypto::FieldCipher& cipher_;
};

}  // namespace jiceng::cases::open311
