#include "core/audit/audit_log.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/crypto/crypto.hpp"
#include "core/db/keyset.hpp"
#include "core/db/like.hpp"

namespace jiceng::core::audit {

namespace {

constexpr const char* kColumns =
    "seq, at, actor_id, actor, action, target_type, target_id, org_code, summary, request_id, "
    "source, outcome, prev_hash, hash";

// PostgreSQL advisory lock (class, schema hash): appenders hold it shared until commit, the
// sealer takes it exclusively for an instant to learn which rows are committed. The schema hash
// keeps databases that share a server (one schema each) out of each other's way.
constexpr const char* kAppendLockSql =
    "WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(20261207, "
    "hashtext(current_schema()))) SELECT nextval('core_audit_seq') FROM l";
constexpr const char* kSealTryLockSql =
    "SELECT CASE WHEN pg_try_advisory_xact_lock(20261207, hashtext(current_schema())) THEN 1 "
    "ELSE 0 END";
constexpr const char* kSealLockSql =
    "SELECT pg_advisory_xact_lock(20261207, hashtext(current_schema()))";
// While the sealer waits for its exclusive lock, PostgreSQL queues new shared requests behind
// it, so every appender arriving meanwhile waits too. The wait is kept this short; a sealer that
// does not get the lock in time leaves the rows for its next round.
constexpr const char* kSealLockTimeoutSql = "SET LOCAL lock_timeout = '50ms'";
constexpr const char* kSealBusyCode = "audit.seal_busy";

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

struct LinkRow {
  std::int64_t id = 0, first_seq = 0, last_seq = 0, row_count = 0, sealed_at = 0;
  std::string root, prev_mac, mac;
};

}  // namespace

struct AuditLog::Sealer {
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;
  std::thread thread;
};

AuditLog::AuditLog(db::Database& db, const time::Clock& clock, std::shared_ptr<const AuditKey> key,
                   std::string anchor_file)
    : db_(db), clock_(clock), key_(std::move(key)), anchor_file_(std::move(anchor_file)) {
  if (!key_) throw std::invalid_argument("AuditLog needs a key");
}

AuditLog::AuditLog(db::Database& db, const time::Clock& clock)
    : AuditLog(db, clock, AuditKey::Random()) {}

AuditLog::~AuditLog() { StopSealer(); }

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

std::string AuditLog::RowMac(const AuditKey& key, std::int64_t seq, const AuditEntry& e) {
  return key.MacHex("row;" + Canonical(seq, e));
}

std::string AuditLog::LinkMac(const AuditKey& key, std::int64_t id, std::int64_t first_seq,
                              std::int64_t last_seq, std::int64_t row_count,
                              const std::string& root, const std::string& prev_mac,
                              std::int64_t sealed_at) {
  std::string out = "link;jiceng-audit-link-v2;";
  AddField(out, std::to_string(id));
  AddField(out, std::to_string(first_seq));
  AddField(out, std::to_string(last_seq));
  AddField(out, std::to_string(row_count));
  AddField(out, root);
  AddField(out, prev_mac);
  AddField(out, std::to_string(sealed_at));
  return key.MacHex(out);
}

Result<void> AuditLog::Append(db::Session& tx, AuditEntry e) const {
  if (e.at == 0) e.at = clock_.NowMs();
  if (e.summary.empty()) e.summary = "{}";
  // PostgreSQL: a number from the sequence, under the shared lock (see kAppendLockSql); no
  // appender waits for another. SQLite: one writer, so MAX + 1 is race-free.
  const bool pg = tx.dialect() == db::Dialect::kPostgres;
  JC_ASSIGN_OR_RETURN(
      db::Rows next,
      tx.Query(pg ? kAppendLockSql : "SELECT COALESCE(MAX(seq), 0) + 1 FROM core_audit"));
  if (next.empty()) return DomainError::Internal("audit.seq", "审计日志序号分配失败");
  const std::int64_t seq = next[0].Int(0);
  const std::string mac = RowMac(*key_, seq, e);
  JC_TRY(tx.Exec(std::string("INSERT INTO core_audit (") + kColumns +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '', $13)",
                 {seq, e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id, e.org_code,
                  e.summary, e.request_id, e.source, e.outcome, mac}));
  return {};
}

