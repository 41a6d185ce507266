-- Case lists of a broad scope (a township, a county, a large department) walk ids newest first
-- and check the scope on each entry (CaseStore::List, "by id"). With a status, category or
-- open/overdue filter these indexes give that walk in id order over the matching cases only,
-- carrying org_code and department_code so that the scope is checked without reading the row.
-- bench/cases_list_bench.cpp measures them (docs/performance.md, "Cases").
CREATE INDEX cases_cases_status_id ON cases_cases (status, id, org_code, department_code);
CREATE INDEX cases_cases_category_id ON cases_cases (category_code, id, org_code, department_code);
-- Open cases only (the list's status=open and overdue filters repeat this condition word for
-- word: SQLite and PostgreSQL use a partial index only then).
CREATE INDEX cases_cases_open_id ON cases_cases (id, org_code, department_code, stage_due_at, status)
  WHERE status NOT IN ('closed', 'rejected');
