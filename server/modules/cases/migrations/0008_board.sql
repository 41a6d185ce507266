-- The command board (指挥大屏) counts open cases by area many times a minute. Closed and
-- rejected cases are the vast majority of a county's cases, so these indexes hold open cases
-- only; the board's queries repeat the condition word for word (SQLite and PostgreSQL use a
-- partial index only then).
-- Counts by area, status, due time and warning, with the handling department for the scope
-- check: the board reads no table rows for them.
CREATE INDEX cases_cases_open_area ON cases_cases (org_code, status, stage_due_at, warned, department_code)
  WHERE status NOT IN ('closed', 'rejected');
-- The newest open cases with a location, for the map.
CREATE INDEX cases_cases_open_located ON cases_cases (org_code, id)
  WHERE status NOT IN ('closed', 'rejected') AND lng IS NOT NULL;
