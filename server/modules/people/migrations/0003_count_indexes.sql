-- Counts by org subtree (home screens, dashboards) read only these indexes, never the rows:
-- 100k residents county-wide took 150 ms through the rows and takes a few ms this way.
CREATE INDEX people_residents_org_status ON people_residents (org_code, status);
CREATE INDEX people_houses_org_rental ON people_houses (org_code, rental_status);
