-- The deadline timer marks a stage overdue once and warns once before it is due; both flags are
-- cleared when the case enters a new stage. The index serves the timer's sweep.
ALTER TABLE cases_cases ADD COLUMN warned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_cases_due ON cases_cases (overdue, stage_due_at);