Result<void> AuditLog::AppendAlone(AuditEntry entry) const {
  return db_.Write([&](db::Session& tx) { return Append(tx, entry); });
}

Result<AuditTip> AuditLog::Seal() const { return Seal(db_, *key_, clock_); }

Result<AuditTip> AuditLog::Seal(db::Database& db, const AuditKey& key, const time::Clock& clock) {
  const bool pg = db.dialect() == db::Dialect::kPostgres;
  // PostgreSQL: once the exclusive lock is granted no transaction that took a number is still
  // running, and any that starts later takes a larger number. So every row up to the largest
  // committed seq is final. The lock is held for one statement; appenders wait at most that.
  std::int64_t bound = 0;
  if (pg) {
    bool waited = false;
    auto locked = db.Write([&](db::Session& s) -> Result<void> {
      JC_ASSIGN_OR_RETURN(db::Rows got, s.Query(kSealTryLockSql));
      if (got.empty() || got[0].Int(0) != 1) {
        waited = true;
        JC_TRY(s.Exec(kSealLockTimeoutSql));
        JC_TRY(s.Query(kSealLockSql));
      }
      JC_ASSIGN_OR_RETURN(db::Rows r, s.Query("SELECT COALESCE(MAX(seq), 0) FROM core_audit"));
      bound = r[0].Int(0);
      return {};
    });
    // Only the lock wait running out means busy; any other failure is reported as it is.
    if (!locked.ok() && waited && locked.error().code == "db.lock_timeout") {
      return DomainError::Conflict(kSealBusyCode, "审计日志正在写入，稍后封存");
    }
    JC_TRY(locked);
  }
  AuditTip tip;
  for (bool more = true; more;) {
    more = false;
    JC_TRY(db.Write([&](db::Session& s) -> Result<void> {
      // Sealers take turns on the seal row (PostgreSQL); SQLite has one writer anyway.
      JC_ASSIGN_OR_RETURN(
          db::Rows t,
          s.Query(pg ? "SELECT link_id, last_seq, mac FROM core_audit_seal WHERE id = 1 FOR UPDATE"
                     : "SELECT link_id, last_seq, mac FROM core_audit_seal WHERE id = 1"));
      if (t.empty()) return DomainError::Internal("audit.seal_missing", "审计日志封存记录缺失");
      tip = AuditTip{t[0].Int(0), t[0].Int(1), t[0].Text(2)};
      std::int64_t upto = bound;
      if (!pg) {
        JC_ASSIGN_OR_RETURN(db::Rows r, s.Query("SELECT COALESCE(MAX(seq), 0) FROM core_audit"));
        upto = r[0].Int(0);
      }
      if (upto <= tip.last_seq) return {};
      JC_ASSIGN_OR_RETURN(db::Rows rows,
                          s.Query("SELECT seq, hash FROM core_audit WHERE seq > $1 AND seq <= $2 "
                                  "ORDER BY seq LIMIT $3",
                                  {tip.last_seq, upto, kMaxRowsPerLink}));
      if (rows.empty()) return {};
      std::vector<std::string> leaves;
      leaves.reserve(rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) leaves.push_back(rows[i].Text(1));
      const std::int64_t last = rows[rows.size() - 1].Int(0);
      const auto count = static_cast<std::int64_t>(rows.size());
      more = count == kMaxRowsPerLink && last < upto;
      LinkRow link;
      link.id = tip.link_id + 1;
      link.first_seq = tip.last_seq + 1;
      link.last_seq = last;
      link.row_count = count;
      link.root = MerkleRootHex(leaves);
      link.prev_mac = tip.mac;
      link.sealed_at = clock.NowMs();
      link.mac = LinkMac(key, link.id, link.first_seq, link.last_seq, link.row_count, link.root,
                         link.prev_mac, link.sealed_at);
      JC_TRY(s.Exec(
          "INSERT INTO core_audit_links (id, first_seq, last_seq, row_count, root, prev_mac, mac, "
          "sealed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {link.id, link.first_seq, link.last_seq, link.row_count, link.root, link.prev_mac,
           link.mac, link.sealed_at}));
      JC_TRY(s.Exec("UPDATE core_audit_seal SET link_id = $1, last_seq = $2, mac = $3 WHERE id = 1",
                    {link.id, link.last_seq, link.mac}));
      tip = AuditTip{link.id, link.last_seq, link.mac};
      return {};
    }));
  }
  return tip;
}

