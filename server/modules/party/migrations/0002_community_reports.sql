-- In-service members report to the community where they live (在职党员双报到): the registration,
-- the community's needs (small wishes 微心愿, service tasks, activities), sign-ups and the hours
-- recorded when a need is fulfilled. No points, no rankings, no check-ins.
-- org_code is the community's (village) code on all three tables.
CREATE TABLE party_community_reports (
  id            {{id}},
  member_id     BIGINT NOT NULL,
  org_code      TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX party_community_reports_member ON party_community_reports (member_id);
CREATE INDEX party_community_reports_org ON party_community_reports (org_code, id);

CREATE TABLE party_needs (
  id            {{id}},
  org_code      TEXT NOT NULL,
  kind          TEXT NOT NULL,
  title         TEXT NOT NULL,
  detail        TEXT NOT NULL DEFAULT '',
  resident_id   BIGINT,
  status        TEXT NOT NULL DEFAULT 'open',
  fulfilled_on  TEXT NOT NULL DEFAULT '',
  created_by_id BIGINT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX party_needs_org ON party_needs (org_code, id);

CREATE TABLE party_signups (
  id         {{id}},
  need_id    BIGINT NOT NULL,
  member_id  BIGINT NOT NULL,
  org_code   TEXT NOT NULL,
  hours      DOUBLE PRECISION,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX party_signups_pair ON party_signups (need_id, member_id);
CREATE INDEX party_signups_member ON party_signups (member_id);
