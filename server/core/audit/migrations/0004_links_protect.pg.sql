-- Row numbers come from a sequence: concurrent transactions take numbers without waiting for
-- each other (a rolled-back transaction leaves a gap, which the links account for).
CREATE SEQUENCE core_audit_seq;
SELECT setval('core_audit_seq', (SELECT MAX(seq) FROM core_audit))
WHERE EXISTS (SELECT 1 FROM core_audit);

-- The legacy chain stops here: rows no longer extend core_audit_head, which is frozen.
DROP TRIGGER core_audit_chain ON core_audit;
DROP TRIGGER core_audit_head_forward ON core_audit_head;
DROP FUNCTION core_audit_check_chain();
DROP FUNCTION core_audit_head_forward();
CREATE TRIGGER core_audit_head_frozen BEFORE UPDATE ON core_audit_head
  FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();

-- A row may not land inside a range that is already sealed.
CREATE FUNCTION core_audit_unsealed_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <= (SELECT last_seq FROM core_audit_seal WHERE id = 1) THEN
    RAISE EXCEPTION 'core_audit: row inside a sealed range';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER core_audit_unsealed_only BEFORE INSERT ON core_audit
  FOR EACH ROW EXECUTE FUNCTION core_audit_unsealed_only();

-- Links are append-only and continue the newest one; the seal row only moves to the newest.
CREATE TRIGGER core_audit_links_protect BEFORE UPDATE OR DELETE ON core_audit_links
  FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_links_protect_truncate BEFORE TRUNCATE ON core_audit_links
  FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_seal_protect BEFORE DELETE ON core_audit_seal
  FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_seal_protect_truncate BEFORE TRUNCATE ON core_audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();

CREATE FUNCTION core_audit_links_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tip core_audit_seal%ROWTYPE;
BEGIN
  SELECT * INTO tip FROM core_audit_seal WHERE id = 1;
  IF NEW.id IS DISTINCT FROM tip.link_id + 1 OR NEW.prev_mac IS DISTINCT FROM tip.mac
     OR NEW.first_seq IS DISTINCT FROM tip.last_seq + 1 OR NEW.last_seq < NEW.first_seq THEN
    RAISE EXCEPTION 'core_audit_links: link does not continue the chain';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER core_audit_links_chain BEFORE INSERT ON core_audit_links
  FOR EACH ROW EXECUTE FUNCTION core_audit_links_chain();

CREATE FUNCTION core_audit_seal_forward() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest core_audit_links%ROWTYPE;
BEGIN
  SELECT * INTO newest FROM core_audit_links WHERE id = NEW.link_id;
  IF NOT FOUND OR NEW.id IS DISTINCT FROM OLD.id OR NEW.link_id IS DISTINCT FROM OLD.link_id + 1
     OR NEW.mac IS DISTINCT FROM newest.mac OR NEW.last_seq IS DISTINCT FROM newest.last_seq THEN
    RAISE EXCEPTION 'core_audit_seal may only move to the newest link';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER core_audit_seal_forward BEFORE UPDATE ON core_audit_seal
  FOR EACH ROW EXECUTE FUNCTION core_audit_seal_forward();
