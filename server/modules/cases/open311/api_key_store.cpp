#include "modules/cases/open311/api_key_store.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto/crypto.hpp"
#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

constexpr const char* kColumns = "id, name, org_code, created_at, revoked_at";

ApiKey FromRow(const core::db::Row& r) {
  ApiKey k;
  r.Into(k.id, k.name, k.org_code, k.created_at, k.revoked_at);
  return k;
}

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

core::audit::AuditEntry Entry(const core::auth::Principal& actor, std::string action,
                              const ApiKey& key) {
  core::audit::AuditEntry e;
  e.actor_id = actor.user_id;
  e.actor = actor.username;
  e.action = std::move(action);
  e.target_type = "api_key";
  e.target_id = key.name;
  e.org_code = key.org_code;
  e.summary = nlohmann::json{{"name", key.name}, {"org_code", key.org_code}}.dump();
  e.source = "cli";
  return e;
}

}  // namespace

std::string NewApiKeySecret() {
  core::crypto::InitSodium();
  return "jc311_" + core::crypto::RandomToken(32);
}

std::string HashApiKey(std::string_view secret) { return core::crypto::Sm3Hex(secret); }

Result<ApiKey> ApiKeyStore::Insert(const std::string& name, const std::string& org_code,
                                   const std::string& key_hash, std::int64_t now_ms) {
  JC_ASSIGN_OR_RETURN(auto existing, ByName(name));
  if (existing)
    return DomainError::Conflict("cases.apikey.exists", "该名称的 API 密钥已存在：" + name, "name");
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("INSERT INTO cases_api_keys (name, key_hash, org_code, created_at) "
                               "VALUES ($1, $2, $3, $4) RETURNING id",
                               {name, key_hash, org_code, now_ms}));
  ApiKey k;
  k.id = rows[0].Int(0);
  k.name = name;
  k.org_code = org_code;
  k.created_at = now_ms;
  return k;
}

Result<std::optional<ApiKey>> ApiKeyStore::FindActive(std::string_view secret) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query(std::string("SELECT ") + kColumns +
                              " FROM cases_api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
                          {HashApiKey(secret)}));
  if (rows.empty()) return std::optional<ApiKey>();
  return std::optional<ApiKey>(FromRow(rows[0]));
}

Result<std::optional<ApiKey>> ApiKeyStore::ByName(const std::string& name) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(std::string("SELECT ") + kColumns + " FROM cases_api_keys WHERE name = $1", {name}));
  if (rows.empty()) return std::optional<ApiKey>();
  return std::optional<ApiKey>(FromRow(rows[0]));
}

Result<std::vector<ApiKey>> ApiKeyStore::List() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(std::string("SELECT ") + kColumns +
                                          " FROM cases_api_keys ORDER BY name"));
  std::vector<ApiKey> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows[i]));
  return out;
}

Result<bool> ApiKeyStore::Revoke(std::int64_t id, std::int64_t now_ms) {
  JC_ASSIGN_OR_RETURN(std::int64_t n,
                      s_.Exec("UPDATE cases_api_keys SET revoked_at = $1 WHERE id = $2 AND "
                              "revoked_at IS NULL",
                              {now_ms, id}));
  return n > 0;
}

Result<IssuedApiKey> IssueApiKey(CasesContext& ctx, const std::string& name,
                                 const std::string& org_code, const core::auth::Principal& actor) {
  if (!ValidName(name)) {
    return DomainError::Invalid("cases.apikey.name", "名称应为 1–64 个字母、数字或 . _ -", "name");
  }
  if (!org_code.empty()) {
    JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(core::auth::Scope::All(), org_code));
    if (!node || node->level == org::OrgLevel::kDepartment) {
      return DomainError::Invalid("cases.apikey.org",
                                  "辖区代码不存在或不是行政区划/网格：" + org_code, "org_code");
    }
  }
  IssuedApiKey out;
  out.secret = NewApiKeySecret();
  std::int64_t now = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(out.key,
                        ApiKeyStore(s).Insert(name, org_code, HashApiKey(out.secret), now));
    return ctx.audit.Append(s, Entry(actor, "cases.apikey.create", out.key));
  }));
  return out;
}

Result<ApiKey> RevokeApiKey(CasesContext& ctx, const std::string& name,
                            const core::auth::Principal& actor) {
  ApiKey key;
  std::int64_t now = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    ApiKeyStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.ByName(name));
    if (!found)
      return DomainError::NotFound("cases.apikey.not_found", "没有该名称的 API 密钥：" + name);
    key = *found;
    JC_ASSIGN_OR_RETURN(bool changed, store.Revoke(key.id, now));
    if (!changed) return {};
    key.revoked_at = now;
    return ctx.audit.Append(s, Entry(actor, "cases.apikey.revoke", key));
  }));
  return key;
}

Result<std::vector<ApiKey>> ListApiKeys(CasesContext& ctx) {
  std::vector<ApiKey> out;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(out, ApiKeyStore(s).List());
    return {};
  }));
  return out;
}

}  // namespace jiceng::cases
