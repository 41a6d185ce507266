-- Deliberation (议事协商, issue 13 part 3): topics raised by residents (public page, no
-- account), by staff, or turned from a case, and the consultation meetings held on them.
CREATE TABLE autonomy_topics (
  id            {{id}},
  org_code      TEXT NOT NULL,
  source        TEXT NOT NULL,                 -- resident | staff | case
  case_id       BIGINT,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  submitter     TEXT NOT NULL DEFAULT '',      -- a resident's name as given, or the staff member
  status        TEXT NOT NULL,                 -- open | agreed | not_agreed | referred
  decision_id   BIGINT REFERENCES autonomy_decisions (id),
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX autonomy_topics_org ON autonomy_topics (org_code, created_at);

-- A consultation meeting (协商会议): participants by kind and the outcome. follow_up of an
-- agreed topic: decision (a decision proposal was created) or case.
CREATE TABLE autonomy_consultations (
  id                   {{id}},
  topic_id             BIGINT NOT NULL REFERENCES autonomy_topics (id),
  held_on              TEXT NOT NULL,
  residents            INTEGER NOT NULL,
  representatives      INTEGER NOT NULL,
  units                INTEGER NOT NULL,
  social_organizations INTEGER NOT NULL,
  outcome              TEXT NOT NULL,          -- agreed | not_agreed | referred
  follow_up            TEXT NOT NULL DEFAULT '',
  note                 TEXT NOT NULL DEFAULT '',
  recorded_by          TEXT NOT NULL,
  recorded_at          BIGINT NOT NULL
);
CREATE INDEX autonomy_consultations_topic ON autonomy_consultations (topic_id);
