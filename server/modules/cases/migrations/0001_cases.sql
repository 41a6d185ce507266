-- The case catalogue (GB/T 30428.2 style, editable data), the working-day calendar, and cases
-- with their timeline. Times are UTC epoch milliseconds.

-- One row per minor category. code = kind letter + major 2 + minor 2 ("E0102" 暴露垃圾,
-- "C0101" 上水井盖); it is also the Open311 service_code.
CREATE TABLE cases_categories (
  code               TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,              -- event | component
  major_code         TEXT NOT NULL,
  major_name         TEXT NOT NULL,
  name               TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  routing            TEXT NOT NULL,              -- locality_first | owner_first
  department_category TEXT NOT NULL,             -- org department category that handles it
  active             INTEGER NOT NULL DEFAULT 1,
  version            INTEGER NOT NULL DEFAULT 1,
  updated_at         BIGINT NOT NULL
);

-- Deadline of a stage for a category and urgency. unit: minutes (natural), working_minutes,
-- working_days (the day of receipt not counted; due at the end of the last working period).
CREATE TABLE cases_category_deadlines (
  category_code TEXT NOT NULL,
  stage         TEXT NOT NULL,                   -- dispatch | handling | verification_urban | verification_rural
  urgency       TEXT NOT NULL,                   -- normal | urgent
  amount        INTEGER NOT NULL,
  unit          TEXT NOT NULL,
  PRIMARY KEY (category_code, stage, urgency)
);

-- Official holidays and make-up workdays (调休), loaded from chinese-days, editable by admins.
CREATE TABLE cases_calendar_days (
  day        TEXT PRIMARY KEY,                   -- YYYY-MM-DD (Asia/Shanghai)
  kind       TEXT NOT NULL,                      -- holiday | workday
  name       TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL DEFAULT 'chinese-days',
  updated_at BIGINT NOT NULL
);

-- A case. org_code is the grid it was located to; reporter_* are never public (Open311 GET
-- answers leave them out); reporter_phone is encrypted like residents' phones.
CREATE TABLE cases_cases (
  id                 {{id}},
  tracking_code      TEXT NOT NULL,
  channel            TEXT NOT NULL,              -- grid_worker | resident | hotline | api | open311
  request_type       TEXT NOT NULL DEFAULT '',   -- hotline: consult | help | complaint | report | suggestion
  category_code      TEXT NOT NULL,
  urgency            TEXT NOT NULL DEFAULT 'normal',
  status             TEXT NOT NULL,
  description        TEXT NOT NULL,
  address            TEXT NOT NULL DEFAULT '',
  lng                DOUBLE PRECISION,
  lat                DOUBLE PRECISION,
  org_code           TEXT NOT NULL,
  department_code    TEXT NOT NULL DEFAULT '',   -- handling department (org node) once dispatched
  reporter_user_id   BIGINT,
  reporter_name      TEXT NOT NULL DEFAULT '',
  reporter_phone_enc {{blob}},
  first_receiver_id  BIGINT,                     -- 首接负责: stays responsible to the end
  stage_due_at       BIGINT,                     -- due time of the current stage
  handling_due_at    BIGINT,
  overdue            INTEGER NOT NULL DEFAULT 0,
  supervised         INTEGER NOT NULL DEFAULT 0, -- 督办
  duplicate_of       BIGINT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  closed_at          BIGINT
);
CREATE UNIQUE INDEX cases_cases_tracking ON cases_cases (tracking_code);
CREATE INDEX cases_cases_org ON cases_cases (org_code, id);
CREATE INDEX cases_cases_status ON cases_cases (status, stage_due_at);
CREATE INDEX cases_cases_department ON cases_cases (department_code, status, id);
CREATE INDEX cases_cases_category ON cases_cases (category_code, created_at);

-- Every transition: who, when, a note, the state before and after.
CREATE TABLE cases_case_events (
  id          {{id}},
  case_id     BIGINT NOT NULL,
  action      TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL,
  actor_id    BIGINT,
  actor_name  TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL DEFAULT '{}',
  at          BIGINT NOT NULL
);
CREATE INDEX cases_case_events_case ON cases_case_events (case_id, id);
