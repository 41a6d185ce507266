-- Who sits on a village's villagers' (residents') committee and on its village affairs
-- supervisory committee (村务监督委员会), by resident record. Kept here until the party module
-- holds the two committees (村"两委"); ended_on is set when a member leaves.
CREATE TABLE autonomy_committee_members (
  id          {{id}},
  org_code    TEXT NOT NULL,
  committee   TEXT NOT NULL,                   -- villagers | supervisory
  resident_id BIGINT NOT NULL,
  name        TEXT NOT NULL,
  post        TEXT NOT NULL DEFAULT '',
  started_on  TEXT NOT NULL,
  ended_on    TEXT,
  created_at  BIGINT NOT NULL
);
CREATE INDEX autonomy_committee_members_org ON autonomy_committee_members (org_code, committee);
