#include "core/audit/audit_log.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/crypto/crypto.hpp"
#include "core/db/keyset.hpp"
#include "core/db/like.hpp"

namespace jiceng::core::audit {

namespace {

constexpr const char* kColumns =
    "seq, at, actor_id, actor, action, target_type, target_id, org_code, summary, request_id, "
    "source, outcome, prev_hash, hash";

AuditRecord RecordFromRow(const db::Row& row) {
  AuditRecord r;
  AuditEntry& e = r.entry;
  row.Into(r.seq, e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id, e.org_code,
           e.summary, e.request_id, e.source, e.outcome, r.prev_hash, r.hash);
  return r;
}

// Length-prefixed so that no two different rows serialize to the same bytes
// ("ab"+"c" vs "a"+"bc").
void AddField(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

AuditLog::AuditLog(db::Database& db, const time::Clock& clock) : db_(db), clock_(clock) {}

std::string AuditLog::Canonical(std::int64_t seq, const AuditEntry& e) {
  std::string out = "jiceng-audit-v1;";
  AddField(out, std::to_string(seq));
  AddField(out, std::to_string(e.at));
  AddField(out, std::to_string(e.actor_id));
  AddField(out, e.actor);
  AddField(out, e.action);
  AddField(out, e.target_type);
  AddField(out, e.target_id);
  AddField(out, e.org_code);
  AddField(out, e.summary);
  AddField(out, e.request_id);
  AddField(out, e.source);
  AddField(out, e.outcome);
  return out;
}

std::string AuditLog::HashOf(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e) {
  return crypto::Sm3Hex(prev_hash + Canonical(seq, e));
}

Result<void> AuditLog::Append(db::Session& tx, AuditEntry e) const {
  if (e.at == 0) e.at = clock_.NowMs();
  if (e.summary.empty()) e.summary = "{}";
  // PostgreSQL: the row lock on the head makes concurrent transactions append one after the
  // other (the second waits for the first to commit and then sees its head), so the chain
  // cannot fork. SQLite has a single writer, and does not know FOR UPDATE.
  const char* head_sql = tx.dialect() == db::Dialect::kPostgres
                             ? "SELECT seq, hash FROM core_audit_head WHERE id = 1 FOR UPDATE"
                             : "SELECT seq, hash FROM core_audit_head WHERE id = 1";
  JC_ASSIGN_OR_RETURN(db::Rows head, tx.Query(head_sql));
  if (head.empty()) return DomainError::Internal("audit.head_missing", "审计日志头记录缺失");
  const std::int64_t seq = head[0].Int(0) + 1;
  const std::string prev_hash = head[0].Text(1);
  const std::string hash = HashOf(prev_hash, seq, e);
  JC_TRY(tx.Exec(std::string("INSERT INTO core_audit (") + kColumns +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                 {seq, e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id, e.org_code,
                  e.summary, e.request_id, e.source, e.outcome, prev_hash, hash}));
  JC_TRY(tx.Exec("UPDATE core_audit_head SET seq = $1, hash = $2 WHERE id = 1", {seq, hash}));
  return {};
}

Result<void> AuditLog::AppendAlone(AuditEntry entry) const {
  return db_.Write([&](db::Session& tx) { return Append(tx, entry); });
}

Result<VerifyReport> AuditLog::Verify(db::Database& db, std::int64_t page_size) {
  VerifyReport report;
  // The head read first bounds the check: rows appended while verifying are left for next time.
  std::int64_t head_seq = 0;
  std::string head_hash;
  JC_TRY(db.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(db::Rows head,
                        s.Query("SELECT seq, hash FROM core_audit_head WHERE id = 1"));
    if (head.empty()) return DomainError::Internal("audit.head_missing", "审计日志头记录缺失");
    head_seq = head[0].Int(0);
    head_hash = head[0].Text(1);
    return {};
  }));

  auto fail = [&](std::int64_t seq, const char* reason) {
    report.ok = false;
    report.first_bad_seq = seq;
    report.reason = reason;
    return report;
  };

  std::int64_t expect = 1;
  std::string prev = kGenesisHash;
  while (expect <= head_seq) {
    db::Rows rows;
    // One short read per page keeps memory flat and never holds a snapshot for the whole run.
    JC_TRY(db.Read([&](db::Session& s) -> Result<void> {
      JC_ASSIGN_OR_RETURN(rows, s.Query(std::string("SELECT ") + kColumns +
                                            " FROM core_audit WHERE seq >= $1 AND seq <= $2"
                                            " ORDER BY seq LIMIT $3",
                                        {expect, head_seq, page_size}));
      return {};
    }));
    if (rows.empty()) break;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      AuditRecord r = RecordFromRow(rows[i]);
      if (r.seq != expect) return fail(expect, "seq_gap");
      ++report.checked;
      if (HashOf(prev, r.seq, r.entry) != r.hash) {
        return fail(r.seq, r.prev_hash == prev ? "hash_mismatch" : "chain_broken");
      }
      prev = r.hash;
      ++expect;
    }
  }
  if (expect - 1 != head_seq || prev != head_hash) return fail(expect, "head_mismatch");
  return report;
}

Result<AuditPage> AuditLog::Search(const auth::Scope& scope, const AuditFilter& filter, int limit,
                                   const std::string& cursor) const {
  JC_ASSIGN_OR_RETURN(auto page_of, db::KeysetPage::Of({"", "seq", true}, cursor, limit));
  db::Params params;
  std::string sql =
      std::string("SELECT ") + kColumns + " FROM core_audit WHERE " + scope.Sql("org_code", params);
  if (!filter.actor.empty()) sql += " AND actor = " + db::Bind(params, filter.actor);
  if (!filter.action_prefix.empty()) {
    sql += " AND action LIKE " + db::Bind(params, db::LikeStartingWith(filter.action_prefix)) +
           " ESCAPE '\\'";
  }
  if (!filter.org_code_prefix.empty()) {
    sql += " AND org_code >= " + db::Bind(params, filter.org_code_prefix);
    sql += " AND org_code < " + db::Bind(params, filter.org_code_prefix + ":");
  }
  if (filter.from_ms) sql += " AND at >= " + db::Bind(params, *filter.from_ms);
  if (filter.to_ms) sql += " AND at < " + db::Bind(params, *filter.to_ms);
  if (!filter.text.empty()) {
    // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    sql += " AND LOWER(summary) LIKE LOWER(" + db::Bind(params, db::LikeContaining(filter.text)) +
           ") ESCAPE '\\'";
  }
  sql += " AND " + page_of.After(params) + page_of.OrderLimit(params);
  JC_ASSIGN_OR_RETURN(db::Rows rows, db_.Query(sql, params));
  AuditPage page;
  for (std::size_t i = 0; i < rows.size(); ++i) page.items.push_back(RecordFromRow(rows[i]));
  page.next_cursor =
      page_of.Cut(page.items, [](const AuditRecord& r) { return std::pair("", r.seq); });
  return page;
}

}  // namespace jiceng::core::audit
