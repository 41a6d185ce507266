-- The org tree: divisions (province .. village), grids and departments in one table whose
-- primary key is the code path, so a subtree is one index range.
CREATE TABLE org_nodes (
  code        TEXT PRIMARY KEY,
  parent_code TEXT,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,  -- province city county township village grid department
  kind        TEXT NOT NULL,  -- see org.hpp OrgKind
  category    TEXT NOT NULL DEFAULT '',  -- department type (urban_management, civil_affairs, ...)
  child_count INTEGER NOT NULL DEFAULT 0,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX org_nodes_parent ON org_nodes (parent_code, code);
CREATE INDEX org_nodes_name ON org_nodes (name);

-- Village (or other division) boundaries, GeoJSON Polygon text.
CREATE TABLE org_boundaries (
  code       TEXT PRIMARY KEY,
  geometry   TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE org_grids (
  code                TEXT PRIMARY KEY,
  village_code        TEXT NOT NULL,
  name                TEXT NOT NULL,
  kind                TEXT NOT NULL,      -- comprehensive | dedicated
  dedicated_kind      TEXT NOT NULL DEFAULT '',  -- school | hospital | park | enterprise
  household_capacity  INTEGER NOT NULL DEFAULT 0,
  population_capacity INTEGER NOT NULL DEFAULT 0,
  hotline             TEXT NOT NULL DEFAULT '',
  geometry            TEXT NOT NULL,      -- GeoJSON Polygon
  area_m2             DOUBLE PRECISION NOT NULL,
  version             INTEGER NOT NULL,
  updated_at          BIGINT NOT NULL,
  updated_by          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_grids_village ON org_grids (village_code);

-- Every saved state of a grid, including its deletion, so edits are versioned.
CREATE TABLE org_grid_versions (
  code       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  snapshot   TEXT NOT NULL,  -- JSON of the grid's fields at that version
  deleted    INTEGER NOT NULL DEFAULT 0,
  at         BIGINT NOT NULL,
  actor      TEXT NOT NULL,
  PRIMARY KEY (code, version)
);

CREATE TABLE org_grid_workers (
  grid_code TEXT NOT NULL,
  user_id   BIGINT NOT NULL,
  PRIMARY KEY (grid_code, user_id)
);
CREATE INDEX org_grid_workers_user ON org_grid_workers (user_id);
