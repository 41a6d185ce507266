-- Append-only, hash-chained audit log. seq is assigned by the application (head.seq + 1), not
-- by the database, so a deleted row leaves a visible gap.
-- hash = SM3(prev_hash || canonical(row)); see core/audit/audit_log.cpp for the serialization.
CREATE TABLE core_audit (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  actor TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  org_code TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '{}',
  request_id TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'success',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX core_audit_at ON core_audit (at);
CREATE INDEX core_audit_org ON core_audit (org_code, seq);
CREATE INDEX core_audit_actor ON core_audit (actor, seq);
CREATE INDEX core_audit_action ON core_audit (action, seq);

-- The chain head: one row, locked by every append on PostgreSQL so concurrent transactions
-- cannot both extend the same head (which would fork the chain). It also lets Verify notice
-- rows deleted from the end of the log.
CREATE TABLE core_audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO core_audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