void AuditLog::StartSealer(int interval_ms) {
  if (sealer_) return;
  sealer_ = std::make_unique<Sealer>();
  Sealer* sealer = sealer_.get();
  sealer->thread = std::thread([this, sealer, interval_ms] {
    std::unique_lock lock(sealer->mu);
    while (!sealer->stop) {
      sealer->cv.wait_for(lock, std::chrono::milliseconds(interval_ms));
      if (sealer->stop) break;
      lock.unlock();
      auto sealed = Seal();
      if (!sealed.ok() && sealed.error().code == kSealBusyCode) {
        spdlog::debug("audit seal deferred: appenders busy");
      } else if (!sealed.ok()) {
        spdlog::warn("audit seal failed: {} {}", sealed.error().code, sealed.error().detail);
      }
      lock.lock();
    }
  });
}

void AuditLog::StopSealer() {
  if (!sealer_) return;
  {
    std::lock_guard lock(sealer_->mu);
    sealer_->stop = true;
  }
  sealer_->cv.notify_all();
  if (sealer_->thread.joinable()) sealer_->thread.join();
  sealer_.reset();
  auto sealed = Seal();
  if (!sealed.ok()) {
    spdlog::warn("audit seal at stop failed: {} {}", sealed.error().code, sealed.error().detail);
  }
}

Result<VerifyReport> AuditLog::Verify() const {
  VerifyOptions options;
  options.anchor_file = anchor_file_;
  return Verify(db_, *key_, options);
}

