-- The legacy chain stops here: rows no longer extend core_audit_head, which is frozen.
DROP TRIGGER core_audit_chain;
DROP TRIGGER core_audit_head_forward;
CREATE TRIGGER core_audit_head_frozen BEFORE UPDATE ON core_audit_head
BEGIN
  SELECT RAISE(ABORT, 'core_audit_head is frozen');
END;
-- A row may not land inside a range that is already sealed.
CREATE TRIGGER core_audit_unsealed_only BEFORE INSERT ON core_audit
WHEN NEW.seq <= (SELECT last_seq FROM core_audit_seal WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'core_audit: row inside a sealed range');
END;
-- Links are append-only and continue the newest one; the seal row only moves to the newest.
CREATE TRIGGER core_audit_links_no_update BEFORE UPDATE ON core_audit_links
BEGIN
  SELECT RAISE(ABORT, 'core_audit_links is append-only');
END;
CREATE TRIGGER core_audit_links_no_delete BEFORE DELETE ON core_audit_links
BEGIN
  SELECT RAISE(ABORT, 'core_audit_links is append-only');
END;
CREATE TRIGGER core_audit_links_chain BEFORE INSERT ON core_audit_links
WHEN NEW.id IS NOT (SELECT link_id + 1 FROM core_audit_seal WHERE id = 1)
  OR NEW.prev_mac IS NOT (SELECT mac FROM core_audit_seal WHERE id = 1)
  OR NEW.first_seq IS NOT (SELECT last_seq + 1 FROM core_audit_seal WHERE id = 1)
  OR NEW.last_seq < NEW.first_seq
BEGIN
  SELECT RAISE(ABORT, 'core_audit_links: link does not continue the chain');
END;
CREATE TRIGGER core_audit_seal_forward BEFORE UPDATE ON core_audit_seal
WHEN NEW.id IS NOT OLD.id OR NEW.link_id IS NOT OLD.link_id + 1
  OR NEW.mac IS NOT (SELECT mac FROM core_audit_links WHERE id = NEW.link_id)
  OR NEW.last_seq IS NOT (SELECT last_seq FROM core_audit_links WHERE id = NEW.link_id)
BEGIN
  SELECT RAISE(ABORT, 'core_audit_seal may only move to the newest link');
END;
CREATE TRIGGER core_audit_seal_no_delete BEFORE DELETE ON core_audit_seal
BEGIN
  SELECT RAISE(ABORT, 'core_audit_seal cannot be deleted');
END;
