-- Indicator counters, kept incrementally by intake and every workflow action (never by scanning
-- cases). One row per unit (an org node on the case's grid path — province 2 … grid 15 digits —
-- or its handling department), category ('*' for all) and Asia/Shanghai day. "due" rows are
-- keyed by the day the handling deadline falls on; the others by the day the action happened.
CREATE TABLE cases_indicator_counts (
  unit                TEXT NOT NULL,
  category            TEXT NOT NULL,
  day                 TEXT NOT NULL,
  reported            BIGINT NOT NULL DEFAULT 0,
  dispatched          BIGINT NOT NULL DEFAULT 0,
  accepted            BIGINT NOT NULL DEFAULT 0,
  due                 BIGINT NOT NULL DEFAULT 0,  -- handling deadline on this day
  deferred            BIGINT NOT NULL DEFAULT 0,  -- of those, with an approved extension
  closed              BIGINT NOT NULL DEFAULT 0,  -- of those, closed
  closed_on_time      BIGINT NOT NULL DEFAULT 0,  -- of those, closed by the deadline
  closed_on_time_undeferred BIGINT NOT NULL DEFAULT 0,
  extended            BIGINT NOT NULL DEFAULT 0,  -- extensions approved on this day
  verified            BIGINT NOT NULL DEFAULT 0,  -- verification passed
  reworked            BIGINT NOT NULL DEFAULT 0,  -- verification failed, sent back
  resolved            BIGINT NOT NULL DEFAULT 0,  -- handling finished
  handling_minutes    BIGINT NOT NULL DEFAULT 0,  -- working minutes dispatch → resolve, summed
  followups           BIGINT NOT NULL DEFAULT 0,
  followup_resolved   BIGINT NOT NULL DEFAULT 0,
  satisfied           BIGINT NOT NULL DEFAULT 0,
  mostly_satisfied    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (unit, category, day)
);
