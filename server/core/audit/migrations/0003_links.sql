-- Keyed batch links (see core/audit/audit_log.hpp and docs/audit.md).
--
-- From this migration on a row's seq comes from a database counter (PostgreSQL: the sequence
-- core_audit_seq; SQLite: the single writer takes MAX(seq) + 1), its `hash` column holds
-- HMAC-SM3(audit key, canonical row) and `prev_hash` is '' (rows no longer point at each
-- other, so concurrent writers never wait for the previous row). Rows written before hold the
-- old unkeyed chain; core_audit_head is frozen at the end of that chain (its seq and hash), and
-- the first link starts from it.
--
-- A sealer groups the rows written since the last link into a new link: the SM3 Merkle root of
-- their MACs, and HMAC-SM3 over (id, seq range, row count, root, previous link's mac, time).
CREATE TABLE core_audit_links (
  id BIGINT PRIMARY KEY,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  root TEXT NOT NULL,
  prev_mac TEXT NOT NULL,
  mac TEXT NOT NULL,
  sealed_at BIGINT NOT NULL
);

-- The newest link (link_id 0: none yet; then last_seq and mac are the frozen legacy head).
-- Sealers serialize on this row; rows with seq <= last_seq can no longer be inserted.
CREATE TABLE core_audit_seal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  link_id BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  mac TEXT NOT NULL
);
INSERT INTO core_audit_seal (id, link_id, last_seq, mac)
SELECT 1, 0, seq, hash FROM core_audit_head WHERE id = 1;