Result<VerifyReport> AuditLog::Verify(db::Database& db, const AuditKey& key,
                                      const VerifyOptions& options) {
  VerifyReport report;
  const std::int64_t page_size = std::max<std::int64_t>(1, options.page_size);
  std::map<std::int64_t, std::string> anchored;
  if (!options.anchor_file.empty()) {
    JC_ASSIGN_OR_RETURN(std::vector<AuditTip> anchors, ReadAnchors(options.anchor_file));
    for (const auto& a : anchors) {
      auto [it, fresh] = anchored.emplace(a.link_id, a.mac);
      if (!fresh && it->second != a.mac) {
        return DomainError::Invalid(
            "audit.anchor_file.conflict",
            "锚定文件中同一链接有两个不同的值：link=" + std::to_string(a.link_id),
            "[audit] anchor_file");
      }
    }
  }

  // The legacy head and the seal row read first bound the check: rows and links appended while
  // verifying are left for next time (or checked as unsealed rows).
  std::int64_t legacy_seq = 0;
  std::string legacy_hash;
  AuditTip tip;
  JC_TRY(db.Read([&](db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(db::Rows head,
                        s.Query("SELECT seq, hash FROM core_audit_head WHERE id = 1"));
    JC_ASSIGN_OR_RETURN(db::Rows seal,
                        s.Query("SELECT link_id, last_seq, mac FROM core_audit_seal WHERE id = 1"));
    if (head.empty() || seal.empty()) {
      return DomainError::Internal("audit.head_missing", "审计日志头记录缺失");
    }
    legacy_seq = head[0].Int(0);
    legacy_hash = head[0].Text(1);
    tip = AuditTip{seal[0].Int(0), seal[0].Int(1), seal[0].Text(2)};
    return {};
  }));

  auto fail = [&](std::int64_t seq, const char* reason,
                  std::optional<std::int64_t> link = std::nullopt) {
    report.ok = false;
    report.first_bad_seq = seq;
    report.first_bad_link = link;
    report.reason = reason;
    return report;
  };
  // Rows with lo <= seq <= hi (hi < 0: no upper bound), page by page, in seq order.
  auto rows_between = [&](std::int64_t lo, std::int64_t hi,
                          const std::function<bool(const AuditRecord&)>& each) -> Result<void> {
    for (std::int64_t from = lo;;) {
      db::Rows rows;
      JC_TRY(db.Read([&](db::Session& s) -> Result<void> {
        std::string sql = std::string("SELECT ") + kColumns + " FROM core_audit WHERE seq >= $1";
        db::Params params{from};
        if (hi >= 0) {
          sql += " AND seq <= $2 ORDER BY seq LIMIT $3";
          params.push_back(hi);
        } else {
          sql += " ORDER BY seq LIMIT $2";
        }
        params.push_back(page_size);
        JC_ASSIGN_OR_RETURN(rows, s.Query(sql, params));
        return {};
      }));
      for (std::size_t i = 0; i < rows.size(); ++i) {
        AuditRecord r = RecordFromRow(rows[i]);
        if (!each(r)) return {};
        from = r.seq + 1;
      }
      if (static_cast<std::int64_t>(rows.size()) < page_size) return {};
    }
  };

  // 1. Rows from before the key: the unkeyed chain, up to the frozen head.
  std::int64_t expect = 1;
  std::string prev = kGenesisHash;
  bool bad = false;
  if (legacy_seq > 0) {
    JC_TRY(rows_between(1, legacy_seq, [&](const AuditRecord& r) {
      if (r.seq != expect) {
        fail(expect, "seq_gap");
        return !(bad = true);
      }
      ++report.checked;
      if (HashOf(prev, r.seq, r.entry) != r.hash) {
        fail(r.seq, r.prev_hash == prev ? "hash_mismatch" : "chain_broken");
        return !(bad = true);
      }
      prev = r.hash;
      ++expect;
      return true;
    }));
    if (bad) return report;
  }
  if (expect - 1 != legacy_seq || prev != legacy_hash) return fail(expect, "head_mismatch");
  if (auto a = anchored.find(0); a != anchored.end() && a->second != legacy_hash) {
    return fail(1, "anchor_mismatch", 0);
  }

  // 2. Links, each over its rows.
  LinkRow last;
  last.last_seq = legacy_seq;
  last.mac = legacy_hash;
  for (bool more = true; more && last.id < tip.link_id;) {
    db::Rows links;
    JC_TRY(db.Read([&](db::Session& s) -> Result<void> {
      JC_ASSIGN_OR_RETURN(links,
                          s.Query("SELECT id, first_seq, last_seq, row_count, root, prev_mac, mac, "
                                  "sealed_at FROM core_audit_links WHERE id > $1 AND id <= $2 "
                                  "ORDER BY id LIMIT $3",
                                  {last.id, tip.link_id, page_size}));
      return {};
    }));
    more = static_cast<std::int64_t>(links.size()) == page_size;
    for (std::size_t i = 0; i < links.size(); ++i) {
      LinkRow l;
      links[i].Into(l.id, l.first_seq, l.last_seq, l.row_count, l.root, l.prev_mac, l.mac,
                    l.sealed_at);
      if (l.id != last.id + 1 || l.prev_mac != last.mac || l.first_seq != last.last_seq + 1 ||
          l.last_seq < l.first_seq) {
        return fail(last.last_seq + 1, "link_broken", last.id + 1);
      }
      if (LinkMac(key, l.id, l.first_seq, l.last_seq, l.row_count, l.root, l.prev_mac,
                  l.sealed_at) != l.mac) {
        return fail(l.first_seq, "link_mismatch", l.id);
      }
      std::vector<std::string> leaves;
      JC_TRY(rows_between(l.first_seq, l.last_seq, [&](const AuditRecord& r) {
        ++report.checked;
        if (RowMac(key, r.seq, r.entry) != r.hash) {
          fail(r.seq, "hash_mismatch", l.id);
          return !(bad = true);
        }
        leaves.push_back(r.hash);
        return true;
      }));
      if (bad) return report;
      if (static_cast<std::int64_t>(leaves.size()) != l.row_count ||
          MerkleRootHex(leaves) != l.root) {
        return fail(l.first_seq, "root_mismatch", l.id);
      }
      if (auto a = anchored.find(l.id); a != anchored.end() && a->second != l.mac) {
        return fail(l.first_seq, "anchor_mismatch", l.id);
      }
      ++report.links;
      last = std::move(l);
    }
    if (links.empty()) break;
  }
  if (last.id != tip.link_id || last.mac != tip.mac || last.last_seq != tip.last_seq) {
    return fail(last.last_seq + 1, "seal_mismatch", last.id + 1);
  }
  for (const auto& [id, mac] : anchored) {
    if (id > last.id) return fail(last.last_seq + 1, "anchor_mismatch", id);
  }
  report.anchors = static_cast<std::int64_t>(anchored.size());

  // 3. Rows not sealed yet: each must carry its own valid MAC.
  JC_TRY(rows_between(tip.last_seq + 1, -1, [&](const AuditRecord& r) {
    ++report.checked;
    ++report.unsealed;
    if (RowMac(key, r.seq, r.entry) != r.hash) {
      fail(r.seq, "hash_mismatch");
      return !(bad = true);
    }
    return true;
  }));
  return report;
}

