-- The database itself refuses to change or remove audit rows, and refuses rows or head moves
-- that do not continue the chain. Only the table owner or a superuser can disable these, and
-- core_audit verification (hash chain + head) then reports any tampering.
CREATE FUNCTION core_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'core_audit is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER core_audit_protect BEFORE UPDATE OR DELETE ON core_audit
  FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_protect_truncate BEFORE TRUNCATE ON core_audit
  FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_head_protect BEFORE DELETE ON core_audit_head
  FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_audit_head_protect_truncate BEFORE TRUNCATE ON core_audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();

CREATE FUNCTION core_audit_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq BIGINT;
  head_hash TEXT;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM core_audit_head WHERE id = 1;
  IF NEW.seq IS DISTINCT FROM head_seq + 1 OR NEW.prev_hash IS DISTINCT FROM head_hash THEN
    RAISE EXCEPTION 'core_audit: row does not continue the chain';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER core_audit_chain BEFORE INSERT ON core_audit
  FOR EACH ROW EXECUTE FUNCTION core_audit_check_chain();

CREATE FUNCTION core_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.seq IS DISTINCT FROM OLD.seq + 1
     OR NEW.hash IS DISTINCT FROM (SELECT hash FROM core_audit WHERE seq = NEW.seq) THEN
    RAISE EXCEPTION 'core_audit_head may only move to the newest row';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER core_audit_head_forward BEFORE UPDATE ON core_audit_head
  FOR EACH ROW EXECUTE FUNCTION core_audit_head_forward();
