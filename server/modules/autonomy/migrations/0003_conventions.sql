-- Village conventions (村规民约 / 居民公约, issue 13 part 3): versioned text, adopted through a
-- decision of matter 'convention', filed with the township (备案) with its legality review
-- (合法性审查). The version in force is the newest filed one whose review passed.
CREATE TABLE autonomy_conventions (
  id            {{id}},
  org_code      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  status        TEXT NOT NULL,                 -- draft | adopted | filed | review_failed
  decision_id   BIGINT REFERENCES autonomy_decisions (id),
  adopted_on    TEXT NOT NULL DEFAULT '',      -- the assembly's date
  review_result TEXT NOT NULL DEFAULT '',      -- passed | failed
  review_note   TEXT NOT NULL DEFAULT '',
  reviewed_on   TEXT NOT NULL DEFAULT '',
  reviewed_by   TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  UNIQUE (org_code, version)
);
CREATE UNIQUE INDEX autonomy_conventions_decision ON autonomy_conventions (decision_id);
