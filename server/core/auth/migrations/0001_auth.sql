-- Users, sessions and the login log. Times are epoch milliseconds UTC.
-- roles: comma-separated role codes ("township_staff,grid_worker"); the templates live in code.
CREATE TABLE core_users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  org_code TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT '',
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_login_at BIGINT,
  password_changed_at BIGINT
);
CREATE INDEX core_users_org_code ON core_users (org_code);

-- id is the SHA-256 of the bearer/cookie token: the token itself is never stored.
CREATE TABLE core_sessions (
  id TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES core_users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX core_sessions_user ON core_sessions (user_id);
CREATE INDEX core_sessions_expires ON core_sessions (expires_at);

-- Every login attempt (Cybersecurity Law art. 21: keep >= 6 months; nothing here deletes).
-- org_code is the user's node when the user is known, '' otherwise; lists filter by scope.
CREATE TABLE core_login_log (
  id {{id}},
  at BIGINT NOT NULL,
  username TEXT NOT NULL,
  user_id BIGINT,
  org_code TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX core_login_log_at ON core_login_log (at);
CREATE INDEX core_login_log_username ON core_login_log (username, id);
