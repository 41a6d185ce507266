// Append-only audit log (MLPS level 3: every user's events with time, user, event type and
// outcome, protected from change). docs/audit.md explains the design for operators.
//
// Protection, from the row up (all MACs are HMAC-SM3 under the audit key, a file outside the
// database, core/audit/audit_key.hpp):
//   row   hash = MAC("row" || Canonical(seq, entry)); seq comes from a database counter, and
//         rows do not point at each other, so concurrent writers never wait for one another.
//   link  a sealer (a background thread of the server, `jiceng audit anchor`, the verify route)
//         takes every row written since the last link and appends one link: the SM3 Merkle root
//         of their MACs, and mac = MAC("link" || id, seq range, row count, root, previous
//         link's mac, time). One link per time slice, whatever the number of rows in it.
//   seal  core_audit_seal holds the newest link; triggers keep links append-only and refuse
//         rows inside sealed ranges.
//   anchor `jiceng audit anchor` appends the newest link's mac to an append-only file outside
//         the database and prints it (for notarisation elsewhere).
// Verify recomputes every row MAC, every Merkle root and every link MAC with the key and checks
// the links against the anchors. Without the key, a changed, forged or re-chained row (plain SM3
// or another key) fails; a removed row changes its link's root; links removed at the end are
// caught by the seal row and, if that was rewound too, by the anchors. Rows not yet sealed (at
// most one slice) can be deleted without trace by someone who can drop the triggers.
// Rows written before this design (databases upgraded from the unkeyed chain) keep their SM3
// chain, checked as before; core_audit_head is frozen at its end and the first link follows it.
//
// Append runs inside the caller's write transaction, so a change and its audit record commit or
// roll back together. On PostgreSQL the server runs as a role without UPDATE, DELETE or TRUNCATE
// on these tables and without the right to drop their triggers (core/db/postgres/pg_roles.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/audit/audit_key.hpp"
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
  std::int64_t checked = 0;   // rows examined
  std::int64_t links = 0;     // links examined
  std::int64_t unsealed = 0;  // rows after the newest link (each checked, not yet in a link)
  std::int64_t anchors = 0;   // anchors found in the anchor file and matched
  std::optional<std::int64_t> first_bad_seq;
  std::optional<std::int64_t> first_bad_link;
  // "" when ok. A row: "hash_mismatch" (row changed, forged or MAC'd with another key). A link:
  // "root_mismatch" (rows of the link removed, added or renumbered), "link_mismatch" (link
  // changed or forged), "link_broken" (does not continue the previous link), "seal_mismatch"
  // (links missing at the end, or the seal row changed), "anchor_mismatch" (an anchored link is
  // gone or differs: the chain was rewritten). Legacy (pre-key) rows: "chain_broken",
  // "seq_gap", "head_mismatch".
  std::string reason;
};

struct VerifyOptions {
  std::string anchor_file;         // "" = no anchors to check
  std::int64_t page_size = 10000;  // rows or links read at once
};

// The newest link, as written to the anchor file.
struct AuditTip {
  std::int64_t link_id = 0;
  std::int64_t last_seq = 0;
  std::string mac;
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

inline constexpr std::int64_t kMaxRowsPerLink = 10000;

class AuditLog {
 public:
  // key: the audit key (AuditKey::FromFile). anchor_file: checked by Verify() ("" = none).
  AuditLog(db::Database& db, const time::Clock& clock, std::shared_ptr<const AuditKey> key,
           std::string anchor_file = "");
  // Tests only: a random key held in memory.
  AuditLog(db::Database& db, const time::Clock& clock);
  ~AuditLog();

  // Appends one entry inside the caller's write transaction (tx from Database::Write). Takes
  // no lock that other appenders wait for (PostgreSQL: a shared advisory lock that only the
  // sealer's brief exclusive one conflicts with).
  Result<void> Append(db::Session& tx, AuditEntry entry) const;
  // Convenience: a transaction of its own holding only this entry.
  Result<void> AppendAlone(AuditEntry entry) const;

  // Seals every committed row not yet in a link (one link per kMaxRowsPerLink rows). Answers
  // the newest link. Safe to run from several threads and processes at once.
  Result<AuditTip> Seal() const;
  static Result<AuditTip> Seal(db::Database& db, const AuditKey& key, const time::Clock& clock);
  // Seals every interval_ms on a thread of its own until StopSealer (which seals once more).
  void StartSealer(int interval_ms);
  void StopSealer();

  // Checks rows, links, the seal row and the anchors, page by page. Read-only.
  Result<VerifyReport> Verify() const;
  static Result<VerifyReport> Verify(db::Database& db, const AuditKey& key,
                                     const VerifyOptions& options = {});

  // Search for the UI, newest first. Rows outside scope are invisible. limit 1..500.
  Result<AuditPage> Search(const auth::Scope& scope, const AuditFilter& filter, int limit,
                           const std::string& cursor) const;

  // GET /api/v1/audit and POST /api/v1/audit/verify (permission audit.read).
  void RegisterRoutes(http::Router& router);

  const AuditKey& key() const { return *key_; }
  const std::string& anchor_file() const { return anchor_file_; }

  // The canonical byte string of a row (exposed for tests and external verifiers).
  static std::string Canonical(std::int64_t seq, const AuditEntry& e);
  // Legacy (pre-key) rows: SM3(prev_hash || Canonical).
  static std::string HashOf(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e);
  // A row's MAC: HMAC-SM3(key, "row;" || Canonical).
  static std::string RowMac(const AuditKey& key, std::int64_t seq, const AuditEntry& e);
  // A link's MAC: HMAC-SM3(key, "link;" || id, first_seq, last_seq, row_count, root, prev_mac,
  // sealed_at), each length-prefixed.
  static std::string LinkMac(const AuditKey& key, std::int64_t id, std::int64_t first_seq,
                             std::int64_t last_seq, std::int64_t row_count, const std::string& root,
                             const std::string& prev_mac, std::int64_t sealed_at);

 private:
  struct Sealer;
  db::Database& db_;
  const time::Clock& clock_;
  std::shared_ptr<const AuditKey> key_;
  std::string anchor_file_;
  std::unique_ptr<Sealer> sealer_;
};

// What the server's database role may do on the audit tables (PostgreSQL; applied by
// db::GrantServerRole): read and append rows and links, move the seal row forward, no more.
std::vector<std::pair<std::string, std::string>> ServerRoleRights();

// The anchor file: one line per anchor, appended and flushed to disk:
//   <UTC time ISO 8601> link=<id> last_seq=<seq> mac=<64 hex>
// Lines that are empty or start with '#' are ignored.
Result<std::string> AppendAnchor(const std::string& path, const AuditTip& tip, std::int64_t now_ms);
// Errors: audit.anchor_file.unreadable, audit.anchor_file.format (names the line).
// A missing file is no anchors.
Result<std::vector<AuditTip>> ReadAnchors(const std::string& path);

// An entry with actor, request id and source taken from an authenticated request.
AuditEntry EntryFor(const http::Request& req, std::string action);

// Parses a time given as epoch milliseconds, ISO 8601 with Z or an offset
// ("2026-11-26T05:55:20Z", "2026-11-26T13:55:20+08:00"), or a date "2026-11-26" (midnight in
// Asia/Shanghai, which is what a user picking a date means).
std::optional<std::int64_t> ParseTimeParam(const std::string& text);

}  // namespace jiceng::core::audit
