-- A password set by an administrator must be changed at the next login; the three
-- administrators log in with a TOTP code (RFC 6238) as a second factor.
ALTER TABLE core_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE core_users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
-- The shared secret, encrypted with the data key (FieldCipher); NULL when none.
ALTER TABLE core_users ADD COLUMN totp_secret {{blob}};
-- The last 30-second step accepted: a code is never accepted twice.
ALTER TABLE core_users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Single-use recovery codes for a lost authenticator; only their SHA-256 is kept.
CREATE TABLE core_recovery_codes (
  user_id BIGINT NOT NULL REFERENCES core_users (id),
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (user_id, code_hash)
);
