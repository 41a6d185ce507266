-- Disclosures written by the village (三务公开, issue 13 part 4): finance lines with their
-- totals, and the village affairs supervisory committee's review (村务监督委员会) before a finance
-- disclosure is published. Amounts are integer fen (分).
ALTER TABLE autonomy_disclosures ADD COLUMN total_income BIGINT;
ALTER TABLE autonomy_disclosures ADD COLUMN total_expense BIGINT;
ALTER TABLE autonomy_disclosures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE autonomy_disclosures ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE autonomy_disclosure_lines (
  disclosure_id BIGINT NOT NULL REFERENCES autonomy_disclosures (id),
  position      INTEGER NOT NULL,
  label         TEXT NOT NULL,
  kind          TEXT NOT NULL,                 -- income | expense
  amount        BIGINT NOT NULL,               -- fen
  PRIMARY KEY (disclosure_id, position)
);

-- Each review of a disclosure by a supervisor: approve (签字同意) or refuse with a reason.
CREATE TABLE autonomy_disclosure_reviews (
  id            {{id}},
  disclosure_id BIGINT NOT NULL REFERENCES autonomy_disclosures (id),
  verdict       TEXT NOT NULL,                 -- approve | refuse
  reason        TEXT NOT NULL DEFAULT '',
  reviewer_id   BIGINT NOT NULL,
  reviewer      TEXT NOT NULL,
  at            BIGINT NOT NULL
);
CREATE INDEX autonomy_disclosure_reviews_disclosure ON autonomy_disclosure_reviews (disclosure_id);
CREATE INDEX autonomy_disclosures_period ON autonomy_disclosures (org_code, kind, period);

-- A village's disclosure schedule (公开计划): party and village affairs at least quarterly,
-- finances every finance_months months (1, or 3 where transactions are rare); a period's
-- disclosure is due on the grace_working_days-th working day after it ends. Periods that start
-- before starts_on are not counted.
CREATE TABLE autonomy_schedules (
  org_code           TEXT PRIMARY KEY,
  finance_months     INTEGER NOT NULL DEFAULT 1,
  grace_working_days INTEGER NOT NULL DEFAULT 10,
  starts_on          TEXT NOT NULL,
  updated_by         TEXT NOT NULL DEFAULT '',
  updated_at         BIGINT NOT NULL
);
