-- Base records collected once: houses, households, residents, units; their tags, field history,
-- visits and patrol logs. org_code is always the grid (15 digits) the record belongs to.
CREATE TABLE people_houses (
  id            {{id}},
  org_code      TEXT NOT NULL,
  building      TEXT NOT NULL DEFAULT '',
  unit          TEXT NOT NULL DEFAULT '',
  room          TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL,
  use_kind      TEXT NOT NULL DEFAULT 'residential',
  owner_name    TEXT NOT NULL DEFAULT '',
  rental_status TEXT NOT NULL DEFAULT 'owner_occupied',
  lng           DOUBLE PRECISION,
  lat           DOUBLE PRECISION,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX people_houses_org ON people_houses (org_code, id);

CREATE TABLE people_households (
  id         {{id}},
  number     TEXT NOT NULL,
  org_code   TEXT NOT NULL,
  house_id   BIGINT,
  head_id    BIGINT,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_households_number ON people_households (number);
CREATE INDEX people_households_org ON people_households (org_code, id);
CREATE INDEX people_households_house ON people_households (house_id);

-- id_number and phone are encrypted (core/crypto FieldCipher); *_index are keyed hashes
-- (blind indexes) for exact lookups and the duplicate check.
CREATE TABLE people_residents (
  id               {{id}},
  org_code         TEXT NOT NULL,
  house_id         BIGINT,
  household_id     BIGINT,
  relation         TEXT NOT NULL DEFAULT '',
  name             TEXT NOT NULL,
  former_names     TEXT NOT NULL DEFAULT '',
  gender           TEXT NOT NULL,
  birth_date       TEXT NOT NULL DEFAULT '',
  ethnicity        TEXT NOT NULL DEFAULT '',
  id_type          TEXT NOT NULL,
  id_number_enc    {{blob}},
  id_number_index  TEXT,
  phone_enc        {{blob}},
  phone_index      TEXT,
  hukou_address    TEXT NOT NULL DEFAULT '',
  current_address  TEXT NOT NULL DEFAULT '',
  residency_kind   TEXT NOT NULL DEFAULT 'registered',
  education        TEXT NOT NULL DEFAULT '',
  political_status TEXT NOT NULL DEFAULT '',
  marital_status   TEXT NOT NULL DEFAULT '',
  occupation       TEXT NOT NULL DEFAULT '',
  employer         TEXT NOT NULL DEFAULT '',
  notes            TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'active',
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  updated_by       TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX people_residents_id_number ON people_residents (id_number_index);
CREATE INDEX people_residents_org ON people_residents (org_code, id);
CREATE INDEX people_residents_birth ON people_residents (birth_date, org_code);
CREATE INDEX people_residents_household ON people_residents (household_id);
CREATE INDEX people_residents_house ON people_residents (house_id);
CREATE INDEX people_residents_phone ON people_residents (phone_index);

CREATE TABLE people_resident_tags (
  id          {{id}},
  resident_id BIGINT NOT NULL,
  org_code    TEXT NOT NULL,
  kind        TEXT NOT NULL,
  start_date  TEXT NOT NULL DEFAULT '',
  end_date    TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX people_resident_tags_resident ON people_resident_tags (resident_id);
CREATE INDEX people_resident_tags_kind ON people_resident_tags (kind, org_code, resident_id);

-- Every field change of a base record (sensitive values masked).
CREATE TABLE people_changes (
  id        {{id}},
  entity    TEXT NOT NULL,   -- resident | household | house | unit
  entity_id BIGINT NOT NULL,
  field     TEXT NOT NULL,
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  at        BIGINT NOT NULL,
  actor     TEXT NOT NULL
);
CREATE INDEX people_changes_entity ON people_changes (entity, entity_id, id);

CREATE TABLE people_units (
  id                {{id}},
  org_code          TEXT NOT NULL,
  name              TEXT NOT NULL,
  credit_code       TEXT,
  kind              TEXT NOT NULL DEFAULT 'enterprise',
  address           TEXT NOT NULL DEFAULT '',
  contact_name      TEXT NOT NULL DEFAULT '',
  contact_phone_enc {{blob}},
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_units_credit_code ON people_units (credit_code);
CREATE INDEX people_units_org ON people_units (org_code, id);

CREATE TABLE people_visits (
  id            {{id}},
  org_code      TEXT NOT NULL,
  resident_id   BIGINT,
  household_id  BIGINT,
  house_id      BIGINT,
  visited_at    BIGINT NOT NULL,
  place         TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL,
  created_by_id BIGINT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX people_visits_org ON people_visits (org_code, id);
CREATE INDEX people_visits_resident ON people_visits (resident_id, id);
CREATE INDEX people_visits_household ON people_visits (household_id, id);

CREATE TABLE people_patrol_logs (
  id            {{id}},
  org_code      TEXT NOT NULL,
  at            BIGINT NOT NULL,
  note          TEXT NOT NULL,
  handover      INTEGER NOT NULL DEFAULT 0,
  created_by_id BIGINT NOT NULL,
  created_by    TEXT NOT NULL
);
CREATE INDEX people_patrol_logs_author ON people_patrol_logs (created_by_id, id);
CREATE INDEX people_patrol_logs_org ON people_patrol_logs (org_code, id);

CREATE TABLE people_imports (
  id             {{id}},
  user_id        BIGINT NOT NULL,
  filename       TEXT NOT NULL,
  mode           TEXT NOT NULL,
  status         TEXT NOT NULL,
  total_rows     BIGINT NOT NULL DEFAULT 0,
  valid_rows     BIGINT NOT NULL DEFAULT 0,
  error_rows     BIGINT NOT NULL DEFAULT 0,
  inserted_rows  BIGINT NOT NULL DEFAULT 0,
  errors         TEXT NOT NULL DEFAULT '[]',
  created_at     BIGINT NOT NULL,
  finished_at    BIGINT
);
CREATE INDEX people_imports_user ON people_imports (user_id, id);