std::vector<std::pair<std::string, std::string>> ServerRoleRights() {
  return {{"core_audit", "SELECT, INSERT"},
          {"core_audit_links", "SELECT, INSERT"},
          {"core_audit_seal", "SELECT, UPDATE"},
          {"core_audit_head", "SELECT"}};
}

Result<std::string> AppendAnchor(const std::string& path, const AuditTip& tip,
                                 std::int64_t now_ms) {
  std::string line = time::FormatIsoUtc(now_ms) + " link=" + std::to_string(tip.link_id) +
                     " last_seq=" + std::to_string(tip.last_seq) + " mac=" + tip.mac + "\n";
  // O_APPEND: every write lands at the end, even with another writer; 0640, nothing secret.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    return DomainError::Invalid("audit.anchor_file.unwritable",
                                "无法写入锚定文件：" + path + "：" + std::strerror(errno),
                                "[audit] anchor_file");
  }
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok) {
    return DomainError::Invalid("audit.anchor_file.unwritable",
                                "无法写入锚定文件：" + path + "：" + std::strerror(saved),
                                "[audit] anchor_file");
  }
  line.pop_back();
  return line;
}

Result<std::vector<AuditTip>> ReadAnchors(const std::string& path) {
  std::vector<AuditTip> out;
  std::ifstream in(path);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return out;
    return DomainError::Invalid("audit.anchor_file.unreadable", "无法读取锚定文件：" + path,
                                "[audit] anchor_file");
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    AuditTip tip;
    char mac[65] = {};
    long long link = -1, last = -1;
    const auto space = line.find(' ');
    bool ok = space != std::string::npos &&
              std::sscanf(line.c_str() + space, " link=%lld last_seq=%lld mac=%64[0-9a-f]", &link,
                          &last, mac) == 3 &&
              link >= 0 && last >= 0 && std::strlen(mac) == 64;
    if (!ok) {
      return DomainError::Invalid("audit.anchor_file.format",
                                  "锚定文件第 " + std::to_string(number) + " 行格式错误：" + path,
                                  "[audit] anchor_file");
    }
    tip.link_id = link;
    tip.last_seq = last;
    tip.mac = mac;
    out.push_back(std::move(tip));
  }
  return out;
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
