-- Major village decisions by 四议两公开 (issue 13 part 2) and the disclosures the decision path
-- creates. Times are UTC epoch milliseconds; meeting dates are local dates (YYYY-MM-DD).

-- A major matter of a village or community. stage is the last stage passed: proposed |
-- joint_meeting | party_meeting | assembly | representatives_assembly | resolution_disclosed |
-- result_disclosed. status: open | stopped (a stage missed its quorum or vote) | done.
CREATE TABLE autonomy_decisions (
  id            {{id}},
  org_code      TEXT NOT NULL,
  title         TEXT NOT NULL,
  matter        TEXT NOT NULL,                 -- assets | land | project | budget | subsidy | convention | other
  proposal      TEXT NOT NULL,
  stage         TEXT NOT NULL,
  status        TEXT NOT NULL,
  stop_reason   TEXT NOT NULL DEFAULT '',      -- the error code that stopped it
  version       INTEGER NOT NULL DEFAULT 1,
  created_by_id BIGINT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX autonomy_decisions_org ON autonomy_decisions (org_code, created_at);

-- One meeting of a decision (商议, 审议, 决议). expected / present count people; for the
-- villagers' assembly households_expected / households_present count households (the law's
-- alternative quorum), NULL otherwise. passed = 0 rows stopped the decision.
CREATE TABLE autonomy_decision_stages (
  id                  {{id}},
  decision_id         BIGINT NOT NULL REFERENCES autonomy_decisions (id),
  stage               TEXT NOT NULL,
  held_on             TEXT NOT NULL,
  expected            INTEGER NOT NULL,
  present             INTEGER NOT NULL,
  households_expected INTEGER,
  households_present  INTEGER,
  votes_for           INTEGER NOT NULL,
  votes_against       INTEGER NOT NULL,
  abstained           INTEGER NOT NULL,
  minutes             TEXT NOT NULL DEFAULT '',
  passed              INTEGER NOT NULL,
  outcome             TEXT NOT NULL,           -- passed | quorum_not_met | rejected
  recorded_by_id      BIGINT NOT NULL,
  recorded_at         BIGINT NOT NULL,
  UNIQUE (decision_id, stage)
);

-- Disclosures (三务公开). kind: party | village | finance. A decision's resolution and result
-- disclosures are village disclosures with decision_id and decision_part set, published at once
-- (major matters are disclosed at once).
CREATE TABLE autonomy_disclosures (
  id            {{id}},
  org_code      TEXT NOT NULL,
  kind          TEXT NOT NULL,
  period        TEXT NOT NULL DEFAULT '',      -- YYYY-MM or YYYY-Qn; '' for a decision's
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  decision_id   BIGINT REFERENCES autonomy_decisions (id),
  decision_part TEXT NOT NULL DEFAULT '',      -- resolution | result
  status        TEXT NOT NULL,                 -- draft | signed_off | refused | published
  published_at  BIGINT,
  created_by_id BIGINT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX autonomy_disclosures_org ON autonomy_disclosures (org_code, created_at);
CREATE INDEX autonomy_disclosures_decision ON autonomy_disclosures (decision_id);
