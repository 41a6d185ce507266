-- Search terms of residents: kind n1/n2 = name characters and character pairs (the 1- and
-- 2-character queries FTS5 trigram cannot answer), py/pi = full pinyin and initials (prefix
-- match), i4/i5/i6 = keyed hashes of the last 4-6 ID characters, p4 = keyed hash of the phone's
-- last 4 digits, a2 = address character pairs. One row per (kind, term, grid, resident).
CREATE TABLE people_search_terms (
  kind        TEXT NOT NULL,
  term        TEXT COLLATE "C" NOT NULL,
  org_code    TEXT COLLATE "C" NOT NULL,
  resident_id BIGINT NOT NULL,
  PRIMARY KEY (kind, term, org_code, resident_id)
);
