-- The database itself refuses to change or remove audit rows, and refuses rows or head moves
-- that do not continue the chain. Only someone able to drop these triggers can tamper, and
-- core_audit verification (hash chain + head) then reports it.
CREATE TRIGGER core_audit_no_update BEFORE UPDATE ON core_audit
BEGIN
  SELECT RAISE(ABORT, 'core_audit is append-only');
END;
CREATE TRIGGER core_audit_no_delete BEFORE DELETE ON core_audit
BEGIN
  SELECT RAISE(ABORT, 'core_audit is append-only');
END;
CREATE TRIGGER core_audit_chain BEFORE INSERT ON core_audit
WHEN NEW.seq IS NOT (SELECT seq + 1 FROM core_audit_head WHERE id = 1)
  OR NEW.prev_hash IS NOT (SELECT hash FROM core_audit_head WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'core_audit: row does not continue the chain');
END;
CREATE TRIGGER core_audit_head_forward BEFORE UPDATE ON core_audit_head
WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq + 1
  OR NEW.hash IS NOT (SELECT hash FROM core_audit WHERE seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'core_audit_head may only move to the newest row');
END;
CREATE TRIGGER core_audit_head_no_delete BEFORE DELETE ON core_audit_head
BEGIN
  SELECT RAISE(ABORT, 'core_audit_head cannot be deleted');
END;
