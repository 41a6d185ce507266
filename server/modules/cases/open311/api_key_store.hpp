// API keys of Open311 clients (GeoReport v2 "Requires API Key" for POST requests). A key is a
// random secret shown once when issued; the database keeps only its SM3 hash, so a copied
// database yields no usable key. A key may be limited to an org subtree (its jurisdiction);
// revoked keys stay listed (their names appear in the audit log) and answer 403.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/principal.hpp"
#include "core/db/database.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

struct ApiKey {
  std::int64_t id = 0;
  std::string name;      // [A-Za-z0-9._-]{1,64}; the audit actor is "open311:<name>"
  std::string org_code;  // jurisdiction: "" = the whole installation
  std::int64_t created_at = 0;
  std::optional<std::int64_t> revoked_at;
};

// "jc311_" + 43 URL-safe characters (256 random bits).
std::string NewApiKeySecret();
// SM3 hex of the secret: what the database stores and is searched by.
std::string HashApiKey(std::string_view secret);

class ApiKeyStore {
 public:
  explicit ApiKeyStore(core::db::Session& s) : s_(s) {}

  // 409 cases.apikey.exists when the name is taken (revoked keys keep their names).
  core::Result<ApiKey> Insert(const std::string& name, const std::string& org_code,
                              const std::string& key_hash, std::int64_t now_ms);
  // The unrevoked key with this secret (one indexed lookup by hash).
  core::Result<std::optional<ApiKey>> FindActive(std::string_view secret);
  core::Result<std::optional<ApiKey>> ByName(const std::string& name);
  core::Result<std::vector<ApiKey>> List();  // by name
  // False when the key was already revoked.
  core::Result<bool> Revoke(std::int64_t id, std::int64_t now_ms);

 private:
  core::db::Session& s_;
};

struct IssuedApiKey {
  ApiKey key;
  std::string secret;  // shown once; never stored or logged
};

// Issues a key (name checked, org_code an existing node other than a department), audited
// cases.apikey.create by `actor`. 422 cases.apikey.name / cases.apikey.org, 409
// cases.apikey.exists.
core::Result<IssuedApiKey> IssueApiKey(CasesContext& ctx, const std::string& name,
                                       const std::string& org_code,
                                       const core::auth::Principal& actor);
// Revokes a key by name, audited cases.apikey.revoke. 404 cases.apikey.not_found; revoking a
// revoked key changes nothing and succeeds.
core::Result<ApiKey> RevokeApiKey(CasesContext& ctx, const std::string& name,
                                  const core::auth::Principal& actor);
core::Result<std::vector<ApiKey>> ListApiKeys(CasesContext& ctx);

}  // namespace jiceng::cases
