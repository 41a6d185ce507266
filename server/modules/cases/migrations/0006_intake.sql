-- Intake channels beyond staff and Open311: the 12345 hotline's class of request and its
-- feedback deadline, the duplicate found at intake, and escalation (吹哨报到).
-- Times are UTC epoch milliseconds.

-- Hotline tickets: emergency | utility | general | complex ('' for other channels). The class
-- sets the dispatch and feedback limits of DB11/T 2021-2022; feedback_due_at is when the caller
-- must hear back (回访), whatever the handling stage.
ALTER TABLE cases_cases ADD COLUMN hotline_class TEXT NOT NULL DEFAULT '';
ALTER TABLE cases_cases ADD COLUMN feedback_due_at BIGINT;
-- When the caller (or a resident) was called back and gave the follow-up answers (回访).
ALTER TABLE cases_cases ADD COLUMN followed_up_at BIGINT;
-- Set once the deadline timer found feedback_due_at passed without a call-back.
ALTER TABLE cases_cases ADD COLUMN feedback_overdue INTEGER NOT NULL DEFAULT 0;
-- The timer's look-up of lapsed call-backs (NULL for every channel but the hotline).
CREATE INDEX cases_cases_feedback_due ON cases_cases (feedback_due_at);
-- An open case of the same category close in place and time, found when this one came in: a
-- suggestion for the dispatcher, who merges (duplicate_of) or ignores it.
ALTER TABLE cases_cases ADD COLUMN likely_duplicate_of BIGINT;
-- Set once a case was escalated to a department above its township (吹哨报到).
ALTER TABLE cases_cases ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
-- The duplicate check reads recent cases of one category inside a small lat/lng box: the box
-- is checked in the index, so only cases near the point are read.
CREATE INDEX cases_cases_category_created ON cases_cases (category_code, created_at, lat, lng);
