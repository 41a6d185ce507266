-- Party organizations bound to org nodes, and their members linked to resident records (people
-- module). org_code is the org node the party organization is bound to; a member row carries its
-- party organization's org_code so the data scope is one prefix range on either table.
CREATE TABLE party_orgs (
  id              {{id}},
  org_code        TEXT NOT NULL,
  parent_id       BIGINT,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  units           TEXT NOT NULL DEFAULT '[]',
  term_started_on TEXT NOT NULL DEFAULT '',
  term_ends_on    TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX party_orgs_org ON party_orgs (org_code, id);
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);
CREATE INDEX party_orgs_term ON party_orgs (term_ends_on);

CREATE TABLE party_members (
  id             {{id}},
  party_org_id   BIGINT NOT NULL,
  org_code       TEXT NOT NULL,
  resident_id    BIGINT NOT NULL,
  status         TEXT NOT NULL,
  joined_on      TEXT NOT NULL,
  committee_post TEXT NOT NULL DEFAULT '',
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX party_members_resident ON party_members (resident_id);
CREATE INDEX party_members_party_org ON party_members (party_org_id, id);
CREATE INDEX party_members_org ON party_members (org_code, id);

-- Households a member looks after (党员联户): households of the member's grid (people module).
-- org_code is the household's grid, for the data scope.
CREATE TABLE party_household_links (
  id           {{id}},
  member_id    BIGINT NOT NULL,
  household_id BIGINT NOT NULL,
  org_code     TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX party_household_links_pair ON party_household_links (member_id, household_id);
CREATE INDEX party_household_links_org ON party_household_links (org_code, id);
