// Append-only, hash-chained audit log (MLPS level 3: every user's events with time, user,
// event type and outcome, protected from change).
//
// Each row's hash is SM3(prev_hash || canonical(row)), the first prev_hash being 64 zeros.
// Append runs inside the caller's write transaction, so a change and its audit record commit
// or roll back together. Nothing in the product updates or deletes core_audit: no route does,
// and database triggers (migrations 0002_protect.*.sql) refuse UPDATE/DELETE/TRUNCATE. Someone
// who drops the triggers can still rewrite rows; Verify then reports the first bad row. (A
// full rewrite of the chain from some row on is detectable only against an external copy of
// the head hash, e.g. the daily report or a backup.)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "core/http/router.hpp"
#include "core/result.hpp"
#include "core/time/clock.hpp"

namespace jiceng::core::audit {

// What happened. Strings are stored as given; never put secrets (passwords, tokens) in them.
struct AuditEntry {
  std::int64_t at = 0;        // epoch ms; 0 = now from the log's clock
  std::int64_t actor_id = 0;  // 0 = not a known user (anonymous or system)
  std::string actor;          // username, or "system"
  std::string action;         // dotted: "user.create", "auth.login_failed"
  std::string target_type;    // "user", "case", ...
  std::string target_id;
  std::string org_code;        // the org node of the target, for scoped search
  std::string summary = "{}";  // JSON text: {"before":{...},"after":{...}} or other details
  std::string request_id;
  std::string source;               // client address
  std::string outcome = "success";  // "success" | "failure" | "denied"
};

struct AuditRecord {
  std::int64_t seq = 0;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

struct VerifyReport {
  bool ok = true;
  std::int64_t checked = 0;  // rows examined
  std::optional<std::int64_t> first_bad_seq;
  // "" when ok; "hash_mismatch" (row changed), "chain_broken" (prev_hash differs from the
  // previous row's hash), "seq_gap" (row missing: first_bad_seq is the missing seq),
  // "head_mismatch" (rows missing at the end, or head changed).
  std::string reason;
};

struct AuditFilter {
  std::string actor;                    // exact username
  std::string action_prefix;            // "user." matches user.create, user.update, ...
  std::string org_code_prefix;          // within the caller's scope
  std::optional<std::int64_t> from_ms;  // inclusive
  std::optional<std::int64_t> to_ms;    // exclusive
  std::string text;                     // substring of summary
};

using AuditPage = db::Page<AuditRecord>;  // newest first

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

class AuditLog {
 public:
  AuditLog(db::Database& db, const time::Clock& clock);

  // Appends one entry inside the caller's write transaction (tx from Database::Write).
  // Call it as the last statement of the transaction: on PostgreSQL it locks the chain head
  // until commit, so taking other row locks after it invites deadlocks and holds up everyone.
  Result<void> Append(db::Session& tx, AuditEntry entry) const;
  // Convenience: a transaction of its own holding only this entry.
  Result<void> AppendAlone(AuditEntry entry) const;

  // Checks the whole chain in seq order, page by page. Read-only; usable from the CLI.
  static Result<VerifyReport> Verify(db::Database& db, std::int64_t page_size = 10000);

  // Search for the UI, newest first. Rows outside scope are invisible. limit 1..500.
  Result<AuditPage> Search(const auth::Scope& scope, const AuditFilter& filter, int limit,
                           const std::string& cursor) const;

  // GET /api/v1/audit and POST /api/v1/audit/verify (permission audit.read).
  void RegisterRoutes(http::Router& router);

  // The canonical byte string hashed for a row (exposed for tests and external verifiers).
  static std::string Canonical(std::int64_t seq, const AuditEntry& e);
  static std::string HashOf(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e);

 private:
  db::Database& db_;
  const time::Clock& clock_;
};

// An entry with actor, request id and source taken from an authenticated request.
AuditEntry EntryFor(const http::Request& req, std::string action);

// Parses a time given as epoch milliseconds, ISO 8601 with Z or an offset
// ("2026-11-26T05:55:20Z", "2026-11-26T13:55:20+08:00"), or a date "2026-11-26" (midnight in
// Asia/Shanghai, which is what a user picking a date means).
std::optional<std::int64_t> ParseTimeParam(const std::string& text);

}  // namespace jiceng::core::audit
